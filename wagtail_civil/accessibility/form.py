"""The public form to report an accessibility problem: where, what, and optionally who.

The honeypot is the volunteering forms' (:mod:`wagtail_civil.volunteering.forms`); lengths are
the model's, so nothing typed is cut off.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import AccessibilityReport
from ..volunteering.forms import _honeypot, _SpamCheckMixin

__all__ = ["ReportForm"]


def _max(name: str) -> int:
    return AccessibilityReport._meta.get_field(name).max_length


class ReportForm(_SpamCheckMixin, forms.Form):
    page_url = forms.CharField(
        label=_("Which page or document is the problem on?"),
        help_text=_("Its address, or its name if you do not have the address."),
        max_length=_max("page_url"),
        error_messages={"required": _("Tell us which page or document the problem is on.")},
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    description = forms.CharField(
        label=_("What is the problem?"),
        help_text=_(
            "E.g. what you tried to do, what happened, and the assistive technology or browser "
            "you use."
        ),
        max_length=_max("description"),
        error_messages={"required": _("Describe the problem.")},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=_max("name"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=pgettext_lazy("contact details", "Email"),
        max_length=_max("email"),
        required=False,
        help_text=_("If you want an answer. You also get a receipt."),
        error_messages={"invalid": _("Enter an email address like namn@example.se.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    website = _honeypot()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "a11y-%s")
        super().__init__(*args, **kwargs)

    def clean_page_url(self) -> str:
        return self.cleaned_data["page_url"].strip()

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.check_honeypot()
        return data

    def report_fields(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "page_url": data["page_url"],
            "description": data["description"].strip(),
            "name": data["name"],
            "email": data["email"].strip(),
        }
