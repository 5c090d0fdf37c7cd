"""The meeting page with built-in registration: its state in words, and the form's POST.

The page posts to itself (no JavaScript needed). A valid registration answers 303 to the
registrant's personal page; anything else (an error, a refusal, the honeypot filled) shows the
page again with the form as it was typed and the reason on it; too many attempts from one client
for one meeting answer 429. Seats are given by :func:`.seats.register` only. The page is never
cached: it carries a CSRF token and the seats left change with every registration.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from wagtail.models import Page

from civilsamhalle.enums import EventStatus, RegistrationSource
from civilsamhalle.registration import RegistrationState, seats_left

from .. import conf
from ..models import MeetingPage, Registration
from .form import RegistrationForm
from .links import personal_path
from .seats import RegistrationRefused, is_open_to_public, register

__all__ = [
    "RegistrationPanel",
    "attempts_key",
    "over_rate_limit",
    "refusal_message",
    "registration_panel",
    "serve_with_form",
]

logger = logging.getLogger(__name__)


@dataclass
class RegistrationPanel:
    """What the page's registration section shows: the state, and the form while it is open."""

    state: RegistrationState
    seats_left: int | None
    opens: dt.datetime | None
    deadline: dt.datetime | None
    postponed: bool
    form: RegistrationForm | None = None
    # Why the last POST was not taken (a refusal, the rate limit): shown in the error summary.
    problem: str = ""
    retention_days: int | None = 90  # None: the setting is wrong (check W003 says how)

    @property
    def has_problems(self) -> bool:
        return bool(self.problem or (self.form is not None and self.form.errors))

    @property
    def shows_deadline(self) -> bool:
        """ "Register by …" while registration is or will be open."""
        later = (RegistrationState.NOT_OPEN, RegistrationState.OPEN, RegistrationState.WAITLIST)
        return self.deadline is not None and self.state in later

    @property
    def joins_waitlist(self) -> bool:
        return self.state is RegistrationState.WAITLIST


def refusal_message(state: RegistrationState) -> str:
    """Why a registration was not taken, in the page's language."""
    return {
        RegistrationState.NOT_OPEN: _("Registration has not opened yet. Nothing was saved."),
        RegistrationState.FULL: _(
            "Every seat is taken and there is no waitlist. Your registration was not saved."
        ),
        RegistrationState.CLOSED: _("Registration has closed. Your registration was not saved."),
        RegistrationState.CANCELLED: _(
            "The meeting is cancelled, so it takes no registrations. Nothing was saved."
        ),
    }.get(state, _("This meeting takes no registrations here. Nothing was saved."))


def registration_panel(
    page: MeetingPage, request: HttpRequest, *, now: dt.datetime | None = None
) -> RegistrationPanel:
    """The section as a GET shows it: the form only while the meeting takes registrations."""
    confirmed = 0
    if page.registration_capacity is not None and page.pk:
        confirmed = Registration.objects.filter(meeting_id=page.pk).seated().count()
    state = page.registration_state(confirmed, now)
    previewing = getattr(request, "is_preview", False)
    if state.accepts and not previewing and not is_open_to_public(page):
        state = RegistrationState.CLOSED  # a private page's meeting takes no registration
    panel = RegistrationPanel(
        state=state,
        seats_left=seats_left(page.seat_policy(), confirmed),
        opens=page.registration_opens,
        deadline=page.registration_deadline,
        postponed=page.status == EventStatus.POSTPONED.value,
        retention_days=(
            None if conf.registration_retention_problem() else conf.registration_retention_days()
        ),
    )
    if state.accepts:
        panel.form = RegistrationForm(meeting=page)
    return panel


def serve_with_form(page: MeetingPage, request: HttpRequest) -> HttpResponse:
    """``MeetingPage.serve`` for built-in registration: the POST contract above."""
    request.is_preview = False
    response = csrf_protect(lambda request: _answer(page, request))(request)
    add_never_cache_headers(response)
    return response


def _answer(page: MeetingPage, request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(page, request, registration_panel(page, request))
    retry_after = _over_rate_limit(page, request)
    if retry_after:
        panel = registration_panel(page, request)
        panel.form = RegistrationForm(initial=request.POST.dict(), meeting=page)
        panel.problem = _(
            "Too many registrations were sent from your connection in a short time. Nothing "
            "was saved. Wait %(minutes)s minutes and try again, or contact the organiser."
        ) % {"minutes": max(1, retry_after // 60)}
        response = _render(page, request, panel, status=429)
        response["Retry-After"] = str(retry_after)
        return response
    form = RegistrationForm(request.POST, meeting=page)
    if form.is_valid():
        try:
            outcome = register(
                page,
                source=RegistrationSource.WEB,
                language=translation.get_language() or "",
                consented_at=timezone.now(),
                **form.registration_fields(),
            )
        except RegistrationRefused as refused:
            form.add_error(None, refusal_message(refused.state))
        else:
            _tell(request, outcome.registration, created=outcome.created)
            return HttpResponseRedirect(personal_path(outcome.registration), status=303)
    panel = registration_panel(page, request)
    panel.form = form
    return _render(page, request, panel)


def _tell(request: HttpRequest, registration: Registration, *, created: bool) -> None:
    """The outcome, shown as a status message on the personal page."""
    if not created:
        text = _(
            "You had already registered for this meeting with this email address. "
            "This is your registration; nothing new was saved."
        )
    elif registration.holds_seat:
        text = _("You are registered. A confirmation is on its way to your email.")
    else:
        text = _(
            "Every seat is taken, so you are on the waitlist. We will email you if a seat "
            "becomes free."
        )
    messages.success(request, text, fail_silently=True)


def _render(
    page: MeetingPage, request: HttpRequest, panel: RegistrationPanel, status: int = 200
) -> TemplateResponse:
    context = page.get_context(request, registration_panel=panel)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def attempts_key(meeting_id: int, address: str) -> str:
    """The cache key counting one client's attempts for one meeting."""
    client = hashlib.sha256(address.encode()).hexdigest()[:24]
    return f"wagtail_civil:registration-attempts:{meeting_id}:{client}"


def _over_rate_limit(page: MeetingPage, request: HttpRequest) -> int:
    """Seconds to wait when this client has posted too often to this meeting, else 0.

    Counted per client address (hashed: the cache need not hold addresses) and meeting, in a
    window that starts with the first attempt. A cache that fails lets the attempt through.
    """
    limit = conf.registration_rate_limit()
    if limit is None:
        return 0
    count, seconds = limit
    key = attempts_key(page.pk, request.META.get("REMOTE_ADDR", ""))
    try:
        cache.add(key, 0, seconds)
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        attempts = 1
    except Exception:  # noqa: BLE001 (a cache outage must not stop registrations)
        logger.warning("registration rate limit not counted: the cache failed", exc_info=True)
        return 0
    return seconds if attempts > count else 0


def over_rate_limit(page: Page, request: HttpRequest) -> int:
    """Seconds to wait when this client has posted too often to ``page``'s public form, else 0.

    The registration form's limit (``WAGTAIL_CIVIL_REGISTRATION_RATE_LIMIT``), for any page
    with a public form (the agreement's signing form uses it): counted per client and page.
    """
    return _over_rate_limit(page, request)
