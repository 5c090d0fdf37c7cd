"""When a meeting with built-in registration is published moved or cancelled, its registrants
are told, each with the updated ``.ics``.

"Moved" is what raises the page's SEQUENCE (:mod:`..models.calendar_identity`: another time,
place, online link or status), so the registrants are told exactly when calendars are: a
corrected typo tells no one. The SEQUENCE before the save is read just before it is written
(``pre_save``) and compared when Wagtail says the page was published. A meeting moved to
another start is reminded of again before its new date.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import pre_save
from wagtail.signals import page_published

from .emails import Kind

__all__ = ["connect"]

_BEFORE = "_civil_sequence_before_publish"


def _remember(sender: Any, instance: Any, **kwargs: Any) -> None:
    from ..models import MeetingPage

    if not isinstance(instance, MeetingPage) or instance.pk is None:
        return
    if not instance.has_built_in_registration or kwargs.get("update_fields") is not None:
        return
    stored = MeetingPage.objects.filter(pk=instance.pk).values_list("sequence", "start")
    setattr(instance, _BEFORE, stored.first())


def _published(sender: Any, instance: Any, **kwargs: Any) -> None:
    from ..models import MeetingPage, Registration

    if not isinstance(instance, MeetingPage) or not instance.has_built_in_registration:
        return
    before = instance.__dict__.pop(_BEFORE, None)
    if before is None or instance.sequence <= before[0]:
        return
    if instance.start != before[1]:
        Registration.objects.filter(meeting=instance).update(reminder_sent_at=None)
    kind = Kind.MEETING_CANCELLED if instance.is_cancelled else Kind.MEETING_CHANGED
    transaction.on_commit(lambda: _queue(instance.pk, kind))


def _queue(meeting_id: int, kind: Kind) -> None:
    from .tasks import enqueue, send_meeting_notice

    enqueue(send_meeting_notice, meeting_id, kind.value)


def connect() -> None:
    pre_save.connect(_remember, dispatch_uid="wagtail_civil.registration.sequence_before")
    page_published.connect(_published, dispatch_uid="wagtail_civil.registration.meeting_changed")
