"""The background tasks of signing requests (Django's tasks framework), as registrations' are.

Enqueued after the transaction has committed, with ids (stored as JSON); a task reads the
request afresh and sends nothing when there is nothing true to say.
"""

from __future__ import annotations

from typing import Any

from ..models import SigningRequest
from ..registration.tasks import enqueue
from ..task_framework import task
from . import retention
from .emails import editor_message, editors_to_tell, outcome_message

__all__ = ["enqueue", "erase_expired_signing_requests", "send_editor_notice", "send_outcome"]


def _request(request_id: int) -> Any:
    queryset = SigningRequest.objects.select_related("agreement", "organisation")
    return queryset.filter(pk=request_id).first()


@task()
def send_editor_notice(request_id: int) -> bool:
    """Tell the editors who may decide that a request waits; whether an email went."""
    signing_request = _request(request_id)
    if signing_request is None or not signing_request.is_pending:
        return False
    recipients = editors_to_tell()
    if not recipients:
        return False
    editor_message(signing_request, recipients).send()
    return True


@task()
def send_outcome(request_id: int) -> bool:
    """Tell the requester the decision; whether the email went."""
    signing_request = _request(request_id)
    message = outcome_message(signing_request) if signing_request is not None else None
    if message is None:
        return False
    message.send()
    return True


@task()
def erase_expired_signing_requests() -> int:
    """Erase personal data past the retention period (:func:`.retention.erase_expired`), for a
    scheduler that runs tasks; ``manage.py erase_signing_requests`` does the same from cron."""
    return retention.erase_expired()
