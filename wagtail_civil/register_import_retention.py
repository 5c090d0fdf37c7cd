"""Finished register imports are deleted ``WAGTAIL_CIVIL_IMPORT_RUN_RETENTION_DAYS`` after they
finished: a run's report repeats rows of the file (a rejected email address among them), and the
organisations it made keep their own history. ``manage.py erase_import_runs`` runs
:func:`erase_expired`; run it daily. A run still waiting or running is never deleted.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import conf
from .models import RegisterImportRun

__all__ = ["BATCH_SIZE", "erase_expired", "expired", "retention", "retention_cutoff"]

BATCH_SIZE = 500


def retention() -> dt.timedelta:
    """The retention period; refuses a setting ``manage.py check`` warns about (W022)."""
    problem = conf.import_run_retention_problem()
    if problem is not None:
        raise ImproperlyConfigured(problem)
    return dt.timedelta(days=conf.import_run_retention_days())


def retention_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - retention()


def expired(now: dt.datetime | None = None) -> QuerySet[RegisterImportRun]:
    """Finished runs (done or failed) whose retention is over at ``now``."""
    return _finished_before(retention_cutoff(now))


def _finished_before(cutoff: dt.datetime) -> QuerySet[RegisterImportRun]:
    finished = [RegisterImportRun.Status.DONE, RegisterImportRun.Status.FAILED]
    return RegisterImportRun.objects.filter(status__in=finished, finished_at__lt=cutoff)


def erase_expired(now: dt.datetime | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Delete every :func:`expired` run, a batch per transaction; how many. Running it again
    deletes nothing more."""
    cutoff = retention_cutoff(now)
    deleted = 0
    while True:
        with transaction.atomic():
            batch = _finished_before(cutoff).order_by("pk").values_list("pk", flat=True)
            keys = list(batch[:batch_size])
            if not keys:
                return deleted
            deleted += RegisterImportRun.objects.filter(pk__in=keys).delete()[0]
