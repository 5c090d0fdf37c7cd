"""The admin's register import as a task of Django's tasks framework.

Confirming an import queues :func:`run_register_import` in ``WAGTAIL_CIVIL_TASK_BACKEND``: with a
database backend and its worker the import runs there, beyond the web server's timeout, and the
editor follows it on the run's page; with the immediate backend (nothing configured) it runs in the
confirming request, as it always did. Either way the run records what happened.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from . import conf
from .conf import import_dir
from .importing.register_file import RegisterImport, import_register
from .models import RegisterImportRun
from .task_framework import task

__all__ = ["PROGRESS_EVERY", "enqueue_run", "run_register_import"]

logger = logging.getLogger(__name__)

Status = RegisterImportRun.Status
PROGRESS_EVERY = 50  # rows per batch: one UPDATE of the run's progress each, a few seconds apart
KEEP = 200  # created and changed organisations kept for the report, as the preview shows
MAX_REJECTED = 1000  # rejected rows kept with their reason; the count is always whole


def enqueue_run(run: RegisterImportRun) -> None:
    """Queue the run once its row is committed (a worker must find it)."""
    run_id = run.pk
    transaction.on_commit(
        lambda: run_register_import.using(backend=conf.task_backend()).enqueue(run_id)
    )


@task()
def run_register_import(run_id: int) -> str:
    """Import the run's waiting file for real; the run's status, which the run's page shows.

    Takes an id, never an object: the database backend stores arguments as JSON. A failure marks
    the run failed and is logged; it is not raised again, so a worker does not retry an import
    whose first batches are already in."""
    claimed = RegisterImportRun.objects.filter(pk=run_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    run = RegisterImportRun.objects.select_related("user").filter(pk=run_id).first()
    if not claimed or run is None:  # gone, or already run (a task delivered twice)
        return run.status if run else "missing"
    path = import_dir() / run.token
    runs = RegisterImportRun.objects.filter(pk=run_id)

    def progress(_read: int, _total: int, rows: int) -> None:
        runs.update(rows_done=rows, progressed_at=timezone.now())

    try:
        with translation.override(run.language or None):
            result = import_register(
                path,
                publish=run.publish,
                keep=KEEP,
                batch_size=PROGRESS_EVERY,
                atomic=False,
                progress=progress,
                user=run.user,
            )
            report = _report(result)
    except Exception:
        logger.exception("Register import %s (%s) failed", run_id, run.file_name)
        runs.update(status=Status.FAILED, finished_at=timezone.now())
        return Status.FAILED.value
    finally:
        path.unlink(missing_ok=True)
    runs.update(
        status=Status.DONE,
        finished_at=timezone.now(),
        rows_done=result.rows,
        rows_total=result.rows,
        created_count=result.created,
        changed_count=result.changed,
        unchanged_count=result.unchanged,
        rejected_count=len(result.rejected),
        skipped_count=result.file.skipped,
        report=report,
        token="",
    )
    return Status.DONE.value


def _report(result: RegisterImport) -> dict[str, Any]:
    """What the run's page lists (:func:`wagtail_civil.register_import.report_rows`)."""
    from .register_import import report_rows

    return report_rows(result, MAX_REJECTED)
