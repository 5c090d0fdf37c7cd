"""Swedish and Norwegian organisation numbers.

An editor who mistypes an organisation number should hear so at once, not when the register is
exported to another system; both countries build a check digit into the number for that reason.
"""

from __future__ import annotations

from .rules import RuleError

__all__ = ["OrganisationNumberError", "validate_organisation_number", "luhn_ok", "mod11_ok"]


class OrganisationNumberError(RuleError):
    """The organisation number does not exist: wrong characters, length or check digit.

    ``code`` says which (``organisation_number_length_se``, …), so a form can word it itself.
    """

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, "organisation_number", **params)


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod-10) check used by Swedish organisationsnummer and personnummer."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


_NO_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def mod11_ok(digits: str) -> bool:
    """The mod-11 check of the Norwegian Enhetsregisteret's organisasjonsnummer."""
    if len(digits) != 9:
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:8], _NO_WEIGHTS, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(digits[8])


def _digits(value: str) -> str:
    cleaned = value.replace(" ", "").replace("-", "").replace("\u00a0", "")
    if not cleaned.isascii() or not cleaned.isdigit():
        raise OrganisationNumberError("organisation_number_characters", value=value.strip())
    return cleaned


def validate_organisation_number(value: str, country: str = "SE") -> str:
    """Return the number in its usual written form, or raise :class:`OrganisationNumberError`.

    Sweden: ten digits ``NNNNNN-NNNN`` (a twelve-digit form with the century prefix ``16`` is
    accepted), Luhn check digit. Norway: nine digits, mod-11 check digit.
    """
    country = str(country).upper()
    digits = _digits(value)
    typed = value.strip()
    if country == "SE":
        if len(digits) == 12 and digits.startswith("16"):
            digits = digits[2:]
        if len(digits) != 10:
            raise OrganisationNumberError(
                "organisation_number_length_se", value=typed, count=len(digits)
            )
        if not luhn_ok(digits):
            raise OrganisationNumberError("organisation_number_check_digit_se", value=typed)
        return f"{digits[:6]}-{digits[6:]}"
    if country == "NO":
        if len(digits) != 9:
            raise OrganisationNumberError(
                "organisation_number_length_no", value=typed, count=len(digits)
            )
        if not mod11_ok(digits):
            raise OrganisationNumberError("organisation_number_check_digit_no", value=typed)
        return digits
    raise OrganisationNumberError("country_unknown", value=country)
