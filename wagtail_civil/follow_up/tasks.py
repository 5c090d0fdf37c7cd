"""The background tasks of commitment follow-up (Django's tasks framework, as registration's).

:func:`check_commitments` judges and stores (run by ``manage.py notify_commitments`` every day,
and queued when a meeting under an agreement is published or unpublished); it queues one
:func:`send_commitment_email` per commitment that turned "at risk", which judges that agreement
again and sends nothing if the commitment is no longer at risk. Tasks take ids, never objects.
"""

from __future__ import annotations

import datetime as dt

from civilsamhalle.commitments import CommitmentState

from ..registration.tasks import enqueue
from ..task_framework import task
from .emails import at_risk_message
from .notify import followed_up_agreements, mark_notified, record_changes
from .statuses import follow_ups

__all__ = ["check_commitments", "queue_notices", "send_commitment_email"]


def queue_notices(agreement_id: int | None = None, today: dt.date | None = None) -> int:
    """Judge (one agreement, or all followed up), store, queue the emails; how many were queued."""
    agreements = followed_up_agreements()
    if agreement_id is not None:
        agreements = agreements.filter(pk=agreement_id)
    turned = record_changes(agreements, today)
    for follow_up in turned:
        enqueue(send_commitment_email, follow_up.commitment.pk, follow_up.period_key.isoformat())
    return len(turned)


@task()
def check_commitments(agreement_id: int | None = None) -> int:
    """:func:`queue_notices` as a task, for a meeting just published or unpublished."""
    return queue_notices(agreement_id)


@task()
def send_commitment_email(commitment_id: int, period_start: str) -> bool:
    """Email the agreement's contact that the commitment is at risk, if it still is; whether
    an email went."""
    agreements = followed_up_agreements().filter(commitments__pk=commitment_id)
    for follow_up in follow_ups(agreements.select_related("locale"), with_links=True):
        if follow_up.commitment.pk != commitment_id:
            continue
        if follow_up.period_key.isoformat() != period_start:
            return False  # a new period began meanwhile: its own run tells
        if follow_up.status.state is not CommitmentState.AT_RISK:
            return False
        message = at_risk_message(follow_up)
        if message is None:
            return False
        message.send()
        mark_notified(follow_up)
        return True
    return False
