"""Volunteer offers' personal data is erased once the retention period is over.

An offer expires ``WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS`` after the later of its last
change (sent, answered) and the end of its need: a one-off need's end, an ongoing need's
open-until day. A general offer, or one on an ongoing need without an end, expires after its
last change. What identifies the person goes; the row stays with its status, so a filled need
stays filled. ``manage.py erase_volunteer_offers`` runs :func:`erase_expired`; run it daily.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone

from civilsamhalle.enums import VolunteerNeedTiming

from .. import conf
from ..dates import local
from ..erasing import erase_in_batches
from ..models import VolunteerOffer
from ..models.volunteer_offers import OFFER_PERSONAL_FIELDS, VolunteerOfferQuerySet

__all__ = ["BATCH_SIZE", "erase_expired", "expired", "retention", "retention_cutoff"]

BATCH_SIZE = 500


def retention() -> dt.timedelta:
    """The retention period; refuses a setting ``manage.py check`` warns about."""
    problem = conf.volunteer_offer_retention_problem()
    if problem is not None:
        raise ImproperlyConfigured(problem)
    return dt.timedelta(days=conf.volunteer_offer_retention_days())


def retention_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - retention()


def expired(now: dt.datetime | None = None) -> VolunteerOfferQuerySet:
    """Offers still holding personal data whose retention is over at ``now``."""
    return _expired_before(retention_cutoff(now))


def _expired_before(cutoff: dt.datetime) -> VolunteerOfferQuerySet:
    ongoing = VolunteerNeedTiming.ONGOING.value
    need_over = (
        Q(need__isnull=True)
        | Q(need__timing=VolunteerNeedTiming.ONE_OFF.value, need__end__lt=cutoff)
        | Q(need__timing=ongoing, need__open_until__lt=local(cutoff).date())
        | Q(need__timing=ongoing, need__open_until__isnull=True)
    )
    return VolunteerOffer.objects.with_personal_data().filter(need_over, updated_at__lt=cutoff)


def erase_expired(now: dt.datetime | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Erase every :func:`expired` offer's personal data, a batch per transaction; how many.
    Running it again erases nothing more."""
    cutoff = retention_cutoff(now)
    return erase_in_batches(
        lambda: _expired_before(cutoff),
        OFFER_PERSONAL_FIELDS,
        batch_size,
        stamp_fields=("erased_at", "updated_at"),
    )
