"""Accessibility reports' personal data (description, name, email) is erased
``WAGTAIL_CIVIL_ACCESSIBILITY_REPORT_RETENTION_DAYS`` after the report was answered, or after it
was sent if nobody marked it answered; the address and the status stay.
``manage.py erase_accessibility_reports`` runs :func:`erase_expired`; run it daily.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone

from .. import conf
from ..erasing import erase_in_batches
from ..models import AccessibilityReport
from ..models.accessibility_reports import REPORT_PERSONAL_FIELDS, AccessibilityReportQuerySet

__all__ = ["BATCH_SIZE", "erase_expired", "expired", "retention", "retention_cutoff"]

BATCH_SIZE = 500


def retention() -> dt.timedelta:
    """The retention period; refuses a setting ``manage.py check`` warns about (W021)."""
    problem = conf.accessibility_report_retention_problem()
    if problem is not None:
        raise ImproperlyConfigured(problem)
    return dt.timedelta(days=conf.accessibility_report_retention_days())


def retention_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - retention()


def expired(now: dt.datetime | None = None) -> AccessibilityReportQuerySet:
    """Reports still holding personal data whose retention is over at ``now``."""
    return _expired_before(retention_cutoff(now))


def _expired_before(cutoff: dt.datetime) -> AccessibilityReportQuerySet:
    over = Q(answered_at__lt=cutoff) | Q(answered_at__isnull=True, created_at__lt=cutoff)
    return AccessibilityReport.objects.with_personal_data().filter(over)


def erase_expired(now: dt.datetime | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Erase every :func:`expired` report's personal data, a batch per transaction; how many.
    Running it again erases nothing more."""
    cutoff = retention_cutoff(now)
    return erase_in_batches(lambda: _expired_before(cutoff), REPORT_PERSONAL_FIELDS, batch_size)
