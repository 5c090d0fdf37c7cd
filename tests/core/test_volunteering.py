"""When a volunteer need takes offers, and the calendar of one-off needs, without Django."""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from civilsamhalle.calendar import FeedInfo
from civilsamhalle.calendar.needs import NeedEvent, need_feed_bytes, need_uid
from civilsamhalle.enums import VolunteerNeedState, VolunteerNeedTiming, VolunteerOfferStatus
from civilsamhalle.volunteering import need_state, places_left

OSLO = ZoneInfo("Europe/Oslo")
NOW = dt.datetime(2026, 5, 4, 12, 0, tzinfo=OSLO)
START = dt.datetime(2026, 5, 9, 10, 0, tzinfo=OSLO)
END = dt.datetime(2026, 5, 9, 14, 0, tzinfo=OSLO)


def state(**given):
    facts = dict(timing="one_off", end=END, open_until=None, wanted=4, accepted=0, now=NOW,
                 today=NOW.date())  # fmt: skip
    facts.update(given)
    return need_state(**facts)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, VolunteerNeedState.OPEN),
        ({"accepted": 3}, VolunteerNeedState.OPEN),
        ({"accepted": 4}, VolunteerNeedState.FILLED),
        ({"accepted": 9}, VolunteerNeedState.FILLED),
        ({"wanted": None, "accepted": 90}, VolunteerNeedState.OPEN),
        ({"open_until": NOW.date()}, VolunteerNeedState.OPEN),  # the last day is included
        ({"open_until": NOW.date() - dt.timedelta(days=1)}, VolunteerNeedState.CLOSED),
        ({"now": END, "today": END.date()}, VolunteerNeedState.CLOSED),  # the task is over
        ({"now": END, "today": END.date(), "accepted": 4}, VolunteerNeedState.CLOSED),
        (
            {"timing": "ongoing", "end": None, "now": END + dt.timedelta(days=90)},
            VolunteerNeedState.OPEN,
        ),  # fmt: skip
    ],
)
def test_a_need_closes_by_itself(given, expected):
    assert state(**given) is expected
    assert expected.takes_offers is (expected is VolunteerNeedState.OPEN)


def test_places_left_and_what_statuses_imply():
    assert places_left(None, 5) is None
    assert places_left(4, 1) == 3
    assert places_left(2, 5) == 0
    assert [s for s in VolunteerOfferStatus if s.counts_towards_need] == [
        VolunteerOfferStatus.ACCEPTED
    ]
    assert not VolunteerOfferStatus.NEW.tells_resident
    assert VolunteerOfferStatus.DECLINED.tells_resident
    assert VolunteerNeedTiming.ONE_OFF.has_time and not VolunteerNeedTiming.ONGOING.has_time


def test_the_feed_of_one_off_needs_reads_in_both_parsers():
    need = NeedEvent(
        uid=uuid.UUID("6f1d3c44-3d0b-4e5c-9a55-0d7f3e1f0a01"),
        title="Vårdugnad; rydding, maling\\N og grilling",
        start=START,
        end=END,
        timezone="Europe/Oslo",
        sequence=2,
        location="Jessheim stadion, Jessheim",
        description="Ta med arbeidshansker.\nKontakt: Kari Nordmann",
        url="https://www.ullensaker.kommune.no/frivillig/vardugnad/",
        categories=("Frivillighet",),
        created=NOW,
        last_modified=NOW,
    )
    info = FeedInfo(name="Frivillige søkes – Ullensaker", uid_domain="ullensaker.kommune.no",
                    language="nb")  # fmt: skip
    body = need_feed_bytes([need], info)
    assert body == need_feed_bytes([need], info)  # the same data, the same bytes
    [event] = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["UID"]) == need_uid(need, "ullensaker.kommune.no")
    assert str(event["UID"]).startswith("volunteer-need-6f1d3c44")
    assert str(event["SUMMARY"]) == need.title
    assert event.decoded("DTSTART") == START
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert int(event["SEQUENCE"]) == 2
    strict = IcsCalendarStream.calendar_from_ics(body.decode())
    [parsed] = strict.events
    assert parsed.summary == need.title
    assert parsed.dtstart == START
    assert "Europe/Oslo" in {tz.tz_id for tz in strict.timezones}
