"""A meeting list's month: which month an address asks for, and its weeks with their meetings.

The month view (``MeetingIndexPage``'s ``month/`` and ``month/print/`` routes) is laid out from
:func:`month_weeks`; the template only draws the table. Days are local days in the
municipality's time zone (``conf.time_zone()``), whatever zone the server runs in, and weeks begin
on the active language's first day of the week (Monday in Swedish and Norwegian).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import formats

from . import conf
from .dates import local

__all__ = [
    "BadMonth",
    "Month",
    "MonthDay",
    "MonthEntry",
    "meetings_in",
    "month_query",
    "month_weeks",
    "parse_month",
    "weekday_names",
]

# A month the view answers for. Outside these years an address is a typo or a crawler following
# "next month" for ever; both get a 400 instead of an endless run of empty months.
FIRST_YEAR, LAST_YEAR = 1900, 2999
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII digits: \d takes "２０２６" too


class BadMonth(ValueError):
    """``?month=`` is not a month the view shows (the view answers 400)."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def param(self) -> str:
        """The value of ``?month=`` for this month: ``2027-01``."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def previous(self) -> Month | None:
        """The month before, or ``None`` before the first year the view shows."""
        month = Month(self.year - (self.month == 1), 12 if self.month == 1 else self.month - 1)
        return month if month.year >= FIRST_YEAR else None

    @property
    def next(self) -> Month | None:
        """The month after, or ``None`` after the last year the view shows."""
        month = Month(self.year + (self.month == 12), 1 if self.month == 12 else self.month + 1)
        return month if month.year <= LAST_YEAR else None

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The month's first and the next month's first local midnight, as aware date-times."""
        zone = ZoneInfo(conf.time_zone())
        after = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        return (
            dt.datetime.combine(self.first, dt.time(0), zone),
            dt.datetime.combine(after, dt.time(0), zone),
        )

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)


def today() -> dt.date:
    """The municipality's date now (the server's own zone may be a day apart)."""
    return dt.datetime.now(ZoneInfo(conf.time_zone())).date()


def parse_month(value: str | None) -> Month:
    """The month of ``?month=2027-01``; this month when the parameter is absent or empty.

    Raises :class:`BadMonth` for anything else: ``2026-13``, ``0000-01``, ``99999-01``, ``jan``.
    """
    if not value:
        return Month.of(today())
    match = _MONTH.fullmatch(value.strip())
    if match is None:
        raise BadMonth(value)
    year, month = int(match[1]), int(match[2])
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise BadMonth(value)
    return Month(year, month)


def month_query(query: str, month: Month | None | str) -> str:
    """``query`` (the list's filters, ``"?kind=dialogue"`` or ``""``) with ``month=`` added, so
    a link to another month keeps the filters."""
    if not month:
        return query
    return f"{query}&month={month.param}" if query else f"?month={month.param}"


def meetings_in(meetings: QuerySet, month: Month) -> QuerySet:
    """The meetings of ``meetings`` that take place (at least in part) during ``month``."""
    start, end = month.bounds()
    return meetings.filter(start__lt=end, end__gt=start).order_by("start", "pk")


@dataclass(frozen=True)
class MonthEntry:
    """A meeting on one day of the month; ``continues`` on the days after the one it starts."""

    meeting: Any
    start: dt.datetime
    continues: bool = False


@dataclass
class MonthDay:
    date: dt.date
    in_month: bool
    is_today: bool = False
    entries: list[MonthEntry] = field(default_factory=list)


def first_weekday() -> int:
    """The active language's first day of the week as Python's ``calendar`` counts (0 Monday).

    Django's locale formats count from Sunday (``FIRST_DAY_OF_WEEK`` 1 is Monday, as in Swedish
    and Norwegian; 0 is Sunday, as in American English).
    """
    return (int(formats.get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


def weekday_names() -> list[str]:
    """The weekdays' names in the active language, from its first day of the week."""
    monday = dt.date(2001, 1, 1)  # a Monday
    first = first_weekday()
    return [formats.date_format(monday + dt.timedelta(days=(first + n) % 7), "l") for n in range(7)]


def month_weeks(month: Month, meetings: list[Any], now_date: dt.date) -> list[list[MonthDay]]:
    """The month as weeks of seven days (days of the months around it included, ``in_month``
    false), each day with the meetings held on it, in order of start.

    A meeting over several days is on each of them; one that ends at midnight is not on the day
    that midnight begins.
    """
    weeks = calendar.Calendar(first_weekday()).monthdatescalendar(month.year, month.month)
    days = {
        day: MonthDay(day, in_month=day.month == month.month, is_today=day == now_date)
        for week in weeks
        for day in week
    }
    for meeting in meetings:
        first = local(meeting.start)
        last = local(meeting.end) - dt.timedelta(microseconds=1)
        day = first.date()
        while day <= max(last.date(), first.date()):
            entry_day = days.get(day)
            if entry_day is not None and entry_day.in_month:
                entry_day.entries.append(MonthEntry(meeting, first, continues=day != first.date()))
            elif day > month.first and entry_day is None:
                break
            day += dt.timedelta(days=1)
    return [[days[day] for day in week] for week in weeks]
