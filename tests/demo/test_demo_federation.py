"""The demo's regional calendar page: the demo's own public meetings and agreements, none of its
hidden ones, a feed under the demo's UIDs, no followed site (no network at load time), and
loading again adds nothing."""

from __future__ import annotations

import json

import pytest
from demo.federation import SLUG
from icalendar import Calendar

from tests.demo.conftest import parse_feed
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.models import FollowedSite, MeetingPage, RegionalCalendarPage

pytestmark = pytest.mark.django_db

NEVER_PUBLIC = "example_site/demo/data/never-public.json"


def test_the_regional_page_shows_the_demos_public_meetings_only(demo, client):
    page = RegionalCalendarPage.objects.live().public().get(slug=SLUG)
    assert not FollowedSite.objects.exists()
    html = client.get(page.url).content.decode()
    upcoming = MeetingPage.objects.for_feed().upcoming()
    assert upcoming and all(m.title in html for m in upcoming)
    with open(NEVER_PUBLIC, encoding="utf-8") as hidden:
        for meeting in json.load(hidden)["meetings"]:
            assert meeting["title"] not in html
    agreements = client.get(page.url + "agreements/")
    assert agreements.status_code == 200 and "ÖK Idé" in agreements.content.decode()


def test_the_regional_feed_is_the_demos_meetings_under_its_uids(demo, client):
    page = RegionalCalendarPage.objects.get(slug=SLUG)
    path = feed_path("regional", page)
    response = client.get(path)
    assert response.status_code == 200
    parse_feed(path, response.content)  # the demo's feed checks (RFC 5545, VTIMEZONE, …)
    uids = {str(e["UID"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    all_uids = {
        str(e["UID"])
        for e in Calendar.from_ical(client.get(feed_path("all")).content).walk("VEVENT")
    }
    assert uids and uids <= all_uids


def test_loading_again_adds_no_second_page(demo, load):
    load()
    assert RegionalCalendarPage.objects.filter(slug=SLUG).count() == 1
