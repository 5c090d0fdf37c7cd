"""What a feed's values say: nothing empty, and a deadline given as a day reads as that day.

A calendar program shows what it is given; ``DESCRIPTION:`` with nothing after it becomes an
empty note (or an event some programs refuse), and "Register by 2026-10-09 00:00" tells a
resident that the deadline passed the evening before the day the editor meant.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from wagtail.models import Page

from tests.app.conftest import feed_paths, next_week_at
from tests.feedcheck import empty_properties, read_feed
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.models import Organisation

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def bare_feeds(civil_site, make_meeting, make_category, make_organisation):
    """Every kind of feed holding one meeting with as little as a meeting can have."""
    category = make_category("Kulturföreningar")
    organisation = make_organisation("Teatersällskapet", categories=[category])
    make_meeting("Möte")  # no description, hosts, agreement or registration
    meeting = make_meeting("Möte med värd", hosts=[organisation], agreement=civil_site.agreement)
    return feed_paths(civil_site, organisation, category, meeting)


def test_no_feed_has_a_property_without_a_value(client, bare_feeds, monkeypatch):
    """Parsed with icalendar and with ical: every property of every feed has a value, also for a
    meeting without description, place or page address (a site whose routing gives none)."""
    for kind, path in bare_feeds.items():
        body = client.get(path).content
        assert not empty_properties(body), (kind, empty_properties(body))
        read_feed(body, path)
    for model, name in [(Page, "get_url"), (Page, "get_full_url"), (Organisation, "get_url")]:
        monkeypatch.setattr(model, name, lambda self, request=None, **kw: None)
    for kind, path in bare_feeds.items():
        body = client.get(path).content
        assert not empty_properties(body), (kind, empty_properties(body))


def _deadline_line(client, path: str) -> str:
    event = read_feed(client.get(path).content, path).walk("VEVENT")[0]
    lines = str(event["DESCRIPTION"]).splitlines()
    return next(line for line in lines if line.startswith("Sista anmälningsdag"))


def test_a_deadline_given_as_a_day_reads_as_that_day(client, make_meeting):
    """A deadline typed as a date is stored as that day's local midnight: the feed, the page
    and the add-to-calendar links name the day, without "00:00", and registration stays open
    until the day is over."""
    start = next_week_at(hour=18, days=10)
    day = (start - dt.timedelta(days=3)).date()
    midnight = dt.datetime.combine(day, dt.time(0), STOCKHOLM)
    meeting = make_meeting(
        "Dialog",
        start=start,
        registration_kind="external",
        registration_url="https://example.org/anmalan",
        registration_deadline=midnight,
    )
    line = _deadline_line(client, feed_path("meeting", meeting))
    assert line == f"Sista anmälningsdag: {day.isoformat()}", line
    section = _registration_section(client.get(meeting.url).content.decode())
    assert f'<time datetime="{day.isoformat()}">' in section
    assert "00:00" not in section and "midnatt" not in section
    assert "Anmäl dig till mötet" in section  # open all day long


def test_a_deadline_given_as_a_day_lasts_the_whole_day(rf, make_meeting):
    from wagtail_civil.presentation import meeting_view

    start = next_week_at(hour=18, days=10)
    day = (start - dt.timedelta(days=3)).date()
    midnight = dt.datetime.combine(day, dt.time(0), STOCKHOLM)
    meeting = make_meeting(
        "Dialog",
        start=start,
        registration_kind="external",
        registration_url="https://example.org/anmalan",
        registration_deadline=midnight,
    )
    evening = dt.datetime.combine(day, dt.time(23, 59), STOCKHOLM)
    assert meeting_view(meeting, now=evening).registration == "open"
    assert meeting_view(meeting, now=midnight + dt.timedelta(days=1)).registration == "closed"


def _registration_section(html: str) -> str:
    start = html.index('<section class="civil-registration"')
    return html[start : html.index("</section>", start)]


def test_a_deadline_with_a_time_keeps_its_time(client, make_meeting):
    start = next_week_at(hour=18, days=10)
    moment = timezone.localtime(start - dt.timedelta(days=3), STOCKHOLM).replace(hour=12)
    meeting = make_meeting(
        "Dialog",
        start=start,
        registration_kind="external",
        registration_url="https://example.org/anmalan",
        registration_deadline=moment,
    )
    line = _deadline_line(client, feed_path("meeting", meeting))
    assert line == f"Sista anmälningsdag: {moment.date().isoformat()} kl. 12:00", line
    section = _registration_section(client.get(meeting.url).content.decode())
    assert "12:00" in section


def test_a_date_typed_alone_in_the_editor_is_a_whole_day_deadline():
    """What the editor's form stores for "2026-10-09" is what the feed and page read as a day."""
    from wagtail_civil.admin_forms import LocalDateTimeField
    from wagtail_civil.dates import is_whole_day

    stored = LocalDateTimeField().clean("2026-10-09")
    assert stored == dt.datetime(2026, 10, 9, tzinfo=STOCKHOLM)
    assert is_whole_day(stored)
    assert not is_whole_day(LocalDateTimeField().clean("2026-10-09 12:00"))
