"""Staff at work for a resident: a registration typed in by hand, its printed confirmation, and
a registration cancelled on someone's behalf.

Every change goes through :mod:`.seats` (``register`` / ``cancel``), so a sign-up by phone takes
its turn for a seat like one on the web, and a cancellation promotes the next on the waitlist.
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin import messages

from civilsamhalle.enums import RegistrationSource
from civilsamhalle.registration import RegistrationState

from ..models import Registration
from .admin_forms import SignUpByHandForm
from .admin_views import MeetingViewMixin, url
from .seats import RegistrationRefused, cancel, register

__all__ = ["CancelView", "ConfirmationView", "SignUpByHandView", "refusal_text"]


def refusal_text(state: RegistrationState) -> str:
    """Why staff could not register someone, in the editor's language."""
    if state is RegistrationState.FULL:
        return _("Every seat is taken and the meeting has no waitlist.")
    if state is RegistrationState.CANCELLED:
        return _("The meeting is cancelled or postponed: it takes no registrations.")
    return _(
        "The meeting takes no registrations: it is not published, it is private, or it does "
        "not use registration on its page."
    )


class SignUpByHandView(MeetingViewMixin, FormView):
    """Register a resident who phoned or came to the desk; a refusal is shown on the form."""

    form_class = SignUpByHandForm
    template_name = "wagtail_civil/admin/registrations/add.html"
    page_title = gettext_lazy("Add by hand")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            action_url=url("add", self.meeting.pk),
            submit_button_label=_("Register"),
            submit_button_active_label=_("Registering…"),
            **kwargs,
        )

    def form_valid(self, form: SignUpByHandForm) -> Any:
        send = form.cleaned_data["send_confirmation"]
        try:
            outcome = register(
                self.meeting,
                source=RegistrationSource(form.cleaned_data["source"]),
                added_by=self.request.user,
                send_confirmation=send,
                language=self.meeting.locale.language_code,
                **form.given(),
            )
        except RegistrationRefused as refused:
            form.add_error(None, refusal_text(refused.state))
            return self.form_invalid(form)
        registration = outcome.registration
        if not outcome.created:
            form.add_error(
                "email",
                _("%(name)s has already registered with this email (%(status)s).")
                % {"name": registration.name, "status": registration.get_status_display()},
            )
            return self.form_invalid(form)
        if registration.holds_seat:
            text = _("%(name)s has a seat.")
        else:
            text = _("Every seat is taken: %(name)s is on the waitlist.")
        confirmation = url("confirmation", self.meeting.pk, registration.pk)
        messages.success(
            self.request,
            text % {"name": registration.name},
            buttons=[messages.button(confirmation, _("Print confirmation"))],
        )
        return redirect(url("index", self.meeting.pk))

    def form_invalid(self, form: SignUpByHandForm) -> Any:
        messages.error(self.request, _("The registration could not be made. See below."))
        return super().form_invalid(form)


class ConfirmationView(MeetingViewMixin, View):
    """A page to print and hand over: when and where, and how to cancel by phone."""

    def get(self, request: Any, meeting_id: int, pk: int) -> TemplateResponse:
        registration = get_object_or_404(Registration, pk=pk, meeting=self.meeting)
        return TemplateResponse(
            request,
            "wagtail_civil/admin/registrations/confirmation.html",
            {"meeting": self.meeting, "registration": registration},
        )


class CancelView(MeetingViewMixin, View):
    """Ask, then cancel: the seat goes to the first on the waitlist, who is told."""

    template_name = "wagtail_civil/admin/registrations/cancel.html"
    page_title = gettext_lazy("Cancel a registration")

    def get_registration(self, pk: int) -> Registration:
        return get_object_or_404(Registration, pk=pk, meeting=self.meeting)

    def get(self, request: Any, meeting_id: int, pk: int) -> Any:
        context = self.get_context_data(registration=self.get_registration(pk))
        return TemplateResponse(request, self.template_name, context)

    def post(self, request: Any, meeting_id: int, pk: int) -> Any:
        registration = self.get_registration(pk)
        if not registration.is_active:
            messages.warning(request, _("%(name)s had already cancelled.") % {
                "name": registration.name})  # fmt: skip
            return redirect(url("index", self.meeting.pk))
        promoted = cancel(registration, by_staff=True)
        text = _("The registration of %(name)s is cancelled.") % {"name": registration.name}
        if promoted:
            names = ", ".join(r.name for r in promoted)
            text += " " + _("Moved up from the waitlist: %(names)s.") % {"names": names}
        messages.success(request, text)
        return redirect(url("index", self.meeting.pk))
