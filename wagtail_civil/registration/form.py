"""The public registration form on a meeting page: what a resident types, checked.

Only the questions the meeting asks are fields; lengths are the model's, so nothing typed is cut
off in the database; each field carries the ``autocomplete`` purpose of WCAG 1.3.5. The form
decides nothing about seats: :func:`.seats.register` does, after it.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import MeetingPage, Organisation, Registration

__all__ = ["HONEYPOT", "RegistrationForm", "clean_phone"]

# The field people never see and bots fill in (the POST contract's name for it).
HONEYPOT = "website"
_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]*$")


def clean_phone(typed: str) -> str:
    """A phone number as typed, if it looks like one (digits, spaces, a few separators)."""
    phone = typed.strip()
    if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 5):
        raise ValidationError(
            _("Enter a phone number with digits, e.g. 070-123 45 67."), code="invalid"
        )
    return phone


def _max(name: str) -> int:
    return Registration._meta.get_field(name).max_length


class RegistrationForm(forms.Form):
    """Name, email, consent; the organisation and the optional questions when the meeting asks."""

    name = forms.CharField(
        label=_("Name"),
        max_length=_max("name"),
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=pgettext_lazy("contact details", "Email"),
        max_length=_max("email"),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like namn@example.se."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Choose it from the register"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not in the list, or none"),
        error_messages={
            "invalid_choice": _("Choose an organisation from the list, or type its name.")
        },
    )
    organisation_name = forms.CharField(
        label=_("Or type its name"),
        max_length=_max("organisation_name"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=_max("phone"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    access_needs = forms.CharField(
        label=_("Access needs"),
        help_text=_("E.g. a wheelchair space, a hearing loop or sign language interpretation."),
        max_length=_max("access_needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        help_text=_("E.g. vegetarian, gluten-free or a food allergy."),
        max_length=_max("dietary_needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent = forms.BooleanField(
        label=_("I agree that my details are used for this registration as described above."),
        error_messages={"required": _("Tick the box to agree, or we cannot register you.")},
    )
    website = forms.CharField(
        label=pgettext_lazy("registration form, the field left empty", "Leave this field empty"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    # The field of each optional question the meeting may ask (MeetingPage.asks).
    QUESTION_OF = {
        "organisation": "organisation",
        "organisation_name": "organisation",
        "phone": "phone",
        "access_needs": "access_needs",
        "dietary_needs": "dietary_needs",
    }

    def __init__(self, *args: Any, meeting: MeetingPage, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "registration-%s")
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        for name, question in self.QUESTION_OF.items():
            if not meeting.asks(question):
                del self.fields[name]
        if "organisation" in self.fields:
            self.fields["organisation"].queryset = Organisation.objects.public().order_by("name")
        if "phone" in self.fields and meeting.registration_phone_reason:
            self.fields["phone"].help_text = meeting.registration_phone_reason

    @property
    def asks_organisation(self) -> bool:
        return "organisation" in self.fields

    @property
    def question_fields(self) -> list[forms.BoundField]:
        """The optional questions after the organisation, in order."""
        names = ("phone", "access_needs", "dietary_needs")
        return [self[name] for name in names if name in self.fields]

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (self.data.get(HONEYPOT) or "").strip():
            raise ValidationError(
                _(
                    "Your registration was not sent: the field “Leave this field empty” was "
                    "filled in. Empty it and send the form again."
                ),
                code="honeypot",
            )
        chosen, typed = data.get("organisation"), (data.get("organisation_name") or "").strip()
        if chosen is not None and typed and typed.casefold() != chosen.name.casefold():
            self.add_error(
                "organisation_name",
                _(
                    "You chose %(name)s from the list and typed another organisation. "
                    "Keep one of them."
                )
                % {"name": chosen.name},
            )
        return data

    @property
    def refused_as_spam(self) -> bool:
        return any(e.code == "honeypot" for e in self.errors.as_data().get("__all__", []))

    def registration_fields(self) -> dict[str, Any]:
        """What :func:`.seats.register` is given: a typed name that is in the register becomes
        that organisation."""
        data = self.cleaned_data
        given: dict[str, Any] = {"name": data["name"], "email": data["email"]}
        for name in ("phone", "access_needs", "dietary_needs"):
            if name in data:
                given[name] = data[name].strip()
        if "organisation" in self.fields:
            chosen, typed = data.get("organisation"), data.get("organisation_name", "").strip()
            if chosen is None and typed:
                chosen = (
                    Organisation.objects.public().filter(name__iexact=typed).order_by("pk").first()
                )
            given["organisation"] = chosen
            given["organisation_name"] = "" if chosen is not None else typed
        return given
