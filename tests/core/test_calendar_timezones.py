"""VTIMEZONE: one per TZID, in the yearly-rule form Outlook reads, and right.

"Right" is checked without trusting our own reading of the rules: two independent VTIMEZONE
interpreters (icalendar's and dateutil's; ``ical``'s too where it can) compute offsets from the
feed's VTIMEZONE, and every day of the year is compared with zoneinfo.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.tz import tzical
from ical.timezone import IcsTimezoneInfo

from civilsamhalle.calendar import FeedInfo, feed_bytes
from civilsamhalle.calendar.timezones import vtimezone
from tests.core.conftest import build_meeting, parse, unfolded

INFO = FeedInfo(name="Möten", uid_domain="kommun.example.org", language="en")

ZONES = ["Europe/Stockholm", "Europe/Oslo", "America/New_York", "Australia/Sydney", "Asia/Tokyo"]


def meetings_in(zone: str) -> list:
    """A winter and a summer meeting at 10:00 local time in ``zone``."""
    tz = ZoneInfo(zone)
    return [
        build_meeting(
            uid=uuid.uuid5(uuid.NAMESPACE_DNS, f"{n}.{zone}"),
            timezone=zone,
            start=dt.datetime(2026, month, 15, 10, tzinfo=tz),
            end=dt.datetime(2026, month, 15, 12, tzinfo=tz),
        )
        for n, month in ((1, 1), (2, 7))
    ]


def test_every_tzid_has_exactly_one_vtimezone_and_no_rdate_lists() -> None:
    meetings = [m for zone in ZONES for m in meetings_in(zone)]
    data = feed_bytes(meetings, INFO)
    ours, strict = parse(data)
    used = set(re.findall(r";TZID=([^:;]+):", data.decode()))
    defined = [str(tz["TZID"]) for tz in ours.walk("VTIMEZONE")]
    assert sorted(defined) == sorted(used) == sorted(ZONES)
    assert sorted(tz.tz_id for tz in strict.timezones) == sorted(ZONES)
    assert "RDATE" not in data.decode()


@pytest.mark.parametrize("zone", ["Europe/Stockholm", "Europe/Oslo"])
def test_nordic_zones_use_the_last_sunday_rules(zone: str) -> None:
    ours, _ = parse(feed_bytes(meetings_in(zone), INFO))
    (component,) = ours.walk("VTIMEZONE")
    (daylight,) = component.walk("DAYLIGHT")
    (standard,) = component.walk("STANDARD")
    for observance, month, before, after in ((daylight, 3, 1, 2), (standard, 10, 2, 1)):
        rule = observance["RRULE"]
        assert rule["FREQ"] == ["YEARLY"] and rule["BYMONTH"] == [month]
        assert rule["BYDAY"] == ["-1SU"] and "UNTIL" not in rule
        assert observance.decoded("TZOFFSETFROM") == dt.timedelta(hours=before)
        assert observance.decoded("TZOFFSETTO") == dt.timedelta(hours=after)
    assert daylight.decoded("DTSTART").time() == dt.time(2)
    assert standard.decoded("DTSTART").time() == dt.time(3)


def interpreters(component_ics: str) -> list[dt.tzinfo]:
    """The VTIMEZONE read by icalendar and by dateutil, never looked up by name."""
    return [
        icalendar.Timezone.from_ical(component_ics).to_tz(lookup_tzid=False),
        tzical(io.StringIO(component_ics)).get(),
    ]


@pytest.mark.parametrize("zone", ZONES)
def test_vtimezone_offsets_agree_with_zoneinfo(zone: str) -> None:
    data = feed_bytes(meetings_in(zone), INFO)
    ours, strict = parse(data)
    (component,) = ours.walk("VTIMEZONE")
    tzinfos = interpreters(component.to_ical().decode())
    if strict.timezones[0].daylight:  # ical ignores an observance without RRULE (its bug)
        tzinfos.append(IcsTimezoneInfo.from_timezone(strict.timezones[0]))
    for event in ours.walk("VEVENT"):  # a winter and a summer meeting
        local = event.decoded("DTSTART").replace(tzinfo=None)
        for tzinfo in tzinfos:
            assert (
                local.replace(tzinfo=tzinfo).utcoffset()
                == local.replace(tzinfo=ZoneInfo(zone)).utcoffset()
            )
    day = dt.datetime(2026, 1, 1, 12)
    while day.year == 2026:
        for tzinfo in tzinfos:
            assert (
                day.replace(tzinfo=tzinfo).utcoffset()
                == day.replace(tzinfo=ZoneInfo(zone)).utcoffset()
            ), (zone, day)
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "UTC"])
def test_a_zone_without_daylight_saving_has_a_single_standard(zone: str) -> None:
    component = vtimezone(zone, dt.datetime(2026, 1, 1), dt.datetime(2026, 12, 31))
    parsed = icalendar.Timezone.from_ical(component.to_ical())
    (standard,) = parsed.subcomponents
    offset = dt.datetime(2026, 6, 1, tzinfo=ZoneInfo(zone)).utcoffset()
    assert standard.name == "STANDARD" and "RRULE" not in standard
    assert standard.decoded("TZOFFSETFROM") == standard.decoded("TZOFFSETTO") == offset


def test_a_meeting_in_utc_is_written_in_utc() -> None:
    meeting = build_meeting(timezone="UTC")
    data = feed_bytes([meeting], INFO)
    _, strict = parse(data)
    assert "DTSTART:20260602T110000Z" in unfolded(data) and "VTIMEZONE" not in data.decode()
    assert strict.events[0].dtstart == meeting.start


def test_a_zone_whose_rules_changed_is_still_right() -> None:
    """Turkey kept summer time all year from September 2016: no single yearly rule holds."""
    component = vtimezone("Europe/Istanbul", dt.datetime(2015, 6, 1), dt.datetime(2017, 6, 1))
    tzinfos = interpreters(component.to_ical().decode())
    day = dt.datetime(2014, 1, 1, 12)
    while day.year <= 2018:
        expected = day.replace(tzinfo=ZoneInfo("Europe/Istanbul")).utcoffset()
        assert all(day.replace(tzinfo=tz).utcoffset() == expected for tz in tzinfos), day
        day += dt.timedelta(days=1)
