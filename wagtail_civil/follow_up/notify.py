"""Tell an agreement's contact when a commitment turns "at risk", once per change of state.

Each run judges every commitment of the live agreements in force in its current period and
compares the state with the one stored for that commitment and period
(:class:`~wagtail_civil.models.CommitmentNotice`). A change is stored; a change *to* "at risk"
also queues the email (:mod:`.tasks`). Judging again without a change sends nothing, so the
daily command can run as often as it likes; a commitment that recovers (a meeting planned) and
falls back (that meeting cancelled) is told again, and so is the next period's.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from civilsamhalle.commitments import CommitmentState
from civilsamhalle.enums import AgreementStatus

from ..models import AgreementPage, CommitmentNotice
from .statuses import FollowUp, follow_ups

__all__ = ["followed_up_agreements", "mark_notified", "record_changes"]


def followed_up_agreements() -> QuerySet[AgreementPage]:
    """Published agreements whose commitments are owed now (see ``is_followed_up``)."""
    statuses = [s.value for s in AgreementStatus if s.is_followed_up]
    return AgreementPage.objects.live().filter(status__in=statuses)


def _turn(follow_up: FollowUp) -> bool:
    """Store the new state; whether it changed (two runs at once: only one sees the change)."""
    state = follow_up.status.state.value
    key = {"commitment_id": follow_up.commitment.pk, "period_start": follow_up.period_key}
    if CommitmentNotice.objects.filter(**key).exclude(state=state).update(state=state):
        return True
    try:
        with transaction.atomic():
            CommitmentNotice.objects.create(state=state, **key)
    except IntegrityError:
        return False  # already stored with this state
    return True


def record_changes(
    agreements: QuerySet[AgreementPage] | None = None, today: dt.date | None = None
) -> list[FollowUp]:
    """Store each commitment's new state; the ones that turned "at risk" and have a contact.

    The caller queues their emails (:func:`.tasks.notify_commitments` does).
    """
    agreements = followed_up_agreements() if agreements is None else agreements
    found = follow_ups(agreements.select_related("locale"), today, with_links=True)
    if not found:
        return []
    stored = {
        (commitment, period): state
        for commitment, period, state in CommitmentNotice.objects.filter(
            commitment_id__in=[f.commitment.pk for f in found]
        ).values_list("commitment_id", "period_start", "state")
    }
    turned = []
    for follow_up in found:
        key = (follow_up.commitment.pk, follow_up.period_key)
        if stored.get(key) == follow_up.status.state.value or not _turn(follow_up):
            continue
        if follow_up.status.state is CommitmentState.AT_RISK and follow_up.agreement.contact_email:
            turned.append(follow_up)
    return turned


def mark_notified(follow_up: FollowUp) -> None:
    """Remember when the contact was emailed (shown nowhere yet; kept for support questions)."""
    CommitmentNotice.objects.filter(
        commitment_id=follow_up.commitment.pk, period_start=follow_up.period_key
    ).update(notified_at=timezone.now())
