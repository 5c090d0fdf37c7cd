"""A site's own feed: subclass one of the app's feeds, register it, and it is served and linked.

docs/feeds.md ("Your own feed") shows the same steps; this is that example, run.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
from django.http import HttpRequest

from tests.app.test_feed_content import fetch
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.feeds import FEEDS, AgreementFeed, OrganisationFeed, register_feed
from wagtail_civil.models import MeetingAttendance

URLCONF = "tests.custom_feed_urls"


class HostedMeetingsFeed(OrganisationFeed):
    """Only the meetings an organisation hosts (the app's organisation feed also has those it
    attends): the kind of feed a council's page will want."""

    kind = "hosted"
    route = "calendar/hosts/<civil_pk:pk>.ics"

    def meetings(self, obj: Any, request: HttpRequest) -> Any:
        return super().meetings(obj, request).filter(hosts=obj)

    def name(self, obj: Any, request: HttpRequest) -> str:
        return f"Värd: {obj.name} – {self.words(obj, request)['site']}"


@pytest.fixture
def serve(settings):
    """``serve(Feed, …)``: register the feeds as a site's ``AppConfig.ready()`` does, then read
    the URLs afresh; the registry and the URLs are as before after the test."""
    before = dict(FEEDS)

    def run(*feeds: type) -> None:
        for feed in feeds:
            register_feed(feed)
        sys.modules.pop(URLCONF, None)  # its included resolvers keep the patterns they read
        settings.ROOT_URLCONF = URLCONF

    yield run
    FEEDS.clear()
    FEEDS.update(before)
    sys.modules.pop(URLCONF, None)


def test_a_registered_feed_of_a_site_is_served_and_linked(
    client, serve, make_meeting, make_organisation
):
    church = make_organisation("Svenska kyrkan")
    make_meeting("Värd", hosts=[church])
    attended = make_meeting("Deltar")
    MeetingAttendance.objects.create(page=attended, organisation=church)
    serve(HostedMeetingsFeed)

    path = feed_path("hosted", church)
    assert path == f"/calendar/hosts/{church.pk}.ics"
    assert set(fetch(client, path)) == {"Värd"}
    response = client.get(path)
    body = response.content.decode().replace("\r\n ", "")
    assert "X-WR-CALNAME:Värd: Svenska kyrkan – Testkommun" in body
    assert response["Content-Disposition"] == 'inline; filename="svenska-kyrkan.ics"'
    assert client.post(path).status_code == 405
    assert client.get(path, headers={"if-none-match": response["ETag"]}).status_code == 304
    # The app's own feeds are still there.
    assert set(fetch(client, feed_path("organisation", church))) == {"Värd", "Deltar"}


def test_a_site_can_replace_one_of_the_apps_feeds(client, serve, civil_site, make_meeting):
    class ShortAgreementFeed(AgreementFeed):
        def description(self, obj: Any, request: HttpRequest) -> str:
            return f"Möten om {obj.title}."

    make_meeting("Uppföljning")
    serve(ShortAgreementFeed)
    path = feed_path("agreement", civil_site.agreement)
    body = client.get(path).content.decode().replace("\r\n ", "")
    assert f"DESCRIPTION:Möten om {civil_site.agreement.title}." in body


def test_an_unregistered_kind_has_no_feed(civil_site, make_organisation):
    assert "hosted" not in FEEDS
    assert feed_path("hosted", make_organisation("Röda Korset")) is None
