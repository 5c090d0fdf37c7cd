"""Signing requests' personal data is erased once the retention period after the decision is over.

What identifies people goes (:data:`~wagtail_civil.models.signing_requests.PERSONAL_FIELDS`);
the request stays with its organisation, decision, reason and times. A request still waiting
keeps its data until an editor decides it. ``manage.py erase_signing_requests`` runs
:func:`erase_expired`; run it daily (docs/signing-requests.md).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from .. import conf
from ..erasing import erase_in_batches
from ..models import SigningRequest
from ..models.signing_requests import PERSONAL_FIELDS, SigningRequestQuerySet

__all__ = ["BATCH_SIZE", "erase_expired", "expired", "retention", "retention_cutoff"]

BATCH_SIZE = 500


def retention() -> dt.timedelta:
    """The retention period; refuses a setting ``manage.py check`` warns about (W004)."""
    problem = conf.signing_request_retention_problem()
    if problem is not None:
        raise ImproperlyConfigured(problem)
    return dt.timedelta(days=conf.signing_request_retention_days())


def retention_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """Requests decided before this moment are past their retention at ``now``."""
    return (now or timezone.now()) - retention()


def expired(now: dt.datetime | None = None) -> SigningRequestQuerySet:
    """Decided requests still holding personal data, decided more than the period ago."""
    return _expired_before(retention_cutoff(now))


def _expired_before(cutoff: dt.datetime) -> SigningRequestQuerySet:
    return SigningRequest.objects.decided().with_personal_data().filter(decided_at__lt=cutoff)


def erase_expired(now: dt.datetime | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Erase the personal data of every :func:`expired` request; how many were erased.
    Running it again erases nothing more."""
    cutoff = retention_cutoff(now)
    return erase_in_batches(lambda: _expired_before(cutoff), PERSONAL_FIELDS, batch_size)
