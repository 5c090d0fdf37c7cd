"""Judge an agreement's commitments again when a meeting under it is published or unpublished.

Cheap: one task for the one agreement, queued after the transaction has committed, so an
editor's publish is not slowed down and a rolled-back publish tells no one.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

__all__ = ["connect"]


def _meeting_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    agreement_id = getattr(instance, "agreement_id", None)
    if agreement_id is None:
        return
    from ..registration.tasks import enqueue
    from .tasks import check_commitments

    transaction.on_commit(partial(enqueue, check_commitments, agreement_id))


def connect() -> None:
    from ..models import MeetingPage

    page_published.connect(_meeting_changed, sender=MeetingPage, dispatch_uid="civil_commitments_p")
    page_unpublished.connect(
        _meeting_changed, sender=MeetingPage, dispatch_uid="civil_commitments_u"
    )
