"""The admin's pages of register imports: one run's progress and report, and the recent runs.

While the import waits or runs, a run's page fetches itself again every few seconds
(``js/import-run.js``; not a ``<meta http-equiv="refresh">``, which fails WCAG 2.2.1) and a
"Refresh" link does it by hand; once done it shows the report. For those who may import.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from . import converters  # noqa: F401  (registers <civil_pk:…> for the routes)
from .models import RegisterImportRun

__all__ = ["REFRESH_SECONDS", "RECENT_RUNS", "run_view", "runs_view"]

REFRESH_SECONDS = 5
RECENT_RUNS = 50


def _check(request: HttpRequest) -> None:
    from django.core.exceptions import PermissionDenied

    from .register_import import can_import

    if not can_import(request.user):
        raise PermissionDenied


def run_view(request: HttpRequest, run_id: int) -> HttpResponse:
    """One run: its progress while it waits or runs, its report once done."""
    _check(request)
    run = get_object_or_404(RegisterImportRun.objects.select_related("user"), pk=run_id)
    report = run.report or {}
    return TemplateResponse(
        request,
        "wagtail_civil/admin/register_import/run.html",
        {
            "run": run,
            "refresh": REFRESH_SECONDS if run.in_progress else None,
            "rejected": report.get("rejected", []),
            "created": report.get("created", []),
            "changed": report.get("changed", []),
            "missing": report.get("missing", []),
            "more_rejected": max(0, run.rejected_count - len(report.get("rejected", []))),
            "more_created": max(0, run.created_count - len(report.get("created", []))),
            "more_changed": max(0, run.changed_count - len(report.get("changed", []))),
        },
    )


def runs_view(request: HttpRequest) -> HttpResponse:
    """The most recent runs, newest first, each linked to its page."""
    _check(request)
    runs = RegisterImportRun.objects.select_related("user").defer("report")[:RECENT_RUNS]
    return TemplateResponse(
        request, "wagtail_civil/admin/register_import/runs.html", {"runs": runs}
    )
