"""The registrant's personal page: see, change, cancel or delete a registration, no account needed.

Reached only through the signed link in the confirmation email (:mod:`.tokens`). The page is
never cached and sends no Referer to other sites, so the token in its address stays between the
site and the registrant (``same-origin``, not ``no-referrer``: with that, browsers post the forms
with ``Origin: null``, which Django's CSRF check refuses). It speaks the registrant's language.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from ..models import Registration
from . import seats
from .form import RegistrationForm, clean_phone
from .tokens import read_token

__all__ = ["ChangeForm", "personal_page", "waitlist_place"]

ACTIONS = ("change", "cancel", "erase")


class ChangeForm(forms.ModelForm):
    """What a registrant may correct: not the email, which the registration is bound to."""

    organisation_text = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    # The sign-up form's own fields: the same labels, limits, help and autocomplete purposes.
    name = RegistrationForm.base_fields["name"]
    phone = RegistrationForm.base_fields["phone"]
    access_needs = RegistrationForm.base_fields["access_needs"]
    dietary_needs = RegistrationForm.base_fields["dietary_needs"]

    class Meta:
        model = Registration
        fields = ["name", "phone", "access_needs", "dietary_needs"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        registration, meeting = self.instance, self.instance.meeting
        self.fields["organisation_text"].initial = (
            registration.organisation.name
            if registration.organisation_id
            else registration.organisation_name
        )
        self.fields["organisation_text"].widget.attrs["autocomplete"] = "organization"
        questions = {"organisation_text": "organisation", "phone": "phone"}
        for name in ("organisation_text", "phone", "access_needs", "dietary_needs"):
            if not meeting.asks(questions.get(name, name)):
                del self.fields[name]
        if "phone" in self.fields and meeting.registration_phone_reason:
            self.fields["phone"].help_text = meeting.registration_phone_reason
        self._describe({})

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def full_clean(self) -> None:
        super().full_clean()
        self._describe(self._errors or {})

    def _describe(self, errors: Any) -> None:
        """Point each field at its help and error text, and mark it invalid (WCAG 3.3.1)."""
        for name, field in self.fields.items():
            field_id = self[name].id_for_label
            described = [f"{field_id}-help"] if field.help_text else []
            if name in errors:
                field.widget.attrs["aria-invalid"] = "true"
                described.append(f"{field_id}-error")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def save(self, commit: bool = True) -> Registration:
        registration = super().save(commit=False)
        if "organisation_text" in self.cleaned_data:
            typed = self.cleaned_data["organisation_text"].strip()
            current = registration.organisation
            if current is None or typed != current.name:
                registration.organisation, registration.organisation_name = None, typed
        if commit:
            registration.save()
        return registration


def waitlist_place(registration: Registration) -> int | None:
    """Their place in line (1 is next), or ``None`` when not on the waitlist."""
    if registration.status != "waitlisted":
        return None
    line = Registration.objects.filter(meeting_id=registration.meeting_id).waitlisted()
    ahead = line.filter(created_at__lt=registration.created_at).count()
    ties = line.filter(created_at=registration.created_at, pk__lt=registration.pk).count()
    return ahead + ties + 1


@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def personal_page(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the personal link; an unusable link answers 404 with the reason why."""
    registration = read_token(token)
    if registration is None:
        response = TemplateResponse(
            request, "wagtail_civil/registration/link_not_valid.html", status=404
        )
        return _private(response)
    with translation.override(registration.language or translation.get_language()):
        response = _answer(request, registration)
        if isinstance(response, TemplateResponse):
            response.render()  # in the registrant's language, while it is active
    return _private(response)


def _answer(request: HttpRequest, registration: Registration) -> HttpResponse:
    action = request.POST.get("action") if request.method == "POST" else None
    if action not in (None, *ACTIONS):
        action = None
    form = ChangeForm(instance=registration)
    if action == "change" and registration.is_active:
        form = ChangeForm(request.POST, instance=registration)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your registration has been updated."))
            return HttpResponseRedirect(request.path, status=303)
    elif action == "cancel":
        seats.cancel(registration)
        messages.success(request, _("Your registration is cancelled. Thank you for telling us."))
        return HttpResponseRedirect(request.path, status=303)
    elif action == "erase":
        if registration.is_active:
            seats.cancel(registration)
        registration.refresh_from_db()
        registration.erase_personal_data()
        # The link stops working with the data; say so on this last page.
        return TemplateResponse(
            request,
            "wagtail_civil/registration/erased.html",
            {"meeting": registration.meeting},
        )
    meeting = registration.meeting
    context = {
        "registration": registration,
        "meeting": meeting,
        "meeting_url": meeting.url if seats.is_open_to_public(meeting) else None,
        "form": form,
        "waitlist_place": waitlist_place(registration),
    }
    return TemplateResponse(request, "wagtail_civil/registration/personal_page.html", context)


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response["Referrer-Policy"] = (
        "same-origin"  # no-referrer makes browsers send Origin: null, which CSRF refuses
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
