""" "Add to Google / Outlook" links: read back as a browser would send them."""

from __future__ import annotations

import datetime as dt
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from civilsamhalle.calendar import FeedLabels
from civilsamhalle.links import google_calendar_url, outlook_calendar_url
from civilsamhalle.model import AttendanceMode, EventStatus
from tests.core.conftest import build_full_meeting, build_meeting


def query(url: str) -> dict[str, str]:
    values = parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in values.values()), values
    return {key: v[0] for key, v in values.items()}


def test_google_link_has_utc_dates_and_the_meeting() -> None:
    meeting = build_full_meeting(title="Stormöte: föreningar & kommun, 50% + 😀")
    url = google_calendar_url(meeting)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "calendar.google.com",
        "/calendar/render",
    )
    q = query(url)
    assert q["action"] == "TEMPLATE"
    assert q["text"] == meeting.title
    # 13:00–15:00 summer time in Stockholm is 11:00–13:00 UTC.
    assert q["dates"] == "20260602T110000Z/20260602T130000Z"
    assert q["ctz"] == "Europe/Stockholm"
    assert q["location"] == "Kulturens hus, Skeppsbrogatan 17, 972 31 Luleå and online"
    assert meeting.online_url in q["details"] and meeting.url in q["details"]
    assert meeting.registration.url in q["details"]
    assert " " not in url and "+" not in parts.query  # spaces are %20, a "+" is %2B


def test_google_dates_follow_the_winter_offset() -> None:
    winter = build_meeting(
        start=dt.datetime(2026, 12, 1, 18, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        end=dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    )
    assert query(google_calendar_url(winter))["dates"] == "20261201T173000Z/20261201T190000Z"


@pytest.mark.parametrize(
    ("personal", "host"), [(False, "outlook.office.com"), (True, "outlook.live.com")]
)
def test_outlook_link_has_iso_utc_times(personal: bool, host: str) -> None:
    meeting = build_full_meeting()
    url = outlook_calendar_url(meeting, personal=personal)
    parts = urlsplit(url)
    assert parts.netloc == host and parts.path == "/calendar/0/deeplink/compose"
    q = query(url)
    assert (q["path"], q["rru"]) == ("/calendar/action/compose", "addevent")
    assert q["subject"] == meeting.title
    start = dt.datetime.fromisoformat(q["startdt"])
    end = dt.datetime.fromisoformat(q["enddt"])
    assert start.utcoffset() == end.utcoffset() == dt.timedelta(0)
    assert (start, end) == (meeting.start, meeting.end)
    assert q["startdt"] == "2026-06-02T11:00:00Z"
    assert q["location"].startswith("Kulturens hus")
    assert meeting.online_url in q["body"]


def test_links_use_the_given_labels() -> None:
    meeting = build_meeting(mode=AttendanceMode.ONLINE, venue=None, status=EventStatus.CANCELLED)
    labels = FeedLabels.for_language("nb")
    assert query(google_calendar_url(meeting, labels))["location"] == "Digitalt"
    assert query(outlook_calendar_url(meeting, labels))["subject"] == f"Avlyst: {meeting.title}"


def test_empty_parts_are_left_out() -> None:
    meeting = build_meeting(venue=None, status=EventStatus.CANCELLED)
    assert "location" not in query(google_calendar_url(meeting))
    assert "location" not in query(outlook_calendar_url(meeting))
    assert "body" not in query(outlook_calendar_url(meeting))


def test_outlook_is_microsoft_365_unless_personal() -> None:
    assert urlsplit(outlook_calendar_url(build_meeting())).netloc == "outlook.office.com"


def test_the_details_of_a_full_meeting_line_by_line() -> None:
    meeting = build_full_meeting()
    assert query(google_calendar_url(meeting))["details"] == (
        "Theme: Ideella krafter i kris\n"
        f"Join online: {meeting.online_url}\n"
        f"Register: {meeting.registration.url}\n"
        f"More information: {meeting.url}"
    )


def test_a_cancelled_meeting_sends_nobody_to_join_or_register() -> None:
    cancelled = build_full_meeting(status=EventStatus.CANCELLED, theme="")
    assert query(outlook_calendar_url(cancelled))["body"] == f"More information: {cancelled.url}"
    in_person = build_meeting(url="https://kommun.example.org/m")
    assert query(google_calendar_url(in_person))["details"] == "More information: " + in_person.url


def test_times_are_utc_whatever_the_servers_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        google = query(google_calendar_url(build_meeting()))
        outlook = query(outlook_calendar_url(build_meeting()))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert google["dates"] == "20260602T110000Z/20260602T130000Z"
    assert outlook["startdt"] == "2026-06-02T11:00:00Z"
