"""When an editor publishes a meeting with more seats, the free seats go to the waitlist at once,
in the order people joined it (each told by email through ``signals.seat_given``)."""

from __future__ import annotations

from typing import Any

from wagtail.signals import page_published

__all__ = ["connect"]


def _published(sender: Any, instance: Any, **kwargs: Any) -> None:
    from ..models import MeetingPage, Registration
    from .seats import fill_free_seats

    if not isinstance(instance, MeetingPage) or not instance.has_built_in_registration:
        return
    if not Registration.objects.filter(meeting=instance, status="waitlisted").exists():
        return
    fill_free_seats(instance)


def connect() -> None:
    page_published.connect(_published, dispatch_uid="wagtail_civil.registration.fill_seats")
