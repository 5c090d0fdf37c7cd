"""The statement's ``report/`` route: the form, and its POST.

As the volunteering forms: no JavaScript needed; a valid post saves the report, queues the
emails after commit and answers 303 back to the route, where a status message thanks the
resident (post/redirect/get); an error or the honeypot shows the form again with what was typed
and the reason on the field; too many posts from one client answer 429. Never cached.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect

from .. import conf
from ..models import AccessibilityReport, AccessibilityStatementPage
from ..volunteering.pages import over_rate_limit
from . import tasks
from .form import ReportForm

__all__ = ["TEMPLATE", "serve_report"]

TEMPLATE = "wagtail_civil/accessibility/report.html"


def serve_report(page: AccessibilityStatementPage, request: HttpRequest) -> HttpResponse:
    response = csrf_protect(lambda request: _answer(page, request))(request)
    add_never_cache_headers(response)
    return response


def _answer(page: AccessibilityStatementPage, request: HttpRequest) -> HttpResponse:
    if not page.takes_reports:
        return _render(page, request, {"form": None}, status=404)
    if request.method != "POST":
        initial = {"page_url": request.GET.get("page", "")[:1000]}
        return _render(page, request, {"form": ReportForm(initial=initial)})
    retry = over_rate_limit(f"accessibility-report:{page.pk}", request)
    if retry:
        problem = _(
            "Too many forms were sent from your connection in a short time. Nothing was saved. "
            "Wait %(minutes)s minutes and try again."
        ) % {"minutes": max(1, retry // 60)}
        form = ReportForm(initial=request.POST.dict())
        response = _render(page, request, {"form": form, "problem": problem}, status=429)
        response["Retry-After"] = str(retry)
        return response
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _render(page, request, {"form": form})
    with transaction.atomic():
        report = AccessibilityReport.objects.create(
            statement=page, language=translation.get_language() or "", **form.report_fields()
        )
        report_id = report.pk
        transaction.on_commit(lambda: tasks.enqueue(tasks.send_editor_notice, report_id))
        if report.email:
            transaction.on_commit(lambda: tasks.enqueue(tasks.send_receipt, report_id))
    text = _("Thank you! Your report was sent.")
    if report.email:
        text += " " + _("We answer you by email within %(days)s working days.") % {
            "days": page.response_days
        }
    messages.success(request, text, fail_silently=True)
    return HttpResponseRedirect(page.url + "report/", status=303)


def _retention_days() -> int | None:
    if conf.accessibility_report_retention_problem():
        return None
    return conf.accessibility_report_retention_days()


def _render(
    page: AccessibilityStatementPage,
    request: HttpRequest,
    extra: dict[str, Any],
    status: int = 200,
) -> TemplateResponse:
    context = page.get_context(request)
    context.update({"problem": "", "retention_days": _retention_days()}, **extra)
    return TemplateResponse(request, TEMPLATE, context, status=status)
