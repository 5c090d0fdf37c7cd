"""Django validators around the core's rules, with messages an editor can act on.

The core raises plain English ``ValueError`` messages because it runs without Django. An editor in
a Swedish or Norwegian municipality must read the reason in the admin's language, next to the field
that caused it, so the rules are called here and their outcome re-worded through Django's gettext.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from civilsamhalle.identifiers import OrganisationNumberError
from civilsamhalle.identifiers import validate_organisation_number as _core_validate

__all__ = ["HttpUrlValidator", "validate_organisation_number"]

_ALLOWED = set("0123456789 -\u00a0")


def validate_organisation_number(value: str, country: str = "SE") -> str:
    """Return ``value`` in its usual written form or raise a translated ``ValidationError``.

    The reason is worked out again here (wrong characters, wrong length or wrong check digit) so
    the message tells the editor what to look for, not merely that something is wrong.
    """
    try:
        return _core_validate(value, country)
    except OrganisationNumberError:
        pass
    country = str(country).upper()
    digits = "".join(ch for ch in value if ch.isdigit())
    if not set(value) <= _ALLOWED:
        raise ValidationError(
            _("An organisation number may contain only digits, spaces and a hyphen."),
            code="organisation_number_characters",
        ) from None
    if country == "NO":
        if len(digits) != 9:
            raise ValidationError(
                _("A Norwegian organisation number has nine digits."),
                code="organisation_number_length",
            ) from None
        raise ValidationError(
            _("This is not a valid Norwegian organisation number: the check digit does not match."),
            code="organisation_number_check_digit",
        ) from None
    if not (len(digits) == 10 or (len(digits) == 12 and digits.startswith("16"))):
        raise ValidationError(
            _("A Swedish organisation number has ten digits, written NNNNNN-NNNN."),
            code="organisation_number_length",
        ) from None
    raise ValidationError(
        _("This is not a valid Swedish organisation number: the check digit does not match."),
        code="organisation_number_check_digit",
    ) from None


@deconstructible(path="wagtail_civil.validators.HttpUrlValidator")
class HttpUrlValidator(URLValidator):
    """Only web addresses: an ``ftp://`` or ``javascript:`` link is no use to a resident.

    Deconstructs without arguments so that rewording the message never needs a migration.
    """

    schemes = ["http", "https"]
    message = _("Enter a web address that starts with http:// or https://.")

    def __init__(self) -> None:
        super().__init__()
