"""VTIMEZONE components in the compact yearly-rule form that every calendar program reads.

A feed must define every TZID it uses (RFC 5545 §3.6.5). icalendar's ``add_missing_timezones``
does so with one RDATE per transition since 1970, which Outlook does not understand. Calendar
programs expect what Outlook itself writes: one STANDARD and one DAYLIGHT observance, each with a
yearly rule such as ``RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU``.

The rule is read from the zone's own data (``zoneinfo``), not from a table of known zones: the
transitions in the years the feed's meetings span (plus one year either side) are found by
stepping through them, and if every year follows the same weekday-of-month rule, that rule is
written. A zone without daylight saving gets a single STANDARD observance. A zone whose rules
changed inside that window (rare, and only for old or exotic meetings) gets one observance per
transition instead, which is longer but still correct.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

__all__ = ["vtimezone"]

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_STEP = dt.timedelta(hours=6)  # shorter than the gap between any two real transitions
_UTC = dt.UTC


@dataclass(frozen=True)
class _Change:
    """One observance onset: ``local`` is the wall-clock time before the change, which is what a
    VTIMEZONE observance's DTSTART means."""

    local: dt.datetime
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str
    daylight: bool

    @property
    def kind(self) -> tuple[dt.timedelta, dt.timedelta, str, bool]:
        return self.offset_from, self.offset_to, self.name, self.daylight


def vtimezone(tzid: str, first: dt.datetime, last: dt.datetime) -> Timezone:
    """A VTIMEZONE for ``tzid`` that is right for every time between ``first`` and ``last``."""
    component = Timezone()
    component.add("tzid", tzid)
    for change, rule in _cached_observances(tzid, first.year, last.year):
        observance = TimezoneDaylight() if change.daylight else TimezoneStandard()
        observance.add("dtstart", change.local)
        if rule is not None:
            month, byday = rule
            observance.add("rrule", {"freq": "yearly", "bymonth": month, "byday": byday})
        observance.add("tzoffsetfrom", change.offset_from)
        observance.add("tzoffsetto", change.offset_to)
        if change.name:
            observance.add("tzname", change.name)
        component.add_component(observance)
    return component


def _observances(
    tzid: str, first_year: int, last_year: int
) -> tuple[tuple[_Change, tuple[int, str] | None], ...]:
    zone = ZoneInfo(tzid)
    start = dt.datetime(first_year - 1, 1, 1, tzinfo=_UTC)
    end = dt.datetime(last_year + 2, 1, 1, tzinfo=_UTC)
    changes = _changes(zone, start, end)
    years = list(range(first_year - 1, last_year + 2))

    by_kind: dict[tuple[dt.timedelta, dt.timedelta, str, bool], list[_Change]] = {}
    for change in changes:
        by_kind.setdefault(change.kind, []).append(change)
    if len(by_kind) == 2:
        rules = {kind: _yearly_rule(group, years) for kind, group in by_kind.items()}
        if all(rule is not None for rule in rules.values()):
            # Whichever change moves the clock forward is "daylight", even in a zone like
            # Europe/Dublin whose data calls winter the exception: calendar programs expect one
            # STANDARD and one DAYLIGHT observance.
            return tuple(
                (replace(group[0], daylight=group[0].offset_to > group[0].offset_from), rules[kind])
                for kind, group in by_kind.items()
            )

    # No daylight saving, or rules that changed: what holds at the start, then every change.
    initial = start.astimezone(zone)
    offset = initial.utcoffset() or dt.timedelta(0)
    opening = _Change(
        local=start.astimezone(zone).replace(tzinfo=None),
        offset_from=offset,
        offset_to=offset,
        name=initial.tzname() or "",
        daylight=bool(initial.dst()),
    )
    return tuple((change, None) for change in (opening, *changes))


# Every feed asks again for the same few zones and years. Wrapped here rather than decorated, so
# that _observances stays a plain function that mutation testing mutates (mutmut leaves decorated
# functions alone), and the tests clear the cache between tests (tests/core/conftest.py).
_cached_observances = lru_cache(maxsize=64)(_observances)


def _signature(zone: ZoneInfo, moment: dt.datetime) -> tuple[object, ...]:
    local = moment.astimezone(zone)
    return local.utcoffset(), local.dst(), local.tzname()


def _changes(zone: ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[_Change]:
    """Every transition between ``start`` and ``end``, found to the second by bisection."""
    found = []
    moment, before = start, _signature(zone, start)
    while moment < end:
        following = moment + _STEP
        after = _signature(zone, following)
        if after != before:
            found.append(_bisect(zone, moment, following))
        moment, before = following, after
    return found


def _bisect(zone: ZoneInfo, low: dt.datetime, high: dt.datetime) -> _Change:
    old = _signature(zone, low)
    second = dt.timedelta(seconds=1)
    while high - low > second:
        middle = (low + (high - low) / 2).replace(microsecond=0)
        if _signature(zone, middle) == old:
            low = middle
        else:
            high = middle
    before, after = low.astimezone(zone), high.astimezone(zone)
    offset_from = before.utcoffset() or dt.timedelta(0)
    return _Change(
        local=(high + offset_from).replace(tzinfo=None),
        offset_from=offset_from,
        offset_to=after.utcoffset() or dt.timedelta(0),
        name=after.tzname() or "",
        daylight=(after.dst() or dt.timedelta(0)) > dt.timedelta(0),
    )


def _yearly_rule(changes: list[_Change], years: list[int]) -> tuple[int, str] | None:
    """``(BYMONTH, BYDAY)`` if there is one change a year, always on the same weekday of the
    month ("last Sunday", "second Sunday") at the same time of day; otherwise ``None``."""
    if [change.local.year for change in changes] != years:
        return None
    first = changes[0].local
    for ordinal in (-1, (first.day - 1) // 7 + 1):
        if all(_follows(change.local, first, ordinal) for change in changes):
            return first.month, f"{ordinal}{_WEEKDAYS[first.weekday()]}"
    return None


def _follows(moment: dt.datetime, model: dt.datetime, ordinal: int) -> bool:
    if (moment.month, moment.weekday(), moment.time()) != (
        model.month,
        model.weekday(),
        model.time(),
    ):
        return False
    if ordinal == -1:
        return moment.day + 7 > _calendar.monthrange(moment.year, moment.month)[1]
    return (moment.day - 1) // 7 + 1 == ordinal
