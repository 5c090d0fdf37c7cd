"""The background tasks of accessibility reports (Django's tasks framework), queued after
commit with ids; a task reads the report afresh and sends nothing once its data is erased."""

from __future__ import annotations

from ..models import AccessibilityReport
from ..registration.tasks import enqueue
from ..task_framework import task
from . import retention
from .emails import editor_message, editors_to_tell, receipt_message

__all__ = ["enqueue", "erase_expired_accessibility_reports", "send_editor_notice", "send_receipt"]


def _report(report_id: int) -> AccessibilityReport | None:
    return AccessibilityReport.objects.select_related("statement").filter(pk=report_id).first()


@task()
def send_editor_notice(report_id: int) -> bool:
    """Tell the editors who may read reports that one came in; whether an email went."""
    report = _report(report_id)
    if report is None or report.erased_at is not None:
        return False
    recipients = editors_to_tell()
    if not recipients:
        return False
    editor_message(report, recipients).send()
    return True


@task()
def send_receipt(report_id: int) -> bool:
    """Tell the resident their report arrived; whether an email went."""
    report = _report(report_id)
    message = receipt_message(report) if report is not None else None
    if message is None:
        return False
    message.send()
    return True


@task()
def erase_expired_accessibility_reports() -> int:
    """:func:`.retention.erase_expired`, for a scheduler that runs tasks."""
    return retention.erase_expired()
