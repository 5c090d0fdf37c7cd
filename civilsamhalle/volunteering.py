"""When a volunteer need takes offers: the rule, computed from its dates and the accepted offers.

A need closes by itself: after its open-until day (inclusive, in the municipality's zone), once a
one-off task has ended, or when as many volunteers as it asked for were accepted. Nobody types
"closed"; the pages, the form and the index ask :func:`need_state`.
"""

from __future__ import annotations

import datetime as dt

from .enums import VolunteerNeedState, VolunteerNeedTiming

__all__ = ["need_state", "places_left"]


def places_left(wanted: int | None, accepted: int) -> int | None:
    """Places not yet filled; ``None`` when the need takes as many volunteers as come."""
    if wanted is None:
        return None
    return max(wanted - accepted, 0)


def need_state(
    *,
    timing: VolunteerNeedTiming | str,
    end: dt.datetime | None,
    open_until: dt.date | None,
    wanted: int | None,
    accepted: int,
    now: dt.datetime,
    today: dt.date,
) -> VolunteerNeedState:
    """The need's state at ``now`` (``today`` is the local date of ``now``).

    Closed wins over filled: a need whose day has passed is over, however many came.
    """
    if open_until is not None and today > open_until:
        return VolunteerNeedState.CLOSED
    if VolunteerNeedTiming(timing).has_time and end is not None and now >= end:
        return VolunteerNeedState.CLOSED
    if places_left(wanted, accepted) == 0:
        return VolunteerNeedState.FILLED
    return VolunteerNeedState.OPEN
