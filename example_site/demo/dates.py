"""Dates of the demo's meetings that must stay current: computed from the day the demo is loaded.

The seeds are dated (2018, 2020, 2023), so a demo built from them alone would show no upcoming
meeting and no commitment being kept this year. These helpers place the few meetings that must be
upcoming or "this year" relative to ``today``, anchored to weekdays of whole months rather than to
``today`` itself, so that loading the demo again the next day gives the same dates, the same
meetings and no SEQUENCE change in calendars that subscribed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo

__all__ = [
    "STOCKHOLM",
    "at",
    "earlier_this_year",
    "later_this_year",
    "month_after",
    "next_october_23",
    "nth_weekday",
]

STOCKHOLM = ZoneInfo("Europe/Stockholm")

MONDAY, TUESDAY, WEDNESDAY, THURSDAY = range(4)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """``day`` at a wall-clock time in Stockholm (the demo municipality's time zone)."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` (0 = Monday) of a month, e.g. the second Tuesday."""
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def month_after(today: dt.date, months: int = 1) -> tuple[int, int]:
    """(year, month) ``months`` after ``today``'s month, across new year."""
    index = today.year * 12 + today.month - 1 + months
    return index // 12, index % 12 + 1


def next_october_23(today: dt.date) -> dt.date:
    """The invitation's "23 oktober": this year's if it is not yet over, else next year's."""
    this_year = dt.date(today.year, 10, 23)
    return this_year if this_year >= today else dt.date(today.year + 1, 10, 23)


def earlier_this_year(today: dt.date) -> dt.date:
    """A day before ``today`` in ``today``'s year: the second Tuesday of the previous month.

    In January there is no previous month of the same year, so it is the first weekday of January
    that has passed, if any. Only on 1 and 2 January is there none; the dialogue then falls on
    the second Tuesday of last December (held last year, so this year starts with none held).
    """
    if today.month > 1:
        return nth_weekday(today.year, today.month - 1, TUESDAY, 2)
    for day in range(2, today.day):
        candidate = dt.date(today.year, 1, day)
        if candidate.weekday() < 5:
            return candidate
    return nth_weekday(today.year - 1, 12, TUESDAY, 2)


def later_this_year(today: dt.date) -> dt.date:
    """A day from ``today`` on in ``today``'s year: the second Tuesday of the next month.

    In December the next month is next year, so it is December's second Tuesday if that is still
    ahead, else the next weekday before new year, else ``today`` itself (a meeting on the day
    counts as planned).
    """
    if today.month < 12:
        return nth_weekday(today.year, today.month + 1, TUESDAY, 2)
    second_tuesday = nth_weekday(today.year, 12, TUESDAY, 2)
    if second_tuesday > today:
        return second_tuesday
    last = calendar.monthrange(today.year, 12)[1]
    for day in range(today.day + 1, last + 1):
        candidate = dt.date(today.year, 12, day)
        if candidate.weekday() < 5:
            return candidate
    return today
