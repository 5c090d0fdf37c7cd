"""Swedish and Norwegian organisation numbers.

An editor who mistypes an organisation number should hear so at once, not when the register is
exported to another system; both countries build a check digit into the number for that reason.
"""

from __future__ import annotations

__all__ = ["OrganisationNumberError", "validate_organisation_number", "luhn_ok", "mod11_ok"]


class OrganisationNumberError(ValueError):
    """The organisation number does not exist: wrong length or wrong check digit."""


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
        raise OrganisationNumberError("may contain only digits, spaces and a hyphen")
    return cleaned


def validate_organisation_number(value: str, country: str = "SE") -> str:
    """Return the number in its usual written form, or raise :class:`OrganisationNumberError`.

    Sweden: ten digits ``NNNNNN-NNNN`` (a twelve-digit form with the century prefix ``16`` is
    accepted), Luhn check digit. Norway: nine digits, mod-11 check digit.
    """
    country = str(country).upper()
    digits = _digits(value)
    if country == "SE":
        if len(digits) == 12 and digits.startswith("16"):
            digits = digits[2:]
        if len(digits) != 10:
            raise OrganisationNumberError(
                "a Swedish organisation number has ten digits (NNNNNN-NNNN)"
            )
        if not luhn_ok(digits):
            raise OrganisationNumberError(
                "is not a valid Swedish organisation number (check digit)"
            )
        return f"{digits[:6]}-{digits[6:]}"
    if country == "NO":
        if len(digits) != 9:
            raise OrganisationNumberError("a Norwegian organisation number has nine digits")
        if not mod11_ok(digits):
            raise OrganisationNumberError(
                "is not a valid Norwegian organisation number (check digit)"
            )
        return digits
    raise OrganisationNumberError(f"unknown country {country!r}; expected SE or NO")
