"""The admin's forms: a registration typed in by staff, and who attended."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from civilsamhalle.enums import RegistrationSource

from ..choices import REGISTRATION_SOURCE_CHOICES
from ..models import Organisation, Registration

__all__ = ["AttendanceForm", "SignUpByHandForm"]

_BY_STAFF = [
    (value, label)
    for value, label in REGISTRATION_SOURCE_CHOICES
    if RegistrationSource(value).by_staff
]
_GIVEN = ("name", "email", "phone", "organisation", "organisation_name", "access_needs",
          "dietary_needs")  # fmt: skip


class SignUpByHandForm(forms.ModelForm):
    """A resident who phones or comes to the reception desk, typed in by staff.

    Only the email is optional beyond the model's blanks: many who phone have none, and they
    get a printed confirmation instead.
    """

    source = forms.ChoiceField(
        label=pgettext_lazy("how a registration was made", "Made"),
        choices=_BY_STAFF,
        initial=RegistrationSource.PHONE.value,
        widget=forms.RadioSelect,
    )
    send_confirmation = forms.BooleanField(
        label=_("Send a confirmation email"),
        required=False,
        help_text=_("Only with an email address. Otherwise print the confirmation."),
    )

    class Meta:
        model = Registration
        fields = list(_GIVEN)
        widgets = {
            "access_needs": forms.Textarea(attrs={"rows": 2}),
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(live=True).order_by(
            "name"
        )
        self.fields["organisation"].help_text = _(
            "From the register; otherwise type the name in the next field."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("send_confirmation") and not data.get("email"):
            self.add_error(
                "send_confirmation", _("Give an email address to send a confirmation to.")
            )
        return data

    def given(self) -> dict[str, Any]:
        """What :func:`.seats.register` takes as the registrant's own answers."""
        return {name: self.cleaned_data[name] for name in _GIVEN}


class AttendanceForm(forms.Form):
    """One checkbox per registration with a seat: ticked, they came."""

    def __init__(self, *args: Any, registrations: list[Registration], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            self.fields[self.field_name(registration)] = forms.BooleanField(
                label=registration.name or _("(personal data deleted)"),
                required=False,
                initial=bool(registration.attended),
            )

    @staticmethod
    def field_name(registration: Registration) -> str:
        return f"attended_{registration.pk}"

    def rows(self) -> list[tuple[Registration, forms.BoundField]]:
        return [(r, self[self.field_name(r)]) for r in self.registrations]

    def attended(self) -> dict[int, bool]:
        """``{registration pk: came}`` for every registration on the list."""
        return {r.pk: bool(self.cleaned_data[self.field_name(r)]) for r in self.registrations}
