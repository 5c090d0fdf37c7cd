"""The agreement page's ``sign/`` and ``sign/thanks/`` routes: the form, its POST, the thanks.

Only while the agreement may be asked to sign (the core's rule): otherwise both answer 404 and a
POST saves nothing. The form posts to itself (no JavaScript needed); a request taken (or the same
one sent again) answers 303 to the thanks page; anything else shows the form again as typed with
the reason on the field; too many attempts from one client answer 429 (the registration form's
limit). Never cached: the form carries a CSRF token.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect

from .. import conf
from ..models import AgreementPage
from ..registration.page_form import over_rate_limit
from .requests import SigningRefused, submit

__all__ = ["FORM_TEMPLATE", "THANKS_TEMPLATE", "serve_signing_form", "serve_thanks"]

FORM_TEMPLATE = "wagtail_civil/signing/form_page.html"
THANKS_TEMPLATE = "wagtail_civil/signing/thanks_page.html"


def _open(page: AgreementPage, request: HttpRequest) -> None:
    if not page.may_be_asked_to_sign:
        raise Http404("not open for signing")


def serve_signing_form(page: AgreementPage, request: HttpRequest) -> HttpResponse:
    """The route ``sign/``: GET shows the form, POST takes the request."""
    _open(page, request)
    if request.method not in ("GET", "HEAD", "POST"):
        response = HttpResponse(status=405)
        response["Allow"] = "GET, HEAD, POST"
        return response
    response = csrf_protect(lambda request: _answer(page, request))(request)
    add_never_cache_headers(response)
    return response


def serve_thanks(page: AgreementPage, request: HttpRequest) -> HttpResponse:
    """The route ``sign/thanks/``: what happens next. Names no one: it is a plain address."""
    _open(page, request)
    return _render(page, request, THANKS_TEMPLATE, {})


def _answer(page: AgreementPage, request: HttpRequest) -> HttpResponse:
    form_class = page.get_signing_form_class()
    if request.method != "POST":
        return _render_form(page, request, form_class(agreement=page))
    retry_after = over_rate_limit(page, request)
    if retry_after:
        form = form_class(initial=request.POST.dict(), agreement=page)
        problem = _(
            "Too many requests were sent from your connection in a short time. Nothing was "
            "saved. Wait %(minutes)s minutes and try again."
        ) % {"minutes": max(1, retry_after // 60)}
        response = _render_form(page, request, form, problem=problem, status=429)
        response["Retry-After"] = str(retry_after)
        return response
    form = form_class(request.POST, agreement=page)
    if form.is_valid():
        try:
            submit(
                page,
                language=translation.get_language() or "",
                consented_at=timezone.now(),
                **form.request_fields(),
            )
        except SigningRefused as refused:
            form.add_error(refused.problem.field, refused.problem.message)
        else:
            thanks = page.url + page.reverse_subpage("sign_thanks")
            return HttpResponseRedirect(thanks, status=303)
    return _render_form(page, request, form)


def _render_form(
    page: AgreementPage, request: HttpRequest, form: Any, *, problem: str = "", status: int = 200
) -> TemplateResponse:
    problem_days = conf.signing_request_retention_problem()
    context = {
        "form": form,
        "problem": problem,
        "has_problems": bool(problem or form.errors),
        "retention_days": None if problem_days else conf.signing_request_retention_days(),
    }
    return _render(page, request, FORM_TEMPLATE, context, status=status)


def _render(
    page: AgreementPage,
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> TemplateResponse:
    full = {"page": page, "self": page, "request": request, **context}
    return TemplateResponse(request, template, full, status=status)
