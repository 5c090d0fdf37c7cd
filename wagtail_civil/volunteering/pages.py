"""The volunteering forms' POSTs: an offer on a need page, a general offer, a reported need.

Each form posts to its own page (no JavaScript needed). A valid post answers 303 back to the
page, where a status message says what happened (post/redirect/get, so reloading sends nothing
twice); an error, a refusal or the honeypot shows the page again with what was typed and the
reason on the field; too many posts from one client to one page answer 429. Never cached: the
pages carry a CSRF token and a need's state changes with every accepted offer.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect

from civilsamhalle.enums import VolunteerNeedState

from .. import conf
from ..models import VolunteerNeedIndexPage, VolunteerNeedPage, VolunteerOffer
from .forms import NeedReportForm, OfferForm

__all__ = [
    "OfferPanel",
    "offer_panel",
    "over_rate_limit",
    "refusal_message",
    "serve_general_offer",
    "serve_need",
    "serve_report",
]

logger = logging.getLogger(__name__)


@dataclass
class OfferPanel:
    """What a page's offer section shows: the need's state, and the form while it takes offers."""

    state: VolunteerNeedState
    form: OfferForm | None = None
    problem: str = ""  # why the last POST was not taken (refused, rate limit)
    retention_days: int | None = 180  # None: the setting is wrong (check W010 says how)

    @property
    def has_problems(self) -> bool:
        return bool(self.problem or (self.form is not None and self.form.errors))


def refusal_message(state: VolunteerNeedState) -> str:
    if state is VolunteerNeedState.FILLED:
        return _("This need has all the volunteers it asked for. Your offer was not saved.")
    return _("This need no longer takes offers. Your offer was not saved.")


def _retention_days() -> int | None:
    return (
        None if conf.volunteer_offer_retention_problem() else conf.volunteer_offer_retention_days()
    )


def offer_panel(need: VolunteerNeedPage | None, request: HttpRequest) -> OfferPanel:
    """The section as a GET shows it. A need on a private page takes no offers."""
    if need is None:
        state = VolunteerNeedState.OPEN
    else:
        state = need.state_at()
        previewing = getattr(request, "is_preview", False)
        if state.takes_offers and not previewing and not _is_public(need):
            state = VolunteerNeedState.CLOSED
    panel = OfferPanel(state=state, retention_days=_retention_days())
    if state.takes_offers:
        panel.form = OfferForm(need=need)
    return panel


def _is_public(page: Any) -> bool:
    return bool(page.live) and not page.get_view_restrictions().exists()


# --- the need page ---------------------------------------------------------------------------


def serve_need(page: VolunteerNeedPage, request: HttpRequest) -> HttpResponse:
    response = csrf_protect(lambda request: _answer_need(page, request))(request)
    add_never_cache_headers(response)
    return response


def _answer_need(page: VolunteerNeedPage, request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_page(page, request, offer_panel(page, request))
    index = page.get_parent().specific
    limited = _limited(page, request, lambda: offer_panel(page, request))
    if limited is not None:
        return _render_page(page, request, limited[0], status=429, retry=limited[1])
    panel = offer_panel(page, request)
    if not panel.state.takes_offers:  # closed or filled since the form was shown
        panel.problem = refusal_message(panel.state)
        return _render_page(page, request, panel)
    form = OfferForm(request.POST, need=page)
    if form.is_valid():
        _save_offer(request, index, page, form)
        return HttpResponseRedirect(page.url + "#offer", status=303)
    panel.form = form
    return _render_page(page, request, panel)


def _render_page(
    page: Any, request: HttpRequest, panel: OfferPanel, *, status: int = 200, retry: int = 0
) -> TemplateResponse:
    context = page.get_context(request, offer_panel=panel)
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    if retry:
        response["Retry-After"] = str(retry)
    return response


def _save_offer(
    request: HttpRequest, index: Any, need: VolunteerNeedPage | None, form: OfferForm
) -> None:
    """Save the offer once: the same email on the same need (or a second general offer) is the
    offer already made, so a form posted twice leaves one offer."""
    fields = form.offer_fields()
    same = VolunteerOffer.objects.filter(
        index=index, need=need, email_key=fields["email"].strip().lower()
    )
    created = False
    if not same.exists():
        try:
            with transaction.atomic():
                VolunteerOffer.objects.create(
                    index=index,
                    need=need,
                    language=translation.get_language() or "",
                    consented_at=timezone.now(),
                    **fields,
                )
            created = True
        except IntegrityError:  # the same offer posted twice at once: the first one stays
            created = False
    if created:
        text = _("Thank you! Your offer was sent. The organiser will answer you by email.")
    else:
        text = _(
            "You had already offered your help here with this email address. Nothing new was "
            "saved; the organiser will answer you by email."
        )
    messages.success(request, text, fail_silently=True)


# --- the index page's forms ----------------------------------------------------------------------


def serve_general_offer(index: VolunteerNeedIndexPage, request: HttpRequest) -> HttpResponse:
    response = csrf_protect(lambda request: _answer_general(index, request))(request)
    add_never_cache_headers(response)
    return response


def _answer_general(index: VolunteerNeedIndexPage, request: HttpRequest) -> HttpResponse:
    template = "wagtail_civil/volunteering/general_offer.html"
    if not index.takes_general_offers:
        return _render_route(index, request, template, {"offer_panel": None}, status=404)
    panel = offer_panel(None, request)
    if request.method == "POST":
        limited = _limited(index, request, lambda: offer_panel(None, request))
        if limited is not None:
            context = {"offer_panel": limited[0]}
            return _render_route(index, request, template, context, 429, limited[1])
        form = OfferForm(request.POST)
        if form.is_valid():
            _save_offer(request, index, None, form)
            return HttpResponseRedirect(index.url + "offer/", status=303)
        panel.form = form
    return _render_route(index, request, template, {"offer_panel": panel})


def serve_report(index: VolunteerNeedIndexPage, request: HttpRequest) -> HttpResponse:
    response = csrf_protect(lambda request: _answer_report(index, request))(request)
    add_never_cache_headers(response)
    return response


def _answer_report(index: VolunteerNeedIndexPage, request: HttpRequest) -> HttpResponse:
    template = "wagtail_civil/volunteering/report_need.html"
    if not index.takes_reports:
        return _render_route(index, request, template, {"form": None}, status=404)
    context: dict[str, Any] = {"form": NeedReportForm(), "problem": ""}
    if request.method == "POST":
        limited = _limited(index, request, lambda: None, scope="report")
        if limited is not None:
            context.update(form=NeedReportForm(initial=request.POST.dict()), problem=limited[2])
            return _render_route(index, request, template, context, 429, limited[1])
        form = NeedReportForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                draft = index.add_child(instance=form.need_page())
                draft.save_revision(log_action=True)
            messages.success(
                request,
                _(
                    "Thank you! Your need was sent. An editor checks it before it is published, "
                    "and may contact you."
                ),
                fail_silently=True,
            )
            return HttpResponseRedirect(index.url + "report/", status=303)
        context["form"] = form
    return _render_route(index, request, template, context)


def _render_route(
    index: Any,
    request: HttpRequest,
    template: str,
    extra: dict[str, Any],
    status: int = 200,
    retry: int = 0,
) -> TemplateResponse:
    context = index.get_context(request)
    context.update(extra, retention_days=_retention_days())
    response = TemplateResponse(request, template, context, status=status)
    if retry:
        response["Retry-After"] = str(retry)
    return response


# --- the rate limit ------------------------------------------------------------------------------


def _limited(page: Any, request: HttpRequest, panel: Any, scope: str = "offer") -> Any:
    """``(panel with the typed values and the reason, seconds, reason)`` when over the limit."""
    retry_after = over_rate_limit(f"{scope}:{page.pk}", request)
    if not retry_after:
        return None
    problem = _(
        "Too many forms were sent from your connection in a short time. Nothing was saved. "
        "Wait %(minutes)s minutes and try again."
    ) % {"minutes": max(1, retry_after // 60)}
    shown = panel()
    if shown is not None:
        need = page if isinstance(page, VolunteerNeedPage) else None
        shown.form = OfferForm(initial=request.POST.dict(), need=need)
        shown.problem = problem
    return shown, retry_after, problem


def attempts_key(scope: str, address: str) -> str:
    client = hashlib.sha256(address.encode()).hexdigest()[:24]
    return f"wagtail_civil:volunteer-attempts:{scope}:{client}"


def over_rate_limit(scope: str, request: HttpRequest) -> int:
    """Seconds to wait when this client has posted too often to this page, else 0: the
    registration form's limit (counted per hashed address in a window that starts with the
    first post), with ``WAGTAIL_CIVIL_VOLUNTEER_RATE_LIMIT``. A failing cache lets it through."""
    limit = conf.volunteer_rate_limit()
    if limit is None:
        return 0
    count, seconds = limit
    key = attempts_key(scope, request.META.get("REMOTE_ADDR", ""))
    try:
        cache.add(key, 0, seconds)
        attempts = cache.incr(key)
    except ValueError:
        cache.set(key, 1, seconds)
        attempts = 1
    except Exception:  # noqa: BLE001 (a cache outage must not stop offers)
        logger.warning("volunteer rate limit not counted: the cache failed", exc_info=True)
        return 0
    return seconds if attempts > count else 0
