"""Receivers that queue an email for what the seat code signals (sent after commit).

A site that writes its own emails disconnects these with :func:`disconnect` and connects its
own receivers to :mod:`.signals`.
"""

from __future__ import annotations

from typing import Any

from . import signals
from .emails import Kind

__all__ = ["connect", "disconnect"]


def _made(
    sender: Any, registration: Any, created: bool, send_confirmation: bool = True, **kwargs: Any
) -> None:
    """The confirmation or waitlist notice: not when the address had registered already (the
    form shows that registration), nor for a phone or desk sign-up that asked for none."""
    if created and send_confirmation and registration.email:
        _queue(registration, Kind.CONFIRMATION)


def _cancelled(sender: Any, registration: Any, **kwargs: Any) -> None:
    if registration.email:
        _queue(registration, Kind.CANCELLED)


def _seat_given(sender: Any, registration: Any, **kwargs: Any) -> None:
    if registration.email:
        _queue(registration, Kind.SEAT_GIVEN)


def _filled(sender: Any, meeting: Any, mark: int, **kwargs: Any) -> None:
    from .tasks import enqueue, send_fill_notice

    enqueue(send_fill_notice, meeting.pk, int(mark))


def _queue(registration: Any, kind: Kind) -> None:
    from .tasks import enqueue, send_registration_email

    enqueue(send_registration_email, registration.pk, kind.value)


_RECEIVERS = (
    (signals.registration_made, _made),
    (signals.registration_cancelled, _cancelled),
    (signals.seat_given, _seat_given),
    (signals.meeting_filled_to, _filled),
)


def connect() -> None:
    for signal, receiver in _RECEIVERS:
        signal.connect(receiver, dispatch_uid=f"wagtail_civil.emails.{receiver.__name__}")


def disconnect() -> None:
    for signal, receiver in _RECEIVERS:
        signal.disconnect(receiver, dispatch_uid=f"wagtail_civil.emails.{receiver.__name__}")
