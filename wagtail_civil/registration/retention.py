"""Registrants' personal data is erased once the retention period after their meeting is over.

What identifies a person goes (:data:`~wagtail_civil.models.registrations.PERSONAL_FIELDS`); the
registration row stays, with its status, times and attendance, so a meeting's counts and the
attendance marked by staff survive. ``manage.py erase_registrations`` runs :func:`erase_expired`;
run it daily (docs/registration.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count
from django.utils import timezone

from .. import conf
from ..erasing import erase_in_batches
from ..models import Registration
from ..models.registrations import PERSONAL_FIELDS, RegistrationQuerySet

__all__ = [
    "BATCH_SIZE",
    "ExpiredMeeting",
    "erase_expired",
    "expired",
    "expired_by_meeting",
    "retention",
    "retention_cutoff",
]

# Registrations erased per transaction: short row locks on a busy site, two queries per batch.
BATCH_SIZE = 500


def retention() -> dt.timedelta:
    """The retention period; refuses a setting ``manage.py check`` warns about."""
    problem = conf.registration_retention_problem()
    if problem is not None:
        raise ImproperlyConfigured(problem)
    return dt.timedelta(days=conf.registration_retention_days())


def retention_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """Meetings that ended before this moment are past their retention at ``now``."""
    return (now or timezone.now()) - retention()


def expired(now: dt.datetime | None = None) -> RegistrationQuerySet:
    """Registrations still holding personal data whose meeting ended more than the retention
    period before ``now``."""
    return _expired_before(retention_cutoff(now))


def _expired_before(cutoff: dt.datetime) -> RegistrationQuerySet:
    return Registration.objects.with_personal_data().filter(meeting__end__lt=cutoff)


@dataclass(frozen=True)
class ExpiredMeeting:
    """A meeting with registrations past their retention, and how many."""

    title: str
    end: dt.datetime
    registrations: int


def expired_by_meeting(now: dt.datetime | None = None) -> list[ExpiredMeeting]:
    """What :func:`erase_expired` would erase at ``now``, per meeting, oldest first."""
    rows = (
        expired(now)
        .order_by()
        .values("meeting_id", "meeting__title", "meeting__end")
        .annotate(n=Count("pk"))
        .order_by("meeting__end", "meeting_id")
    )
    return [ExpiredMeeting(row["meeting__title"], row["meeting__end"], row["n"]) for row in rows]


def erase_expired(now: dt.datetime | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Erase the personal data of every :func:`expired` registration; how many were erased.

    Does what :meth:`Registration.erase_personal_data` does, a batch at a time in one UPDATE
    (``save()`` is not called, so ``email_key`` is blanked here rather than derived from the
    email). Running it again erases nothing more.
    """
    cutoff = retention_cutoff(now)
    return erase_in_batches(
        lambda: _expired_before(cutoff),
        PERSONAL_FIELDS,
        batch_size,
        stamp_fields=("erased_at", "updated_at"),
    )
