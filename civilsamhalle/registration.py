"""Built-in registration's rules: when it is open, who gets a seat, who moves up.

Pure functions on plain values, so the Wagtail app (which counts seats inside a locked
transaction), the page (which words the state for residents) and the tests ask the same questions.
A seat is a confirmed registration (:attr:`RegistrationStatus.holds_seat`); the waitlist is served
in the order people joined it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from .enums import EventStatus, RegistrationStatus

__all__ = [
    "FILL_MARKS",
    "RegistrationState",
    "SeatPolicy",
    "mark_reached",
    "place",
    "registration_state",
    "seats_left",
    "who_moves_up",
]

T = TypeVar("T")

# How full a meeting is, in per cent, when its editors are told (issue: 80 % and 100 %).
FILL_MARKS: tuple[int, ...] = (80, 100)


class RegistrationState(StrEnum):
    """What the meeting page says about signing up, and whether the form takes a registration."""

    NOT_OPEN = "not_open"  # opens later
    OPEN = "open"  # seats left (or no limit)
    WAITLIST = "waitlist"  # every seat taken; new registrations join the waitlist
    FULL = "full"  # every seat taken and no waitlist
    CLOSED = "closed"  # the deadline has passed or the meeting has begun
    CANCELLED = "cancelled"  # the meeting is cancelled or postponed

    @property
    def accepts(self) -> bool:
        """The form takes a new registration (as a seat or on the waitlist)."""
        return self in (RegistrationState.OPEN, RegistrationState.WAITLIST)


@dataclass(frozen=True)
class SeatPolicy:
    """A meeting's registration settings: ``capacity`` ``None`` is no limit; ``closes`` is the
    moment registration ends (the deadline, resolved by the caller, or the meeting's start)."""

    capacity: int | None
    waitlist: bool
    opens: dt.datetime | None
    closes: dt.datetime


def seats_left(policy: SeatPolicy, confirmed: int) -> int | None:
    """Free seats, never below zero (an editor may lower the capacity); ``None``: no limit."""
    if policy.capacity is None:
        return None
    return max(policy.capacity - confirmed, 0)


def registration_state(
    policy: SeatPolicy, status: EventStatus | str, now: dt.datetime, confirmed: int
) -> RegistrationState:
    """Where registration stands at ``now`` with ``confirmed`` seats taken."""
    if not EventStatus(status).counts_as_held:
        return RegistrationState.CANCELLED
    if now >= policy.closes:
        return RegistrationState.CLOSED
    if policy.opens is not None and now < policy.opens:
        return RegistrationState.NOT_OPEN
    if seats_left(policy, confirmed) == 0:
        return RegistrationState.WAITLIST if policy.waitlist else RegistrationState.FULL
    return RegistrationState.OPEN


def place(policy: SeatPolicy, confirmed: int) -> RegistrationStatus | None:
    """The status a new registration gets with ``confirmed`` seats taken: a seat while one is
    free, else the waitlist if there is one, else ``None`` (refused)."""
    if seats_left(policy, confirmed) != 0:
        return RegistrationStatus.CONFIRMED
    return RegistrationStatus.WAITLISTED if policy.waitlist else None


def who_moves_up(capacity: int | None, confirmed: int, waitlist: Sequence[T]) -> list[T]:
    """The first of ``waitlist`` (in the order they joined) who get the seats now free."""
    if capacity is None:
        return list(waitlist)
    return list(waitlist[: max(capacity - confirmed, 0)])


def mark_reached(capacity: int | None, before: int, after: int) -> int | None:
    """The highest of :data:`FILL_MARKS` crossed going from ``before`` to ``after`` confirmed
    seats (``None``: none), so editors are told once as a meeting fills, and again only if it
    empties and fills anew."""
    if not capacity:
        return None
    crossed = [m for m in FILL_MARKS if before * 100 < m * capacity <= after * 100]
    return crossed[-1] if crossed else None
