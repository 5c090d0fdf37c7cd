"""The background tasks that send registration emails (Django's tasks framework).

Receivers (:mod:`.notices`, :mod:`.changes`) only enqueue, after the transaction has committed,
so no email is ever sent inside a request and a slow mail server slows no one's registration.
A task reads the registration afresh and sends nothing when what it was to say is no longer
true (a confirmation for a registration cancelled meanwhile). Tasks take ids, never objects:
arguments are stored as JSON by the database backend.
"""

from __future__ import annotations

import logging
from typing import Any

from civilsamhalle.enums import RegistrationStatus

from .. import conf
from ..models import MeetingPage, Registration
from ..task_framework import task
from . import reminders, retention
from .emails import Kind, fill_message, registrant_message

__all__ = [
    "enqueue",
    "erase_expired_registrations",
    "send_fill_notice",
    "send_meeting_notice",
    "send_registration_email",
    "send_registration_reminders",
]

logger = logging.getLogger(__name__)

Status = RegistrationStatus


def enqueue(queued: Any, *args: Any) -> Any:
    """Queue ``queued`` (one of these tasks) in the backend ``WAGTAIL_CIVIL_TASK_BACKEND``."""
    return queued.using(backend=conf.task_backend()).enqueue(*args)


def _still_true(registration: Registration, kind: Kind) -> bool:
    status = Status(registration.status)
    if kind is Kind.CANCELLED:
        return status is Status.CANCELLED
    if kind in (Kind.SEAT_GIVEN, Kind.REMINDER):
        return status is Status.CONFIRMED
    return status.is_active


@task()
def send_registration_email(registration_id: int, kind: str) -> bool:
    """Send the email ``kind`` (a :class:`.emails.Kind`) to one registrant; whether it went."""
    registration = Registration.objects.select_related("meeting").filter(pk=registration_id).first()
    if registration is None or not _still_true(registration, Kind(kind)):
        return False
    message = registrant_message(registration, Kind(kind))
    if message is None:
        return False
    message.send()
    return True


@task()
def send_meeting_notice(meeting_id: int, kind: str) -> int:
    """Tell every active registrant that the meeting moved or was cancelled: one email task
    each, so one refused address does not stop the others. How many were queued."""
    ids = list(
        Registration.objects.filter(meeting_id=meeting_id)
        .active()
        .with_personal_data()
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    for registration_id in ids:
        enqueue(send_registration_email, registration_id, kind)
    return len(ids)


@task()
def send_fill_notice(meeting_id: int, mark: int) -> bool:
    """Tell the meeting's contact and ``WAGTAIL_CIVIL_REGISTRATION_NOTIFY`` that ``mark`` per
    cent of the seats are taken."""
    meeting = MeetingPage.objects.filter(pk=meeting_id).first()
    if meeting is None:
        return False
    recipients = list(dict.fromkeys([meeting.contact_email, *conf.registration_notify()]))
    recipients = [address for address in recipients if address]
    if not recipients:
        return False
    fill_message(meeting, mark, recipients).send()
    return True


@task()
def send_registration_reminders() -> int:
    """The reminders that are due (:func:`.reminders.send_due`), for a scheduler that runs
    tasks; ``manage.py send_registration_reminders`` does the same from cron."""
    return reminders.send_due()


@task()
def erase_expired_registrations() -> int:
    """Erase the personal data past the retention period (:func:`.retention.erase_expired`),
    for a scheduler that runs tasks; ``manage.py erase_registrations`` does the same from cron."""
    return retention.erase_expired()
