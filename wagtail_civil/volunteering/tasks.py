"""The background tasks of volunteering (Django's tasks framework), queued after commit.

A task reads the offer afresh and sends nothing when what it was to say is no longer true (an
offer marked again meanwhile: only the latest status is told). Tasks take ids, never objects.
"""

from __future__ import annotations

from typing import Any

from .. import conf
from ..models import VolunteerOffer
from ..task_framework import task
from . import retention
from .emails import offer_message

__all__ = ["enqueue", "erase_expired_volunteer_offers", "send_offer_status_email"]


def enqueue(queued: Any, *args: Any) -> Any:
    """Queue ``queued`` in the backend ``WAGTAIL_CIVIL_TASK_BACKEND``."""
    return queued.using(backend=conf.task_backend()).enqueue(*args)


@task()
def send_offer_status_email(offer_id: int, status: str) -> bool:
    """Tell the resident that their offer was marked ``status``; whether the email went."""
    offer = VolunteerOffer.objects.select_related("need", "index").filter(pk=offer_id).first()
    if offer is None or offer.status != status:
        return False
    message = offer_message(offer)
    if message is None:
        return False
    message.send()
    return True


@task()
def erase_expired_volunteer_offers() -> int:
    """:func:`.retention.erase_expired`, for a scheduler that runs tasks."""
    return retention.erase_expired()
