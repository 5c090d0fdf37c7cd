"""When a change to a meeting must raise its SEQUENCE.

Calendar programs keep their copy of an event unless SEQUENCE (RFC 5545 §3.8.7.4) goes up, and
some then tell the user that the event moved. So it is raised for what changes where and when to
go, or whether the meeting happens at all, and not for a corrected typo in the description:
a subscriber should not be told "this meeting changed" for a comma.
"""

from __future__ import annotations

from ..model import Meeting

__all__ = ["next_sequence"]

_SIGNIFICANT = ("start", "end", "timezone", "venue", "mode", "online_url", "status")


def next_sequence(previous: Meeting | None, current: Meeting) -> int:
    """The SEQUENCE to store with ``current``, given ``previous``, the last published state.

    A meeting never published before keeps its own value (0 when new). The result never goes
    below either stored value, so a feed never shows a lower SEQUENCE than it once did.
    """
    if previous is None:
        return current.sequence
    changed = any(getattr(previous, name) != getattr(current, name) for name in _SIGNIFICANT)
    return max(previous.sequence + (1 if changed else 0), current.sequence)
