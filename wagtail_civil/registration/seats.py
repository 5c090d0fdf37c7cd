"""Giving and freeing seats, so that confirmed registrations never exceed a meeting's seats.

Every change takes the meeting's turn first (:func:`take_turn` writes its :class:`SeatLock` row),
then counts the seats and decides with :mod:`civilsamhalle.registration`. PostgreSQL holds the
row lock until commit and SQLite its write lock, so two registrations for the last seat cannot
both count it free (docs/architecture.md, "Why seats take turns").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from civilsamhalle.enums import RegistrationSource, RegistrationStatus
from civilsamhalle.registration import RegistrationState, mark_reached, place, who_moves_up

from ..models import MeetingPage, Registration, SeatLock
from . import signals

__all__ = [
    "Outcome",
    "RegistrationRefused",
    "cancel",
    "fill_free_seats",
    "is_open_to_public",
    "register",
    "take_turn",
]

Status = RegistrationStatus

# What a registrant may give; everything else on a registration is the app's to set.
GIVEN_FIELDS = frozenset(
    {"name", "email", "organisation", "organisation_name", "phone", "access_needs",
     "dietary_needs", "language", "consented_at"}
)  # fmt: skip


class RegistrationRefused(Exception):
    """The meeting takes no registration now; ``state`` says why (closed, full, …)."""

    def __init__(self, state: RegistrationState) -> None:
        super().__init__(state.value)
        self.state = state


@dataclass(frozen=True)
class Outcome:
    """``created`` is False when this email had registered for the meeting already: the
    existing registration is returned unchanged, never a second one."""

    registration: Registration
    created: bool


def take_turn(meeting_id: int) -> None:
    """Wait for, then hold until commit, the meeting's turn to change its seats."""
    SeatLock.objects.get_or_create(meeting_id=meeting_id)
    SeatLock.objects.filter(pk=meeting_id).update(turns=F("turns") + 1)


def is_open_to_public(meeting: MeetingPage) -> bool:
    """Published and not restricted (a private page's meeting takes no registration)."""
    return bool(meeting.live) and not meeting.get_view_restrictions().exists()


def register(
    meeting: MeetingPage,
    *,
    source: RegistrationSource = RegistrationSource.WEB,
    added_by: Any = None,
    send_confirmation: bool = True,
    now: dt.datetime | None = None,
    **given: Any,
) -> Outcome:
    """Register someone: a seat while one is free, else the waitlist, else refused.

    Staff (``source`` phone or desk) may register outside the opening hours, for a resident who
    calls after the deadline; never beyond the seats, nor for a cancelled meeting.
    Raises :class:`RegistrationRefused`.
    """
    unknown = set(given) - GIVEN_FIELDS
    if unknown:
        raise TypeError(f"unknown registration fields: {sorted(unknown)}")
    source = RegistrationSource(source)
    now = now or timezone.now()
    if not meeting.has_built_in_registration or not is_open_to_public(meeting):
        raise RegistrationRefused(RegistrationState.CLOSED)
    email_key = (given.get("email") or "").strip().lower()
    with transaction.atomic():
        take_turn(meeting.pk)
        existing = None
        if email_key:
            existing = Registration.objects.filter(meeting=meeting, email_key=email_key).first()
        if existing is not None and existing.is_active:
            return Outcome(existing, created=False)
        confirmed = Registration.objects.filter(meeting=meeting).seated().count()
        state = meeting.registration_state(confirmed, now)
        if not _accepts(state, source):
            raise RegistrationRefused(state)
        status = place(meeting.seat_policy(), confirmed)
        if status is None:
            raise RegistrationRefused(RegistrationState.FULL)
        registration = existing or Registration(meeting=meeting)
        for name, value in given.items():
            setattr(registration, name, value)
        registration.status = status.value
        registration.source = source.value
        registration.added_by = added_by
        registration.created_at = now  # a second try joins the waitlist at its end
        registration.confirmed_at = now if status.holds_seat else None
        registration.cancelled_at = None
        registration.save()
        _after_commit(
            signals.registration_made,
            registration=registration,
            created=True,
            by_staff=source.by_staff,
            send_confirmation=send_confirmation,
        )
        if status.holds_seat:
            _tell_marks(meeting, confirmed, confirmed + 1)
    return Outcome(registration, created=True)


def _accepts(state: RegistrationState, source: RegistrationSource) -> bool:
    if state.accepts:
        return True
    # Staff may sign up a caller before opening or after the deadline, not for a cancelled
    # meeting nor beyond the seats.
    return source.by_staff and state in (RegistrationState.NOT_OPEN, RegistrationState.CLOSED)


def cancel(registration: Registration, *, by_staff: bool = False) -> list[Registration]:
    """Cancel a registration; its seat goes to the first on the waitlist, who are returned."""
    with transaction.atomic():
        take_turn(registration.meeting_id)
        current = Registration.objects.select_related("meeting").get(pk=registration.pk)
        if not current.is_active:
            return []
        current.status = Status.CANCELLED.value
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at", "updated_at"])
        registration.status, registration.cancelled_at = current.status, current.cancelled_at
        _after_commit(signals.registration_cancelled, registration=current, by_staff=by_staff)
        return _promote(current.meeting)


def fill_free_seats(meeting: MeetingPage) -> list[Registration]:
    """Give free seats to the waitlist, e.g. after an editor added seats."""
    with transaction.atomic():
        take_turn(meeting.pk)
        return _promote(meeting)


def _promote(meeting: MeetingPage) -> list[Registration]:
    # Nobody moves up for a meeting that is off or has begun (e.g. when attendance figures are
    # published afterwards): a seat given then would be an email too late to use.
    if not meeting.status_counts_as_held or timezone.now() >= meeting.start:
        return []
    registrations = Registration.objects.filter(meeting=meeting)
    confirmed = registrations.seated().count()
    moving = who_moves_up(meeting.registration_capacity, confirmed, registrations.waitlisted())
    now = timezone.now()
    for registration in moving:
        registration.status = Status.CONFIRMED.value
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        _after_commit(signals.seat_given, registration=registration)
    if moving:
        _tell_marks(meeting, confirmed, confirmed + len(moving))
    return moving


def _tell_marks(meeting: MeetingPage, before: int, after: int) -> None:
    mark = mark_reached(meeting.registration_capacity, before, after)
    if mark is not None:
        _after_commit(signals.meeting_filled_to, meeting=meeting, mark=mark)


def _after_commit(signal: Any, **kwargs: Any) -> None:
    transaction.on_commit(partial(signal.send, sender=Registration, **kwargs))
