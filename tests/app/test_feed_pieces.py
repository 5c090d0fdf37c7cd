"""Feeds are assembled from each meeting's VEVENT kept in Django's cache, byte for byte the feed.

A piece is keyed by a hash of everything the event is made from (the meeting's row with the names
of its organisations and categories, the words, the UID domain, the host), so nothing is ever
invalidated: a changed meeting, or a renamed organisation, simply has another key. After one
meeting changes, the next request serialises that one event, not all of them.
"""

from __future__ import annotations

import datetime as dt
import logging
from unittest import mock

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from civilsamhalle.calendar import feed_bytes
from tests.app.conftest import next_week_at, publish
from wagtail_civil import conf
from wagtail_civil.feed_words import feed_labels
from wagtail_civil.feeds import AllMeetingsFeed, OrganisationFeed
from wagtail_civil.feeds import render as render_module
from wagtail_civil.feeds.render import render_feed
from wagtail_civil.models import MeetingAttendance, MeetingPage, MeetingSpeaker


@pytest.fixture
def meetings(civil_site, make_meeting, make_organisation, make_category):
    """Twelve meetings: hosts (one unpublished), categories, programme, speakers, participants,
    cancelled, hybrid and online ones, a registration and a contact."""
    caches[conf.feed_cache_alias()].clear()
    culture, sport = make_category("Kultur"), make_category("Idrott")
    theatre = make_organisation("Teaterföreningen", categories=[culture])
    club = make_organisation("IK Sport", categories=[sport])
    hidden = make_organisation("Hemlig förening", live=False, categories=[sport])
    made = []
    for i in range(12):
        online = i % 3 == 1
        meeting = make_meeting(
            f"Möte {i}",
            start=next_week_at(days=1 + i),
            hosts=[theatre, hidden] if i % 2 else [club],
            categories=[culture] if i % 4 == 0 else [],
            programme=[(dt.time(18), "Välkommen"), (None, "Fika")][: i % 3],
            mode="online" if online else ("hybrid" if i % 3 == 2 else "in_person"),
            venue_name="" if online else "Folkets Hus",
            online_url="https://meet.example.org/m" if i % 3 else "",
            status="cancelled" if i == 5 else "scheduled",
            agreement=civil_site.agreement if i % 2 else None,
            contact_name="Kim",
            contact_email="kim@example.org",
            municipal_hosts="Kulturförvaltningen" if i == 3 else "",
        )
        if i % 4 == 1:
            MeetingSpeaker.objects.create(page=meeting, name="Talare", organisation=hidden)
            MeetingSpeaker.objects.create(page=meeting, name="Sara", organisation=theatre)
            MeetingAttendance.objects.create(page=meeting, organisation=club)
        made.append(meeting)
    return {"theatre": theatre, "hidden": hidden, "meetings": made}


def _feed():
    """The all-meetings feed's pages and info, as the view hands them to ``render_feed``."""
    request = RequestFactory().get("/calendar/all.ics")
    feed = AllMeetingsFeed()
    site = feed.site(request)
    pages = feed.window(feed.meetings(site, request), feed.day_start())
    return pages, feed.info(site, request), request


def _full_render(pages, info, request) -> bytes:
    """The whole calendar built as one icalendar object from page instances."""
    found = [page.to_domain(request) for page in pages]
    return feed_bytes(found, info, feed_labels(info.language))


@pytest.fixture
def built():
    """Counts the events serialised (wraps the one function that does it)."""
    with mock.patch.object(
        render_module, "event_piece", wraps=render_module.event_piece
    ) as counted:
        yield counted


def test_the_assembled_feed_is_the_full_render(meetings, built):
    pages, info, request = _feed()
    full = _full_render(pages, info, request)
    assert b"Hemlig" not in full and b"Teaterf" in full and b"CONFERENCE" in full
    assert render_feed(pages, info, request) == full  # built, piece by piece
    assert built.call_count == 12
    assert render_feed(pages, info, request) == full  # from the cache alone
    assert built.call_count == 12


def test_other_datasets_assemble_alike(meetings, built, make_meeting):
    """No meeting, one meeting (the single-meeting feed's list), the Norwegian words."""
    pages, info, request = _feed()
    empty = pages.none()
    assert render_feed(empty, info, request) == _full_render(empty, info, request)
    one = [MeetingPage.objects.for_feed().get(pk=meetings["meetings"][1].pk)]
    assert render_feed(one, info, request) == _full_render(one, info, request)
    norwegian = type(info)(**{**info.__dict__, "language": "nb"})
    assert render_feed(pages, norwegian, request) == _full_render(pages, norwegian, request)
    assert b"Avlyst" in render_feed(pages, norwegian, request)


def test_after_one_change_one_event_is_serialised(meetings, built):
    pages, info, request = _feed()
    render_feed(pages, info, request)
    assert built.call_count == 12
    changed = MeetingPage.objects.get(pk=meetings["meetings"][4].pk)
    changed.title = "Nytt namn på mötet"
    publish(changed)
    body = render_feed(pages, info, request)
    assert built.call_count == 13
    assert b"Nytt namn p" in body
    assert body == _full_render(pages, info, request)


def test_renaming_an_organisation_serialises_its_meetings_again(meetings, built):
    pages, info, request = _feed()
    render_feed(pages, info, request)
    theatre = meetings["theatre"]
    theatre.name = "Stadsteatern"
    publish(theatre)
    body = render_feed(pages, info, request)
    hosted = sum(1 for m in meetings["meetings"] if m.host_links.filter(organisation=theatre))
    speaking = sum(1 for m in meetings["meetings"][1::4] if m.host_links.count() == 1)
    assert built.call_count == 12 + hosted + speaking
    assert b"Stadsteatern" in body and b"Teaterf" not in body
    assert body == _full_render(pages, info, request)


def test_a_dummy_cache_builds_every_event_every_time(meetings, built, settings):
    settings.CACHES = {**settings.CACHES, "nothing": {
        "BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # fmt: skip
    settings.WAGTAIL_CIVIL_FEED_CACHE = "nothing"
    pages, info, request = _feed()
    full = _full_render(pages, info, request)
    assert render_feed(pages, info, request) == full
    assert render_feed(pages, info, request) == full
    assert built.call_count == 24


def test_a_cache_that_is_down_serves_the_feed_uncached(meetings, built, caplog):
    pages, info, request = _feed()
    broken = mock.Mock(**{"get_many.side_effect": ConnectionError, "set_many.side_effect": OSError})
    with mock.patch("wagtail_civil.feeds.cache._cache", return_value=broken):
        assert render_feed(pages, info, request) == _full_render(pages, info, request)
    assert built.call_count == 12
    assert "Feed cache unavailable" in caplog.text


def test_a_meeting_the_domain_rejects_is_left_out_with_a_warning(meetings, built, caplog):
    pages, info, request = _feed()
    broken = meetings["meetings"][2]
    MeetingPage.objects.filter(pk=broken.pk).update(kind="no-such-kind")
    with caplog.at_level(logging.WARNING):
        body = render_feed(pages, info, request)
    assert f"Meeting {broken.pk} left out of a feed" in caplog.text
    assert body.count(b"BEGIN:VEVENT") == 11
    assert str(broken.uid).encode() not in body


def test_feeds_share_their_pieces(meetings, built):
    """An organisation's feed after the feed of all meetings serialises nothing: an event does
    not show which feed it is in, so its key leaves the feed's name and address out."""
    pages, info, request = _feed()
    render_feed(pages, info, request)
    feed = OrganisationFeed()
    theatre = meetings["theatre"]
    own = feed.window(feed.meetings(theatre, request), feed.day_start())
    own_info = feed.info(theatre, request)
    body = render_feed(own, own_info, request)
    assert built.call_count == 12
    assert body == _full_render(own, own_info, request)
    assert body.count(b"BEGIN:VEVENT") == 6 and own_info.name.encode() in body
