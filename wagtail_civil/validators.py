"""The core's rules in the editor's language, on the field that was typed.

The rules themselves live in :mod:`civilsamhalle.rules` (the command line checks data files with
the same ones); each failure carries a code and what was typed. Here each code gets the admin's
wording through Django's gettext, filled in with the typed value, so the editor reads what is
wrong with what they typed, not merely that something is.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from civilsamhalle import rules
from civilsamhalle.identifiers import validate_organisation_number as _core_validate
from civilsamhalle.rules import RuleError

__all__ = [
    "HttpUrlField",
    "HttpUrlFormField",
    "HttpUrlValidator",
    "RulesCleanMixin",
    "rule_error",
    "validate_organisation_number",
]

# The admin's words for each rule of the core; ``%(value)s`` is what the editor typed.
MESSAGES: dict[str, Any] = {
    "url_scheme": _("Only http and https links can be used: “%(value)s” is a “%(scheme)s:” link."),
    "url_no_scheme": _("“%(value)s” is not a whole link: start it with https://."),
    "url_no_host": _("“%(value)s” has no web address after “%(scheme)s://”."),
    "url_space": _("“%(value)s” contains a space or an invisible character; remove it."),
    "meeting_end_before_start": _("The meeting must end after it starts."),
    "online_link_missing": _("An online meeting needs the link participants join by."),
    "venue_missing": _("Say where the meeting is held, or choose “Online”."),
    "registration_link_missing": _("Give the link where people register."),
    "registration_deadline_after_end": _("The deadline must be before the meeting ends."),
    "registration_opens_after_deadline": _(
        "Registration must open before the deadline (or, without one, before the meeting ends)."
    ),
    "validity_order": _("The agreement cannot end before it starts."),
    "commitment_minimum": _(
        "A commitment promises at least one meeting per period; “%(value)s” promises none."
    ),
    "commitment_period": _("A period is at least one month long; “%(value)s” is not."),
    "plan_period_order": _("The plan's period cannot end before it starts."),
    "milestone_after_period": _(
        "The milestone %(value)s is after the plan's period, which ends %(period_end)s."
    ),
    "progress_range": _("Progress is a percentage from 0 to 100, not %(value)s."),
    "organisation_number_characters": _(
        "“%(value)s” may contain only digits, spaces and a hyphen."
    ),
    "organisation_number_length_se": _(
        "“%(value)s” has %(count)s digits; a Swedish organisation number has ten, written "
        "NNNNNN-NNNN."
    ),
    "organisation_number_length_no": _(
        "“%(value)s” has %(count)s digits; a Norwegian organisation number has nine."
    ),
    "organisation_number_check_digit_se": _(
        "“%(value)s” is not a valid Swedish organisation number: the check digit does not match."
    ),
    "organisation_number_check_digit_no": _(
        "“%(value)s” is not a valid Norwegian organisation number: the check digit does not match."
    ),
}
# Django error codes stay per kind of mistake, whichever country's rule found it.
_CODE_SUFFIXES = ("_se", "_no")


def rule_error(error: RuleError) -> ValidationError:
    """The core's ``error`` as a translated ``ValidationError`` with the rule's code."""
    code = error.code
    for suffix in _CODE_SUFFIXES:
        code = code.removesuffix(suffix)
    if error.code in MESSAGES:
        return ValidationError(MESSAGES[error.code], code=code, params=error.params)
    # A rule without admin wording still reads in the editor's language, from the core.
    return ValidationError(rules.message(error.code, error.params, get_language()), code=code)


def validate_organisation_number(value: str, country: str = "SE") -> str:
    """``value`` in its usual written form, or a ``ValidationError`` saying what is wrong."""
    try:
        return _core_validate(value, country)
    except RuleError as error:
        raise rule_error(error) from None


@deconstructible(path="wagtail_civil.validators.HttpUrlValidator")
class HttpUrlValidator(URLValidator):
    """Only web addresses: an ``ftp://`` or ``javascript:`` link is no use to a resident.

    The core's rule decides and names the mistake; Django's own check then catches an address
    no browser could open. Deconstructs without arguments, so rewording needs no migration.
    """

    schemes = ["http", "https"]
    message = _(
        "“%(value)s” is not a web address a browser can open; check it for typing mistakes."
    )

    def __init__(self) -> None:
        super().__init__()

    def __call__(self, value: Any) -> None:
        try:
            rules.check_http_url(str(value))
        except RuleError as error:
            raise rule_error(error) from None
        super().__call__(value)


_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\d)")


class HttpUrlFormField(forms.URLField):
    """Django's ``URLField``, but a link with a scheme is judged as typed, never rewritten.

    Django turns ``javascript:alert(9)`` into ``javascript://alert(9)`` before validating it, and
    the message would then quote something the editor never typed. A bare ``www.example.org``
    still gets ``https://`` put in front (Wagtail's ``assume_scheme``).
    """

    default_validators = [HttpUrlValidator()]

    def to_python(self, value: Any) -> Any:
        text = (value or "").strip() if isinstance(value, str) else value
        if isinstance(text, str) and _HAS_SCHEME.match(text):
            return text
        return super().to_python(value)


class HttpUrlField(models.URLField):
    """A ``URLField`` whose admin field is :class:`HttpUrlFormField`.

    Migrations see a plain ``URLField``: the difference is only in the form.
    """

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": HttpUrlFormField, **kwargs})

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs


class RulesCleanMixin:
    """Lets ``clean()`` leave alone a field that the form already rejected.

    A model form leaves a rejected field's old value on the instance and lists the field in
    ``exclude``; a rule run on that old value would report, say, a missing link next to the
    link that was typed. ``clean()`` asks :meth:`form_rejected` first.
    """

    _form_rejected: frozenset[str] = frozenset()

    def full_clean(self, exclude: Any = None, *args: Any, **kwargs: Any) -> None:
        self._form_rejected = frozenset(exclude or ())
        try:
            super().full_clean(exclude, *args, **kwargs)  # type: ignore[misc]
        finally:
            self._form_rejected = frozenset()

    def form_rejected(self, *names: str) -> bool:
        """Whether any of ``names`` was excluded from validation (rejected by the form)."""
        return any(name in self._form_rejected for name in names)
