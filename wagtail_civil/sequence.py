"""Keeping a meeting's iCalendar SEQUENCE right across drafts and publishing.

A calendar program that already holds a meeting only replaces it when SEQUENCE goes up, so the
number must rise when a *published* meeting is moved, cancelled, or changes place. What residents'
calendars hold is the published state, which is the database row of a page (drafts live only in
revisions), so the row as it is *before* a publish is saved is the state to compare with. Drafts
never touch the number: an editor may save ten drafts and publish once, and the calendar sees one
change.
"""

from __future__ import annotations

from typing import Any

__all__ = ["sequence_for_save"]


def sequence_for_save(page: Any) -> int:
    """The SEQUENCE ``page`` should be saved with.

    Called from ``MeetingPage.save()`` for a full save of a live page (a publish). A page that
    was never published has not reached any calendar and keeps its number.
    """
    from pydantic import ValidationError

    from civilsamhalle.calendar import next_sequence

    if page.pk is None:
        return page.sequence
    previous = type(page).objects.filter(pk=page.pk).first()
    if previous is None:
        return page.sequence
    if previous.last_published_at is None:
        return previous.sequence
    try:
        return next_sequence(previous.to_domain(), page.to_domain())
    except ValidationError:
        # A state the domain rejects (old data saved before a rule existed) cannot be compared;
        # raising the number costs a calendar one needless refresh, not raising it a stale event.
        return previous.sequence + 1
