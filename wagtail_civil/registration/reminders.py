"""Reminders before a meeting: each confirmed registrant gets one, however often this runs.

A registration is claimed before its reminder is sent, by a conditional UPDATE that sets
``reminder_sent_at`` only where it is still empty: of two workers (or two runs of the command)
the database lets exactly one claim a row, so no one is reminded twice. A send that fails gives
the claim back, so the next run tries again.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Q
from django.utils import timezone

from civilsamhalle.enums import RegistrationKind, RegistrationStatus

from ..models import Registration
from .emails import Kind, registrant_message

__all__ = ["claim", "due", "send_due"]

logger = logging.getLogger(__name__)

# The longest reminder an editor can choose (registration_reminder_hours' maximum).
_LONGEST = dt.timedelta(days=30)


def due(now: dt.datetime | None = None) -> list[Registration]:
    """Confirmed registrations whose meeting starts within its reminder hours and have had
    no reminder; not those who were given their seat inside those hours (their confirmation
    came just now, with everything a reminder says)."""
    now = now or timezone.now()
    candidates = (
        Registration.objects.select_related("meeting")
        .filter(
            status=RegistrationStatus.CONFIRMED.value,
            reminder_sent_at__isnull=True,
            erased_at__isnull=True,
            meeting__live=True,
            meeting__registration_kind=RegistrationKind.BUILT_IN.value,
            meeting__registration_reminder=True,
            meeting__start__gt=now,
            meeting__start__lte=now + _LONGEST,
        )
        .exclude(Q(email="") | Q(email__isnull=True))
        .order_by("meeting__start", "pk")
    )
    found = []
    for registration in candidates:
        meeting = registration.meeting
        opens = meeting.start - dt.timedelta(hours=meeting.registration_reminder_hours)
        if not meeting.status_counts_as_held or now < opens:
            continue
        if registration.confirmed_at is not None and registration.confirmed_at >= opens:
            continue
        found.append(registration)
    return found


def claim(registration: Registration, now: dt.datetime) -> bool:
    """Take the reminder for this worker: True for exactly one caller, ever."""
    claimed = Registration.objects.filter(pk=registration.pk, reminder_sent_at__isnull=True)
    return claimed.update(reminder_sent_at=now) == 1


def send_due(now: dt.datetime | None = None) -> int:
    """Send every due reminder this run could claim; how many were sent."""
    now = now or timezone.now()
    sent = 0
    for registration in due(now):
        if not claim(registration, now):
            continue  # another worker has it
        message = registrant_message(registration, Kind.REMINDER)
        try:
            if message is not None:
                message.send()
        except Exception:
            Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=None)
            logger.exception("Reminder to registration %s not sent; tried again next run",
                             registration.pk)  # fmt: skip
            continue
        sent += 1
    return sent
