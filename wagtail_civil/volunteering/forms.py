"""The public volunteering forms: an offer of help, and a need reported by an association.

Lengths are the models', so nothing typed is cut off; the honeypot and the phone rule are the
registration form's (:mod:`wagtail_civil.registration.form`); a need's date rules are the page's
own ``clean()``, shown on the field the resident typed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from civilsamhalle.enums import VolunteerNeedTiming

from .. import conf
from ..choices import VOLUNTEER_NEED_TIMING_CHOICES
from ..models import Organisation, VolunteerNeedPage, VolunteerOffer
from ..registration.form import HONEYPOT, clean_phone

__all__ = ["HONEYPOT", "NeedReportForm", "OfferForm"]


def _max(model: Any, name: str) -> int:
    return model._meta.get_field(name).max_length


def _honeypot() -> forms.CharField:
    return forms.CharField(
        label=pgettext_lazy("registration form, the field left empty", "Leave this field empty"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class _SpamCheckMixin:
    """The honeypot: filled in, nothing is saved and the form says why (a person may have)."""

    spam_message = _(
        "Your form was not sent: the field “Leave this field empty” was filled in. Empty it "
        "and send the form again."
    )

    def check_honeypot(self) -> None:
        if (self.data.get(HONEYPOT) or "").strip():  # type: ignore[attr-defined]
            raise ValidationError(self.spam_message, code="honeypot")

    @property
    def refused_as_spam(self) -> bool:
        errors = self.errors.as_data().get("__all__", [])  # type: ignore[attr-defined]
        return any(e.code == "honeypot" for e in errors)


class OfferForm(_SpamCheckMixin, forms.Form):
    """Name, email, phone, a message and consent; interests and availability for a general offer."""

    name = forms.CharField(
        label=_("Name"),
        max_length=_max(VolunteerOffer, "name"),
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=pgettext_lazy("contact details", "Email"),
        max_length=_max(VolunteerOffer, "email"),
        help_text=_("We answer you here."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like namn@example.se."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=_max(VolunteerOffer, "phone"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    interests = forms.CharField(
        label=_("What would you like to help with?"),
        help_text=_("E.g. sport events, visiting older people, driving, cooking."),
        max_length=_max(VolunteerOffer, "interests"),
        error_messages={"required": _("Tell us what you would like to help with.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    availability = forms.CharField(
        label=_("When can you help?"),
        help_text=_("E.g. weekday evenings, one Saturday a month."),
        max_length=_max(VolunteerOffer, "availability"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    message = forms.CharField(
        label=_("Message"),
        help_text=_("Anything the organiser should know, e.g. experience or questions."),
        max_length=_max(VolunteerOffer, "message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_("I agree that my details are used for this offer as described above."),
        error_messages={"required": _("Tick the box to agree, or we cannot take your offer.")},
    )
    website = _honeypot()

    def __init__(self, *args: Any, need: VolunteerNeedPage | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "offer-%s")
        super().__init__(*args, **kwargs)
        self.need = need
        if need is not None:  # an offer on a need: the need says what and when
            del self.fields["interests"]
            del self.fields["availability"]

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.check_honeypot()
        return data

    def offer_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = ("name", "email", "phone", "message", "interests", "availability")
        return {name: data[name].strip() for name in names if name in data}


def _local(day: dt.date, time: dt.time) -> dt.datetime:
    """A wall-clock time in the municipality's zone, aware."""
    return dt.datetime.combine(day, time).replace(tzinfo=ZoneInfo(conf.time_zone()))


class NeedReportForm(_SpamCheckMixin, forms.Form):
    """What an association types to report a need; it becomes a draft :class:`VolunteerNeedPage`."""

    organisation = forms.ModelChoiceField(
        label=_("Choose it from the register"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not in the list"),
        error_messages={
            "invalid_choice": _("Choose an organisation from the list, or type its name.")
        },
    )
    poster_name = forms.CharField(
        label=_("Or type its name"),
        max_length=_max(VolunteerNeedPage, "poster_name"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    title = forms.CharField(
        label=_("What do you need help with?"),
        help_text=_("A short heading, e.g. Helpers for the spring clean-up at the sports ground."),
        max_length=255,
        error_messages={"required": _("Say in a few words what you need help with.")},
    )
    description = forms.CharField(
        label=_("What will the volunteers do?"),
        max_length=4000,
        error_messages={"required": _("Describe what the volunteers will do.")},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    timing = forms.ChoiceField(
        label=pgettext_lazy("volunteer need", "When"),
        choices=VOLUNTEER_NEED_TIMING_CHOICES,
        initial=VolunteerNeedTiming.ONE_OFF.value,
        widget=forms.RadioSelect,
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        help_text=_("For a one-off need, e.g. 2026-05-09."),
        error_messages={"invalid": _("Enter the date as year-month-day, e.g. 2026-05-09.")},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_time = forms.TimeField(
        label=_("From"),
        required=False,
        error_messages={"invalid": _("Enter a time like 10:00.")},
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_time = forms.TimeField(
        label=_("Until"),
        required=False,
        error_messages={"invalid": _("Enter a time like 14:00.")},
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.CharField(
        label=pgettext_lazy("volunteer need", "Place"),
        max_length=_max(VolunteerNeedPage, "place"),
        required=False,
    )
    area = forms.CharField(
        label=pgettext_lazy("part of the municipality", "Area"),
        max_length=_max(VolunteerNeedPage, "area"),
        required=False,
    )
    volunteers_needed = forms.IntegerField(
        label=_("How many volunteers?"),
        min_value=1,
        max_value=32767,
        required=False,
        help_text=_("Leave blank if any number can help."),
        error_messages={
            "invalid": _("Enter a whole number, e.g. 6."),
            "min_value": _("Enter 1 or more, or leave it blank."),
            "max_value": _("Enter a smaller number, or leave it blank."),
        },
    )
    skills = forms.CharField(
        label=_("Skills wanted"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    accessibility = forms.CharField(
        label=_("Accessibility of the task"),
        help_text=_("E.g. step-free, seated work, lifting needed."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    open_until = forms.DateField(
        label=_("Take offers until"),
        required=False,
        help_text=_("The last day, e.g. 2026-05-01. Blank: until the task is over or filled."),
        error_messages={"invalid": _("Enter the date as year-month-day, e.g. 2026-05-01.")},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    contact_name = forms.CharField(
        label=_("Contact person"), max_length=200,
        error_messages={"required": _("Enter the name of a contact person.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )  # fmt: skip
    contact_email = forms.EmailField(
        label=_("Contact email"),
        error_messages={
            "required": _("Enter an email address for the contact person."),
            "invalid": _("Enter an email address like namn@example.se."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    contact_phone = forms.CharField(
        label=_("Contact phone"), max_length=50, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )  # fmt: skip
    consent = forms.BooleanField(
        label=_("I agree that the contact details above are shown on the need's public page."),
        error_messages={"required": _("Tick the box to agree, or we cannot publish the need.")},
    )
    website = _honeypot()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "report-%s")
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.public().order_by("name")

    def clean_contact_phone(self) -> str:
        return clean_phone(self.cleaned_data["contact_phone"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.check_honeypot()
        if data.get("organisation") is None and not (data.get("poster_name") or "").strip():
            if "organisation" not in self.errors:
                self.add_error("poster_name", _("Choose your organisation or type its name."))
        one_off = data.get("timing") == VolunteerNeedTiming.ONE_OFF.value
        if one_off:
            for name, message in (
                ("date", _("Enter the date of the task.")),
                ("start_time", _("Enter when the task starts.")),
                ("end_time", _("Enter when the task ends.")),
            ):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, message)
        until = data.get("open_until")
        if until is not None and until < timezone.localdate():
            self.add_error(
                "open_until", _("This day has passed: the need would close before it opens.")
            )
        if not self.errors:
            self._check_with_page_rules()
        return data

    def _check_with_page_rules(self) -> None:
        """The page's own rules (end after start, no offers after the task), on our fields."""
        try:
            self.need_page().clean()
        except ValidationError as error:
            where = {"start": "start_time", "end": "end_time", "open_until": "open_until"}
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(where.get(field), message)

    def need_page(self) -> VolunteerNeedPage:
        """The draft page the report becomes (unsaved)."""
        data = self.cleaned_data
        page = VolunteerNeedPage(
            title=data["title"].strip(),
            organisation=data.get("organisation"),
            poster_name="" if data.get("organisation") else data["poster_name"].strip(),
            description="".join(
                f"<p>{escape(part.strip())}</p>"
                for part in data["description"].split("\n\n")
                if part.strip()
            ),
            timing=data["timing"],
            place=data["place"].strip(),
            area=" ".join(data["area"].split()),
            volunteers_needed=data.get("volunteers_needed"),
            skills=data["skills"].strip(),
            accessibility=data["accessibility"].strip(),
            contact_name=data["contact_name"].strip(),
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            open_until=data.get("open_until"),
            reported_by_public=True,
            live=False,
        )
        if data["timing"] == VolunteerNeedTiming.ONE_OFF.value:
            page.start = _local(data["date"], data["start_time"])
            page.end = _local(data["date"], data["end_time"])
        return page
