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
    assert (str(daylight["TZNAME"]), str(standard["TZNAME"])) == ("CEST", "CET")


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


def observances(zone: str, year: int) -> list[tuple[object, ...]]:
    """The observances of ``zone``'s VTIMEZONE for a meeting in ``year``, read back: kind,
    onset, rule, offsets and name."""
    meeting = dt.datetime(year, 6, 1)
    component = icalendar.Timezone.from_ical(vtimezone(zone, meeting, meeting).to_ical())
    assert_agrees_with_zoneinfo(component, zone, range(year - 1, year + 2))
    return [
        (
            observance.name,
            observance.decoded("DTSTART"),
            dict(observance["RRULE"]) if "RRULE" in observance else None,
            observance.decoded("TZOFFSETFROM"),
            observance.decoded("TZOFFSETTO"),
            str(observance["TZNAME"]),
        )
        for observance in component.subcomponents
    ]


def assert_agrees_with_zoneinfo(component: icalendar.Timezone, zone: str, years: range) -> None:
    """At noon every day of ``years`` from the first onset (what comes before it is undefined),
    both interpreters of the VTIMEZONE agree with zoneinfo."""
    tzinfos = interpreters(component.to_ical().decode())
    first = min(observance.decoded("DTSTART") for observance in component.subcomponents)
    moment = first.replace(hour=12)
    while moment.year in years:
        expected = moment.replace(tzinfo=ZoneInfo(zone)).utcoffset()
        assert all(moment.replace(tzinfo=tz).utcoffset() == expected for tz in tzinfos), moment
        moment += dt.timedelta(days=1)


def hours(n: int) -> dt.timedelta:
    return dt.timedelta(hours=n)


@pytest.mark.parametrize(("zone", "standard", "daylight"), [("America/New_York", -5, -4)])
def test_us_zones_use_the_second_and_first_sunday_rules(zone, standard, daylight) -> None:
    """In 2026 the second Sunday of March is the 8th and the first of November the 1st, the
    earliest days these rules allow; in 2027 March's is the 14th, the latest. A meeting in 2027
    makes 2026 the first year of the VTIMEZONE, whose onsets name the rule."""
    assert observances(zone, 2027) == [
        (
            "DAYLIGHT",
            dt.datetime(2026, 3, 8, 2),
            {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["2SU"]},
            hours(standard),
            hours(daylight),
            "EDT",
        ),
        (
            "STANDARD",
            dt.datetime(2026, 11, 1, 2),
            {"FREQ": ["YEARLY"], "BYMONTH": [11], "BYDAY": ["1SU"]},
            hours(daylight),
            hours(standard),
            "EST",
        ),
    ]


@pytest.mark.parametrize(("zone", "summer"), [("Europe/London", "BST"), ("Europe/Dublin", "IST")])
def test_zones_at_utc_in_winter(zone: str, summer: str) -> None:
    """An offset of zero is an offset. Dublin's data calls summer the standard time and winter
    the exception; calendar programs still want the change forward to be DAYLIGHT."""
    last_sunday = {"FREQ": ["YEARLY"], "BYDAY": ["-1SU"]}
    assert observances(zone, 2026) == [
        (
            "DAYLIGHT",
            dt.datetime(2025, 3, 30, 1),
            {**last_sunday, "BYMONTH": [3]},
            hours(0),
            hours(1),
            summer,
        ),
        (
            "STANDARD",
            dt.datetime(2025, 10, 26, 2),
            {**last_sunday, "BYMONTH": [10]},
            hours(1),
            hours(0),
            "GMT",
        ),
    ]


def test_a_zone_that_starts_in_summer_time_and_then_gives_it_up() -> None:
    """Paraguay kept summer time (-03) for good from October 2024: no yearly rule, and the
    first observance, at the start of 2023, is summer time."""
    first, *_, last = observances("America/Asuncion", 2024)
    assert first == ("DAYLIGHT", dt.datetime(2022, 12, 31, 21), None, hours(-3), hours(-3), "-03")
    assert last == ("STANDARD", dt.datetime(2024, 10, 15), None, hours(-3), hours(-3), "-03")


def test_a_fourth_sunday_on_the_24th_is_not_the_last() -> None:
    """Paraguay ended summer time on the fourth Sunday of March: the 26th, 25th and 24th in
    2017-2019. Only the 24th, with a Sunday left in March, tells "4SU" from "-1SU"."""
    (standard, daylight) = observances("America/Asuncion", 2018)
    assert standard[:3] == (
        "STANDARD",
        dt.datetime(2017, 3, 26, 0),
        {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["4SU"]},
    )
    assert daylight[:3] == (
        "DAYLIGHT",
        dt.datetime(2017, 10, 1, 0),
        {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["1SU"]},
    )


def test_a_zone_with_only_one_yearly_change_lists_every_change() -> None:
    """Israel's summer time began on the Friday before the last Sunday of March (the 23rd,
    29th and 27th in 2018-2020), which is no weekday-of-the-month rule, though it ended on
    the last Sunday of October. One rule is not enough: every change is written out."""
    ist, idt = hours(2), hours(3)
    assert observances("Asia/Jerusalem", 2019) == [
        ("STANDARD", dt.datetime(2018, 1, 1, 2), None, ist, ist, "IST"),
        ("DAYLIGHT", dt.datetime(2018, 3, 23, 2), None, ist, idt, "IDT"),
        ("STANDARD", dt.datetime(2018, 10, 28, 2), None, idt, ist, "IST"),
        ("DAYLIGHT", dt.datetime(2019, 3, 29, 2), None, ist, idt, "IDT"),
        ("STANDARD", dt.datetime(2019, 10, 27, 2), None, idt, ist, "IST"),
        ("DAYLIGHT", dt.datetime(2020, 3, 27, 2), None, ist, idt, "IDT"),
        ("STANDARD", dt.datetime(2020, 10, 25, 2), None, idt, ist, "IST"),
    ]


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
