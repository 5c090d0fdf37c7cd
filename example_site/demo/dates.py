"""Dates of the demo's meetings that must stay current: computed from the day the demo is loaded.

The seeds are dated (2018, 2020, 2023), so a demo built from them alone would show no upcoming
meeting and no commitment being kept this year. The data files date the few meetings that must be
upcoming or "this year" as if loaded on :data:`FILE_DAY`; :data:`CURRENT` says, per meeting slug,
which day each falls on for ``today``, and :func:`moved` moves it there at the same wall-clock
times. The rules anchor to weekdays of whole months rather than to ``today`` itself, so that
loading the demo again the next day gives the same dates, the same meetings and no SEQUENCE
change in calendars that subscribed. Real data has real dates, so the data format has no
relative dates: this is the demo's own concern.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from civilsamhalle.model import Meeting

__all__ = [
    "CURRENT",
    "OPENED",
    "FILE_DAY",
    "STOCKHOLM",
    "earlier_this_year",
    "early_next_year",
    "month_after",
    "moved",
    "next_october_23",
    "nth_weekday",
]

STOCKHOLM = ZoneInfo("Europe/Stockholm")

MONDAY, TUESDAY, WEDNESDAY, THURSDAY = range(4)

# The day the data files' moving meetings are dated for (the feed-bytes test's day).
FILE_DAY = dt.date(2026, 3, 10)


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


def early_next_year(today: dt.date) -> dt.date:
    """The second Tuesday of January next year: a meeting planned, but too late for this year."""
    return nth_weekday(today.year + 1, 1, TUESDAY, 2)


def _after(months: int, weekday: int, n: int) -> Callable[[dt.date], dt.date]:
    return lambda today: nth_weekday(*month_after(today, months), weekday, n)


# Meeting slug → its day for ``today``.
CURRENT: dict[str, Callable[[dt.date], dt.date]] = {
    # Ulricehamn's invitation says "23 oktober": always the next one.
    "stormote-om-det-digitala-utanforskapet": next_october_23,
    # The "stordialoger" Uddevalla announces as the next step (invented).
    "stordialog-om-ok-ide": _after(2, WEDNESDAY, 2),
    # Luleå promises two dialogues a year: one held this year, a cancelled one ahead, and the
    # next one planned only for January. This year's promise is then at risk ("1 of 2 held, none
    # planned"), computed, and the dashboard offers to plan the missing dialogue.
    "dialog-om-frivilliga-insatser": earlier_this_year,
    "dialog-om-ofrivillig-ensamhet": early_next_year,
    "dialog-om-foreningslokaler": _after(1, THURSDAY, 3),
    # The draft and the password-protected meeting (never-public.json).
    "utkast-dialog-om-foreningsbidrag": _after(2, WEDNESDAY, 1),
    "losenordsskyddat-arbetsgruppens-mote": _after(1, TUESDAY, 1),
}


# Meeting slug → the day its built-in registration opened, for ``today``: the first Monday of
# the month before, so registration is always open when the demo is loaded (and its demo
# registrations, made in the days after, are seats taken and a waitlist), the same all month.
OPENED: dict[str, Callable[[dt.date], dt.date]] = {
    "stormote-om-det-digitala-utanforskapet": _after(-1, MONDAY, 1),
}


def moved(meeting: Meeting, today: dt.date) -> Meeting:
    """``meeting`` on its day for ``today`` (see :data:`CURRENT`), at the same local times."""
    rule = CURRENT.get(meeting.slug or "")
    if rule is None:
        return meeting
    days = rule(today) - meeting.start.astimezone(STOCKHOLM).date()

    def shift(value: dt.datetime) -> dt.datetime:
        local = value.astimezone(STOCKHOLM)
        return dt.datetime.combine(local.date() + days, local.time(), STOCKHOLM)

    registration = meeting.registration
    changes = {}
    if registration.deadline is not None:
        changes["deadline"] = shift(registration.deadline)
    if registration.opens is not None:
        opened = OPENED.get(meeting.slug or "")
        local = registration.opens.astimezone(STOCKHOLM)
        changes["opens"] = (
            dt.datetime.combine(opened(today), local.time(), STOCKHOLM)
            if opened
            else shift(registration.opens)
        )
    registration = registration.model_copy(update=changes)
    return meeting.model_copy(
        update={"start": shift(meeting.start), "end": shift(meeting.end),
                "registration": registration}
    )  # fmt: skip
