"""Every calendar feed of the demo: found from its pages, parsed by two parsers, nothing private.

The crawl reads every public page of the demo as a resident would and collects each calendar link
it offers (``webcal://``, ``https://…ics``, ``<link rel="alternate">``); every feed of every public
object is then requested as well, so a feed no page links to is still checked. A feed is one URL
a calendar program polls for years: each must parse in ``icalendar`` and the stricter ``ical``,
define every TZID it uses, carry the demo's cancelled meeting as cancelled with a raised SEQUENCE,
and never show the demo's draft or password-protected meeting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from demo.loader import DemoResult
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from tests.demo.conftest import Feed, meeting, parse_feed
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.models import (
    AgreementPage,
    MeetingIndexPage,
    MeetingPage,
    Organisation,
    OrganisationCategory,
)

CANCELLED_MEETING = "Dialog om föreningslokaler"
OCTOBER_MEETING = "Stormöte om det digitala utanförskapet"
_CALENDAR_LINK = re.compile(r"""(?:webcal|https?)://[^"'\s<>]+?\.ics|(?<=href=")/[^"]+?\.ics""")


@dataclass
class Crawl:
    pages: dict[str, str]  # path -> HTML
    links: set[str]  # feed paths the pages offer
    expected: set[str]  # the feed of every public object
    feeds: dict[str, Feed]
    responses: dict[str, Any]


def _public_pages() -> list[str]:
    paths = ["/"]
    for index in MeetingIndexPage.objects.live().public():
        paths += [index.url, index.url + "past/"]
        paths += [f"{index.url}?category={c.slug}" for c in OrganisationCategory.objects.all()]
    paths += [a.url for a in AgreementPage.objects.live().public()]
    paths += [m.url for m in MeetingPage.objects.for_feed()]
    organisations = Organisation.objects.public()
    directory = Page.objects.get(slug="organisationer").url
    paths += [directory] + [o.get_url() for o in organisations]
    return paths


def _expected_feeds() -> set[str]:
    objects = (
        [("all", None)]
        + [("index", p) for p in MeetingIndexPage.objects.live().public()]
        + [("agreement", p) for p in AgreementPage.objects.live().public()]
        + [("organisation", o) for o in Organisation.objects.public()]
        + [("category", c) for c in OrganisationCategory.objects.all()]
        + [("meeting", m) for m in MeetingPage.objects.for_feed()]
    )
    return {feed_path(kind, obj) for kind, obj in objects}


@pytest.fixture(scope="module")
def crawl(loaded_demo: DemoResult, django_db_blocker: Any) -> Crawl:
    client = Client()
    with django_db_blocker.unblock():
        pages, links = {}, set()
        for path in _public_pages():
            response = client.get(path)
            assert response.status_code == 200, path
            pages[path] = response.content.decode()
            links |= {urlsplit(link).path for link in _CALENDAR_LINK.findall(pages[path])}
        expected = _expected_feeds()
        responses = {path: client.get(path) for path in links | expected}
        feeds = {
            path: parse_feed(path, r.content)
            for path, r in responses.items()
            if r.status_code == 200
        }
    return Crawl(pages, links, expected, feeds, responses)


def test_every_calendar_link_on_a_page_is_a_feed_of_a_public_object(crawl):
    assert crawl.links <= crawl.expected, crawl.links - crawl.expected


def test_the_pages_offer_the_feeds_of_everything_public(crawl):
    kinds = {
        "calendar/all.ics",
        "calendar/meetings/",
        "calendar/agreements/",
        "calendar/organisations/",
        "calendar/categories/",
        "calendar/meeting/",
    }
    for prefix in kinds:
        wanted = {p for p in crawl.expected if p.startswith("/" + prefix)}
        assert wanted and wanted <= crawl.links, (prefix, wanted - crawl.links)


def test_every_feed_answers_as_a_calendar_and_parses(crawl):
    assert len(crawl.responses) >= 40
    for path, response in crawl.responses.items():
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("text/calendar"), path
        assert path in crawl.feeds  # parse_feed checked both parsers and every TZID


def test_the_cancelled_meeting_is_cancelled_with_a_raised_sequence(demo, crawl):
    cancelled = meeting(CANCELLED_MEETING)
    wanted = {
        feed_path("all"),
        feed_path("meeting", cancelled),
        feed_path("index", cancelled.get_parent().specific),
        feed_path("agreement", cancelled.agreement),
    }
    for path in wanted:
        event = crawl.feeds[path].events[str(cancelled.uid)]
        assert str(event["STATUS"]) == "CANCELLED", path
        assert int(event["SEQUENCE"]) >= 1, path


def test_the_october_meeting_is_in_its_feeds_at_18_stockholm_time(demo, crawl):
    october = meeting(OCTOBER_MEETING)
    host = october.hosts.get()
    category = OrganisationCategory.objects.get(name="Trossamfunden")
    for path in (
        feed_path("all"),
        feed_path("organisation", host),
        feed_path("category", category),
        feed_path("meeting", october),
    ):
        event = crawl.feeds[path].events[str(october.uid)]
        start = event["DTSTART"]
        assert start.params["TZID"] == "Europe/Stockholm", path
        assert (start.dt.hour, start.dt.minute) == (18, 0), path
        assert "Jägaregatan 6" in str(event["LOCATION"]), path


def test_uids_in_feeds_are_the_meetings_stable_uids(demo, crawl):
    public = {str(m.uid) for m in MeetingPage.objects.for_feed()}
    seen = set().union(*(feed.events for feed in crawl.feeds.values()))
    assert seen <= public
    assert str(meeting(OCTOBER_MEETING).uid) in seen


def test_the_draft_and_the_private_meeting_are_in_no_feed_and_on_no_page(demo, crawl):
    hidden = [
        MeetingPage.objects.get(title__startswith="Utkast:"),
        MeetingPage.objects.get(title__startswith="Lösenordsskyddat:"),
    ]
    for page in hidden:
        for path, feed in crawl.feeds.items():
            assert str(page.uid) not in feed.events, (page.title, path)
            assert page.title not in feed.summaries(), (page.title, path)
        for path, html in crawl.pages.items():
            assert page.title not in html, (page.title, path)
            assert page.slug not in html, (page.title, path)
        # Their own feeds do not exist for the public either.
        own_feed = reverse("wagtail_civil:feed_meeting", kwargs={"pk": page.pk})
        assert Client().get(own_feed).status_code == 404


def test_the_private_meeting_asks_for_the_password_and_the_draft_is_not_found(demo):
    client = Client()
    private = MeetingPage.objects.get(title__startswith="Lösenordsskyddat:")
    response = client.get(private.url)
    assert response.status_code == 200
    assert private.theme not in response.content.decode()
    assert "password" in response.content.decode().lower()
    draft = MeetingPage.objects.get(title__startswith="Utkast:")
    assert client.get(draft.get_parent().url + draft.slug + "/").status_code == 404
