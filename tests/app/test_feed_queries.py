"""A feed costs the same number of queries for 3 meetings as for 30.

Feeds are the most requested URLs of the app (every subscriber's calendar program, every few
hours), so one query per meeting would be the first thing to take a municipality's site down.
The meetings here carry everything a feed reads: hosts with categories, attendance, speakers with
organisations, programme items and an agreement.
"""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests.app.conftest import next_week_at
from wagtail_civil import conf
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.feeds import AllMeetingsFeed
from wagtail_civil.feeds.render import render_feed
from wagtail_civil.models import MeetingAttendance, MeetingPage, MeetingSpeaker

# The most any feed takes (an organisation's: site, root page, the organisation, view
# restrictions, two audit logs, and the meetings as rows with their relations in one query),
# whatever the number of meetings. It was 15 with a query per prefetched relation.
MAX_QUERIES = 7


@pytest.fixture
def rich(civil_site, make_meeting, make_organisation, make_category):
    culture = make_category("Kultur")
    hosts = [make_organisation(f"Värd {i}", categories=[culture]) for i in range(2)]
    made = []

    def add(n: int) -> None:
        for _ in range(n):
            i = len(made)
            meeting = make_meeting(
                f"Möte {i}",
                start=next_week_at(days=1 + i),
                hosts=hosts,
                categories=[culture],
                agreement=civil_site.agreement,
                programme=[(dt.time(18), "Välkommen"), (None, "Fika")],
                contact_name="Kim",
                contact_email="kim@example.org",
            )
            MeetingSpeaker.objects.create(page=meeting, name="Talare", organisation=hosts[0])
            MeetingAttendance.objects.create(page=meeting, organisation=hosts[1])
            made.append(meeting)

    add.paths = lambda: {  # type: ignore[attr-defined]
        "all": feed_path("all"),
        "index": feed_path("index", civil_site.meeting_index),
        "agreement": feed_path("agreement", civil_site.agreement),
        "organisation": feed_path("organisation", hosts[0]),
        "category": feed_path("category", culture),
    }
    return add


def _domain() -> list:
    """What every feed is made of: the meetings for feeds, as the core's objects."""
    return [m.to_domain() for m in MeetingPage.objects.for_feed()]


def _events(response) -> list:
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


KINDS = ["all", "index", "agreement", "organisation", "category"]


def test_every_feed_takes_the_same_queries_for_3_or_30_meetings(
    client, rich, subtests, django_assert_max_num_queries
):
    """Every kind of feed over the same meetings: made once, as making 30 pages takes seconds."""
    rich(3)
    paths = rich.paths()
    _domain()  # warm the site-root cache the first get_full_url fills
    with CaptureQueriesContext(connection) as for_three:
        assert len(_domain()) == 3
    for kind in KINDS:
        client.get(paths[kind])  # warm the caches a site fills once (site root paths)
        with subtests.test(kind=kind, meetings=3):
            with django_assert_max_num_queries(MAX_QUERIES):
                events = _events(client.get(paths[kind]))
            assert len(events) == 3
            assert all("Värd 0" in str(e["DESCRIPTION"]) for e in events)

    rich(27)
    for kind in KINDS:
        with subtests.test(kind=kind, meetings=30):
            with django_assert_max_num_queries(MAX_QUERIES):
                events = _events(client.get(paths[kind]))
            assert len(events) == 30
            assert all("Talare" in str(e["DESCRIPTION"]) for e in events)
    with subtests.test("for_feed() and to_domain()", meetings=30):
        with django_assert_max_num_queries(len(for_three)):
            domain = _domain()
        assert len(domain) == 30
        assert all(len(m.programme) == 2 and len(m.hosts) == 2 and m.attendance for m in domain)


def test_rendering_a_feed_takes_at_most_three_queries_for_any_number_of_meetings(
    rich, django_assert_max_num_queries
):
    """What ``render_feed`` itself costs, cold (no cached event, no cached site root paths):
    the meetings as rows in one query, and Wagtail's site root paths for the page URLs."""
    counts = []
    for n in (3, 27):
        rich(n)
        request = RequestFactory().get("/calendar/all.ics")
        feed = AllMeetingsFeed()
        site = feed.site(request)
        pages = feed.window(feed.meetings(site, request), feed.day_start())
        info = feed.info(site, request)
        caches[conf.feed_cache_alias()].clear()
        Site.clear_site_root_paths_cache()
        with django_assert_max_num_queries(3), CaptureQueriesContext(connection) as queries:
            body = render_feed(pages, info, request)
        counts.append(len(queries))
        assert body.count(b"BEGIN:VEVENT") == len(MeetingPage.objects.live())
        assert b"Talare" in body and b"Kultur" in body
    assert counts[0] == counts[1]
