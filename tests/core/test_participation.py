"""Participation summed per meeting and per year, on Ulricehamn's four stormöten."""

from __future__ import annotations

import datetime as dt
import uuid
from itertools import count
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from civilsamhalle.model import Attendance, EventStatus
from civilsamhalle.participation import summarise
from tests.core.conftest import build_meeting

SWEDEN = ZoneInfo("Europe/Stockholm")
SEATS = ("Trossamfunden", "Pensionärsorganisationerna", "Studieförbunden")
CATEGORIES_OF = {
    "equmeniakyrkan-oasen": ("Trossamfunden",),
    "svenska-kyrkan": ("Trossamfunden",),
    "spf-seniorerna": ("Pensionärsorganisationerna", "Studieförbunden"),
    "roda-korset": (),
}
NOW = dt.datetime(2024, 1, 1, 12, tzinfo=SWEDEN)
_serial = count(1)


def meeting(start: dt.datetime, **attendance: Any) -> Any:
    status = attendance.pop("status", EventStatus.SCHEDULED)
    figures = Attendance(**attendance) if attendance else None
    online = {"online_url": "https://meet.example/stormote"}
    return build_meeting(
        **(online if status is EventStatus.MOVED_ONLINE else {}),
        uid=uuid.UUID(int=next(_serial)),
        title=f"Stormöte {start:%Y-%m-%d}",
        start=start,
        end=start + dt.timedelta(hours=3),
        status=status,
        attendance=figures,
    )


def at(year: int, month: int, day: int, hour: int = 18) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=SWEDEN)


# (what the test is about, the meeting, the expected (organisations, people, staff, missing))
MEETINGS = [
    ("typed counts only", meeting(at(2022, 3, 15), organisations=12, people=17,
                                  municipal_staff=5), (12, 17, 5, None)),
    ("ticked organisations only", meeting(at(2022, 3, 15), organisation_ids=(
        "equmeniakyrkan-oasen", "roda-korset")), (2, None, None, SEATS[1:])),
    ("typed count above the ticked", meeting(at(2022, 3, 15), organisations=12,
        organisation_ids=("svenska-kyrkan",)), (12, None, None, SEATS[1:])),
    ("ticked above the typed count", meeting(at(2022, 3, 15), organisations=1,
        organisation_ids=("svenska-kyrkan", "spf-seniorerna")), (2, None, None, ())),
    ("one organisation covers two categories", meeting(at(2022, 3, 15), organisation_ids=(
        "spf-seniorerna",)), (1, None, None, ("Trossamfunden",))),
    ("an organisation listed twice counts once", meeting(at(2022, 3, 15), organisation_ids=(
        "roda-korset", "roda-korset")), (1, None, None, SEATS)),
    ("an organisation the map does not know", meeting(at(2022, 3, 15), organisation_ids=(
        "okand",)), (1, None, None, SEATS)),
    ("nothing recorded", meeting(at(2022, 3, 15)), (None, None, None, None)),
    ("zero people is a figure", meeting(at(2022, 3, 15), people=0), (None, 0, None, None)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("meeting", "expected"), [m[1:] for m in MEETINGS], ids=[m[0] for m in MEETINGS]
)
def test_a_meetings_figures(meeting: Any, expected: tuple) -> None:
    [row] = summarise([meeting], CATEGORIES_OF, SEATS, NOW).meetings
    assert (row.organisations, row.people, row.municipal_staff, row.missing) == expected


# (what, the meeting, whether it counts as held on NOW)
HELD = [
    ("ended before now", meeting(at(2023, 12, 31, 20), people=3), True),
    ("ends after now", meeting(at(2024, 1, 1, 11), people=3), False),
    ("ends exactly now", meeting(at(2024, 1, 1, 9), people=3), True),
    ("cancelled", meeting(at(2023, 5, 1), people=3, status=EventStatus.CANCELLED), False),
    ("postponed", meeting(at(2023, 5, 1), people=3, status=EventStatus.POSTPONED), False),
    ("moved online", meeting(at(2023, 5, 1), people=3, status=EventStatus.MOVED_ONLINE), True),
    ("rescheduled", meeting(at(2023, 5, 1), people=3, status=EventStatus.RESCHEDULED), True),
]  # fmt: skip


@pytest.mark.parametrize(("meeting", "held"), [h[1:] for h in HELD], ids=[h[0] for h in HELD])
def test_only_meetings_that_took_place_count(meeting: Any, held: bool) -> None:
    summary = summarise([meeting], CATEGORIES_OF, SEATS, NOW)
    assert bool(summary) is held
    assert len(summary.years) == int(held)


def test_a_meeting_belongs_to_the_year_of_its_local_start() -> None:
    # 23:30 on New Year's Eve in Sweden is 22:30 UTC: still 2022 here.
    late = meeting(dt.datetime(2022, 12, 31, 22, 30, tzinfo=dt.UTC), people=4)
    [row] = summarise([late], CATEGORIES_OF, SEATS, NOW).meetings
    assert (row.year, row.start.hour, row.start.tzinfo) == (2022, 23, SWEDEN)


def test_years_sum_their_meetings_as_ulricehamn_counts_its_four_stormoten() -> None:
    meetings = [
        meeting(at(2023, 2, 14), organisations=16, people=23, municipal_staff=8,
                organisation_ids=("svenska-kyrkan",)),
        meeting(at(2022, 9, 20), organisations=14, people=20, municipal_staff=6,
                organisation_ids=("equmeniakyrkan-oasen", "spf-seniorerna")),
        meeting(at(2022, 5, 17), organisations=14, people=19, municipal_staff=6),
        meeting(at(2022, 3, 15), organisations=12, people=17, municipal_staff=5,
                organisation_ids=("roda-korset",)),
    ]  # fmt: skip
    summary = summarise(meetings, CATEGORIES_OF, SEATS, NOW)
    assert [m.start.date() for m in summary.meetings] == sorted(m.start.date() for m in meetings)
    y2022, y2023 = summary.years
    assert (y2022.year, y2022.meetings, y2022.recorded) == (2022, 3, 3)
    assert (y2022.organisations, y2022.people, y2022.municipal_staff) == (40, 56, 17)
    # September brought every seat's category (Oasen and SPF); 2023 only the faith seat's.
    assert y2022.missing == ()
    assert y2023.missing == SEATS[1:]
    assert sum(y.organisations for y in summary.years) == 56
    assert sum(y.people for y in summary.years) == 79
    assert sum(y.municipal_staff for y in summary.years) == 25
    assert summary.largest == 23


# (what, the year's meetings' recorded organisations, the year's missing categories)
YEAR_MISSING = [
    ("a category missing from every meeting", [("svenska-kyrkan",), ("equmeniakyrkan-oasen",)],
     SEATS[1:]),
    ("a category present at one meeting is not missing", [("svenska-kyrkan",),
     ("spf-seniorerna",)], ()),
    ("a meeting without organisations is not judged", [("svenska-kyrkan",), ()], SEATS[1:]),
    ("no meeting recorded organisations", [(), ()], None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("recorded", "missing"), [y[1:] for y in YEAR_MISSING], ids=[y[0] for y in YEAR_MISSING]
)
def test_a_years_missing_categories(recorded: list, missing: Any) -> None:
    meetings = [
        meeting(at(2023, 3 + n, 1), people=5, organisation_ids=ids)
        for n, ids in enumerate(recorded)
    ]
    [year] = summarise(meetings, CATEGORIES_OF, SEATS, NOW).years
    assert year.missing == missing


def test_a_year_without_a_figure_says_none_not_zero() -> None:
    [year] = summarise([meeting(at(2023, 3, 1), people=5)], CATEGORIES_OF, SEATS, NOW).years
    assert (year.people, year.organisations, year.municipal_staff) == (5, None, None)


def test_categories_keep_the_callers_order_and_each_once() -> None:
    judged = ("Studieförbunden", "Trossamfunden", "Studieförbunden")
    only = meeting(at(2023, 3, 1), organisation_ids=("roda-korset",))
    summary = summarise([only], CATEGORIES_OF, judged, NOW)
    assert summary.categories == ("Studieförbunden", "Trossamfunden")
    assert summary.meetings[0].missing == ("Studieförbunden", "Trossamfunden")


def test_no_meetings_is_an_empty_summary() -> None:
    summary = summarise([], CATEGORIES_OF, SEATS, NOW)
    assert not summary and summary.years == () and summary.largest == 1
