"""The public form on which an organisation asks to sign an agreement: what is typed, checked.

The organisation is chosen from the register or typed in as a new one (name, country, number
checked by the core's rules, and a contact); the signatory and the requester's email follow.
Lengths are the model's, so nothing typed is cut off in the database; each field carries the
``autocomplete`` purpose of WCAG 1.3.5. The honeypot and the phone rule are the registration
form's. Whether the organisation may ask (already signed, already waiting) is checked here for
the message on the field, and again by :func:`.requests.submit` in its transaction.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from civilsamhalle.enums import Country

from ..choices import COUNTRY_CHOICES
from ..models import AgreementPage, Organisation, SigningRequest
from ..registration.form import HONEYPOT, clean_phone
from ..validators import validate_organisation_number
from .requests import problem_with

__all__ = ["HONEYPOT", "SigningRequestForm"]


def _max(name: str) -> int:
    return SigningRequest._meta.get_field(name).max_length


class SigningRequestForm(forms.Form):
    """Organisation (chosen or new), signatory, the requester's email, consent, honeypot."""

    organisation = forms.ModelChoiceField(
        label=_("Choose it from the register"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not in the list: it is new"),
        error_messages={
            "invalid_choice": _("Choose an organisation from the list, or fill in a new one.")
        },
    )
    organisation_name = forms.CharField(
        label=_("The organisation's name"),
        max_length=_max("organisation_name"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    country = forms.ChoiceField(
        label=_("Registered in"),
        choices=COUNTRY_CHOICES,
        initial=Country.SWEDEN.value,
        widget=forms.RadioSelect,
    )
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        help_text=_("Swedish: ten digits, NNNNNN-NNNN. Norwegian: nine digits."),
        max_length=_max("organisation_number"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    organisation_email = forms.EmailField(
        label=_("The organisation's email"),
        help_text=_(
            "The organisation's own address, not a person's: it is shown in the register once "
            "the organisation is published."
        ),
        max_length=_max("organisation_email"),
        required=False,
        error_messages={"invalid": _("Enter an email address like namn@example.se.")},
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )
    organisation_phone = forms.CharField(
        label=_("The organisation's phone"),
        max_length=_max("organisation_phone"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    signatory = forms.CharField(
        label=_("Name of the person who signs"),
        max_length=_max("signatory"),
        error_messages={"required": _("Enter the name of the person who signs.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    signatory_title = forms.CharField(
        label=_("Their title or role"),
        help_text=_("E.g. chair or secretary."),
        max_length=_max("signatory_title"),
        error_messages={"required": _("Enter the signatory's title or role.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = forms.EmailField(
        label=_("Your email, for our answer"),
        max_length=_max("email"),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like namn@example.se."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that these details are used for this request as described above."),
        error_messages={"required": _("Tick the box to agree, or we cannot take the request.")},
    )
    website = forms.CharField(
        label=pgettext_lazy("registration form, the field left empty", "Leave this field empty"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    NEW_ORGANISATION_FIELDS = (
        "organisation_name",
        "country",
        "organisation_number",
        "organisation_email",
        "organisation_phone",
    )

    def __init__(self, *args: Any, agreement: AgreementPage, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "signing-%s")
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.fields["organisation"].queryset = Organisation.objects.public().order_by("name")

    @property
    def new_organisation_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.NEW_ORGANISATION_FIELDS]

    def _clean_text(self, name: str) -> str:
        return " ".join(self.cleaned_data[name].split())

    def clean_organisation_name(self) -> str:
        return self._clean_text("organisation_name")

    def clean_signatory(self) -> str:
        return self._clean_text("signatory")

    def clean_signatory_title(self) -> str:
        return self._clean_text("signatory_title")

    def clean_organisation_phone(self) -> str:
        return clean_phone(self.cleaned_data["organisation_phone"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (self.data.get(HONEYPOT) or "").strip():
            raise ValidationError(
                _(
                    "Your request was not sent: the field “Leave this field empty” was filled "
                    "in. Empty it and send the form again."
                ),
                code="honeypot",
            )
        chosen = data.get("organisation")
        if chosen is not None:
            self._clean_chosen(chosen, data)
        elif "organisation" not in self.errors:
            self._clean_new(data)
        if not self.errors:
            problem = problem_with(self.agreement, self.request_fields(), data["email"])
            if problem is not None:
                self.add_error(problem.field, problem.message)
        return data

    def _clean_chosen(self, chosen: Organisation, data: dict[str, Any]) -> None:
        typed = data.get("organisation_name") or ""
        if typed and typed.casefold() != chosen.name.casefold():
            self.add_error(
                "organisation_name",
                _(
                    "You chose %(name)s from the list and typed a new organisation. Keep one "
                    "of them."
                )
                % {"name": chosen.name},
            )

    def _clean_new(self, data: dict[str, Any]) -> None:
        if not data.get("organisation_name") and "organisation_name" not in self.errors:
            self.add_error(
                "organisation",
                _("Choose your organisation from the list, or fill in the new one's name."),
            )
            return
        number = (data.get("organisation_number") or "").strip()
        if "organisation_number" in self.errors or "country" in self.errors:
            pass
        elif not number:
            self.add_error(
                "organisation_number", _("Enter the new organisation's organisation number.")
            )
        else:
            try:
                data["organisation_number"] = validate_organisation_number(number, data["country"])
            except ValidationError as error:
                self.add_error("organisation_number", error)
        contact_errors = {"organisation_email", "organisation_phone"} & set(self.errors)
        if not contact_errors and not (
            data.get("organisation_email") or data.get("organisation_phone")
        ):
            self.add_error(
                "organisation_email",
                _("Give the organisation's email or phone, so we can reach it."),
            )

    @property
    def refused_as_spam(self) -> bool:
        return any(e.code == "honeypot" for e in self.errors.as_data().get("__all__", []))

    def request_fields(self) -> dict[str, Any]:
        """What :func:`.requests.submit` is given: the chosen organisation, or the new one."""
        data = self.cleaned_data
        given: dict[str, Any] = {
            "signatory": data["signatory"],
            "signatory_title": data["signatory_title"],
            "email": data["email"],
        }
        if data.get("organisation") is not None:
            given["organisation"] = data["organisation"]
            return given
        given.update(
            organisation=None,
            organisation_name=data["organisation_name"],
            country=data["country"],
            organisation_number=data["organisation_number"],
            organisation_email=data.get("organisation_email") or "",
            organisation_phone=data.get("organisation_phone") or "",
        )
        return given
