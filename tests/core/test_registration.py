"""Built-in registration's rules: the state a page words, who gets a seat, who moves up."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civilsamhalle.enums import EventStatus, RegistrationStatus
from civilsamhalle.registration import (
    RegistrationState,
    SeatPolicy,
    mark_reached,
    place,
    registration_state,
    seats_left,
    who_moves_up,
)

UTC = dt.UTC
OPENS = dt.datetime(2026, 9, 1, 8, tzinfo=UTC)
CLOSES = dt.datetime(2026, 10, 13, 22, tzinfo=UTC)
BEFORE, DURING, AFTER = OPENS - dt.timedelta(minutes=1), OPENS, CLOSES


def policy(capacity: int | None = 3, waitlist: bool = True) -> SeatPolicy:
    return SeatPolicy(capacity=capacity, waitlist=waitlist, opens=OPENS, closes=CLOSES)


@pytest.mark.parametrize(
    ("status", "now", "confirmed", "waitlist", "expected"),
    [
        ("scheduled", BEFORE, 0, True, RegistrationState.NOT_OPEN),
        ("scheduled", DURING, 0, True, RegistrationState.OPEN),
        ("scheduled", DURING, 2, True, RegistrationState.OPEN),
        ("scheduled", DURING, 3, True, RegistrationState.WAITLIST),
        ("scheduled", DURING, 3, False, RegistrationState.FULL),
        ("scheduled", DURING, 5, False, RegistrationState.FULL),  # seats lowered below the taken
        ("scheduled", AFTER, 0, True, RegistrationState.CLOSED),
        ("rescheduled", DURING, 0, True, RegistrationState.OPEN),
        ("moved_online", DURING, 0, True, RegistrationState.OPEN),
        ("cancelled", DURING, 0, True, RegistrationState.CANCELLED),
        ("postponed", DURING, 0, True, RegistrationState.CANCELLED),
        ("cancelled", BEFORE, 0, True, RegistrationState.CANCELLED),
    ],
)
def test_state(status, now, confirmed, waitlist, expected) -> None:
    state = registration_state(policy(waitlist=waitlist), status, now, confirmed)
    assert state is expected
    assert state.accepts is (expected in (RegistrationState.OPEN, RegistrationState.WAITLIST))


def test_without_opening_time_registration_is_open_until_it_closes() -> None:
    open_now = SeatPolicy(capacity=None, waitlist=False, opens=None, closes=CLOSES)
    assert registration_state(open_now, EventStatus.SCHEDULED, BEFORE, 10_000).accepts
    assert seats_left(open_now, 10_000) is None


def test_place() -> None:
    assert place(policy(), 2) is RegistrationStatus.CONFIRMED
    assert place(policy(), 3) is RegistrationStatus.WAITLISTED
    assert place(policy(waitlist=False), 3) is None
    assert place(policy(capacity=None), 999) is RegistrationStatus.CONFIRMED


def test_who_moves_up_in_turn() -> None:
    line = ["Åsa", "Øystein", "Märta"]
    assert who_moves_up(3, 2, line) == ["Åsa"]
    assert who_moves_up(5, 2, line) == line
    assert who_moves_up(3, 3, line) == []
    assert who_moves_up(3, 4, line) == []  # seats were lowered: nobody moves up
    assert who_moves_up(None, 100, line) == line


def test_mark_reached_once_as_it_fills() -> None:
    assert mark_reached(10, 7, 8) == 80
    assert mark_reached(10, 8, 9) is None
    assert mark_reached(10, 9, 10) == 100
    assert mark_reached(10, 0, 10) == 100  # both crossed at once: told the highest only
    assert mark_reached(10, 10, 9) is None
    assert mark_reached(5, 3, 4) == 80  # 4 of 5 is exactly 80 %
    assert mark_reached(None, 0, 100) is None


@given(
    capacity=st.integers(1, 50),
    waitlist=st.booleans(),
    arrivals=st.integers(0, 120),
    cancels=st.lists(st.integers(0, 200), max_size=30),
)
def test_seats_are_never_overbooked(capacity, waitlist, arrivals, cancels) -> None:
    """Registrations and cancellations in any order: seats never exceed the capacity, and a
    freed seat goes to the first in line."""
    rules = policy(capacity, waitlist)
    seated: list[int] = []
    waiting: list[int] = []
    for person in range(arrivals):
        status = place(rules, len(seated))
        if status is RegistrationStatus.CONFIRMED:
            seated.append(person)
        elif status is RegistrationStatus.WAITLISTED:
            waiting.append(person)
        if cancels and seated and person in cancels:
            seated.pop(0)
            moving = who_moves_up(capacity, len(seated), waiting)
            assert moving == waiting[: len(moving)]
            seated += moving
            del waiting[: len(moving)]
        assert len(seated) <= capacity
        assert not waiting or len(seated) == capacity
    assert waitlist or not waiting
