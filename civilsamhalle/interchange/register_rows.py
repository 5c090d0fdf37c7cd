"""One organisation of an association register, cleaned and checked, or the reason it was not.

Swedish association registers (Rbok, Interbook Go, a municipality's own spreadsheet) export
columns named in Swedish and spelled as each vendor likes; Brønnøysund's Enhetsregisteret writes
its own JSON. Both become a :class:`RegisterRow`: the organisation number checked by the same
rules as an editor's form (:mod:`civilsamhalle.identifiers`), and only the values the file gives,
so an empty cell never erases what an editor typed on the site.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..enums import OrganisationKind
from ..identifiers import validate_organisation_number
from ..rules import MESSAGES as RULE_MESSAGES
from ..rules import RuleError, check_http_url

__all__ = [
    "COLUMNS",
    "REJECTIONS",
    "RegisterRow",
    "Rejected",
    "clean_row",
    "column_for",
]

# The site's field → header names registers use for it (compared without case, accents on
# a/o kept, spaces, dots and hyphens ignored). The first is the one the documentation shows.
COLUMNS: dict[str, tuple[str, ...]] = {
    "organisation_number": (
        "Organisationsnummer", "Orgnr", "Org.nr", "Organisationsnr", "Orgnummer",
        "Organisasjonsnummer", "Organisation number", "Organization number",
    ),
    "name": (
        "Föreningsnamn", "Namn", "Förening", "Föreningens namn", "Organisationsnamn",
        "Organisation", "Navn", "Organisasjonsnavn", "Name",
    ),
    "description": (
        "Ändamål", "Syfte", "Verksamhet", "Beskrivning", "Verksamhetsbeskrivning", "Formål",
        "Beskrivelse", "Purpose", "Description",
    ),
    "founded": (
        "Bildad", "Bildades", "Bildat", "Grundad", "Grundat", "Bildandeår", "Startår",
        "Stiftelsesdato", "Stiftet", "Founded",
    ),
    "municipality": ("Kommun", "Hemkommun", "Säte", "Kommune", "Municipality"),
    "website": (
        "Webbplats", "Hemsida", "Webbadress", "Webb", "Hjemmeside", "Nettside", "Website", "URL",
    ),
    "email": ("E-post", "Epost", "E-postadress", "Mejl", "Epostadresse", "Email", "E-mail"),
    "phone": ("Telefon", "Telefonnummer", "Tel", "Mobil", "Tlf", "Phone"),
    "contact": ("Kontakt", "Kontaktuppgifter", "Kontaktinformasjon", "Contact"),
    "country": ("Land", "Country"),
}  # fmt: skip

# code → English reason; the core's rules (``organisation_number_*``, ``url_*``) word their own.
REJECTIONS: dict[str, str] = {
    "number_missing": "no organisation number",
    "name_missing": "no name, and no organisation with this number on the site to update",
    "duplicate": "organisation number {value} is already on line {first}; the first one is kept",
    "founded_invalid": "'{value}' is not a year or a date (founded)",
    "email_invalid": "'{value}' is not an email address",
    "country_unknown": "unknown country '{value}'; expected SE or NO",
    "record_invalid": "not an entity: expected an object with organisasjonsnummer",
    "site_rules": "{value}",
}

_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s()-]{5,}$")


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """An organisation the file describes; ``values`` holds only what the file gives.

    Keys of ``values``: ``name``, ``description``, ``founded_year`` (int), ``municipality``,
    ``website``, ``email``, ``phone``, and ``kind`` (used only when the organisation is new).
    """

    line: int
    country: str
    organisation_number: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A row that could not be taken: where it is, which rule (``code``) and what was typed."""

    line: int
    code: str
    params: dict[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        template = REJECTIONS.get(self.code) or RULE_MESSAGES.get(self.code, self.code)
        return template.format(**self.params)


def _key(header: str) -> str:
    """How a header is compared: lower case, no spaces, dots, hyphens or underscores."""
    text = unicodedata.normalize("NFC", header.replace("\ufeff", "")).casefold()
    return re.sub(r"[\s._\-]+", "", text)


_BY_KEY = {_key(name): target for target, names in COLUMNS.items() for name in names}


def column_for(header: str) -> str | None:
    """The site's field a register's column header stands for, or ``None``."""
    return _BY_KEY.get(_key(header))


def _country(number: str, given: str) -> str:
    """The country a number belongs to: given by the file, else nine digits are Norwegian."""
    if given:
        code = given.strip().upper()
        code = {"SVERIGE": "SE", "SWEDEN": "SE", "NORGE": "NO", "NOREG": "NO"}.get(code, code)
        if code not in ("SE", "NO"):
            raise _Reject("country_unknown", value=given.strip())
        return code
    digits = re.sub(r"\D", "", number)
    return "NO" if len(digits) == 9 else "SE"


class _Reject(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def _website(value: str) -> str:
    """An http(s) link; a bare ``www.example.se`` (as registers write it) gets ``https://``."""
    if value and "://" not in value and ":" not in value.split("/")[0]:
        value = "https://" + value
    return check_http_url(value)


def _founded(value: str) -> int:
    """The year of ``1923``, ``1923-05-01``, ``2001-05-12`` or ``12.05.2001``."""
    found = _YEAR.search(value)
    if found is None:
        raise _Reject("founded_invalid", value=value)
    return int(found.group(1))


def clean_row(line: int, cells: Mapping[str, str], *, kind: str | None = None) -> Any:
    """A :class:`RegisterRow` from the cells by field name (see :data:`COLUMNS`), or a
    :class:`Rejected` saying why not. Empty cells are left out of ``values``."""
    cells = {k: (v or "").strip() for k, v in cells.items()}
    try:
        number = cells.get("organisation_number", "")
        if not number:
            raise _Reject("number_missing")
        country = _country(number, cells.get("country", ""))
        number = validate_organisation_number(number, country)
        values: dict[str, Any] = {}
        for name in ("name", "description", "municipality"):
            if cells.get(name):
                values[name] = cells[name]
        if cells.get("founded"):
            values["founded_year"] = _founded(cells["founded"])
        if cells.get("website"):
            values["website"] = _website(cells["website"])
        contact = cells.get("contact", "")
        email = cells.get("email") or (contact if "@" in contact else "")
        phone = cells.get("phone") or (contact if _PHONE.match(contact) else "")
        if email:
            if not _EMAIL.match(email):
                raise _Reject("email_invalid", value=email)
            values["email"] = email
        if phone:
            values["phone"] = phone
        if kind:
            values["kind"] = kind
    except _Reject as exc:
        return Rejected(line, exc.code, exc.params)
    except RuleError as exc:
        return Rejected(line, exc.code, dict(exc.params))
    return RegisterRow(line, country, number, values)


# Enhetsregisteret's organisasjonsform codes → the kind of a new organisation.
_KINDS = {
    "FLI": OrganisationKind.ASSOCIATION,  # forening/lag/innretning
    "STI": OrganisationKind.FOUNDATION,  # stiftelse
    "SA": OrganisationKind.COOPERATIVE,  # samvirkeforetak
    "ORGL": OrganisationKind.OTHER,
}


def _place_name(value: str) -> str:
    """``NORDRE FOLLO`` → ``Nordre Follo``: the register writes municipalities in capitals."""
    return value.title() if value.isupper() else value


def enhet_row(line: int, enhet: Any, *, voluntary_only: bool) -> Any:
    """A :class:`RegisterRow` (or :class:`Rejected`, or ``None`` to skip) from one entity of
    Brønnøysund's Enhetsregisteret as its open API gives it (``/enhetsregisteret/api/enheter``).
    """
    if not isinstance(enhet, dict) or not isinstance(enhet.get("organisasjonsnummer"), str):
        return Rejected(line, "record_invalid")
    if voluntary_only and enhet.get("registrertIFrivillighetsregisteret") is False:
        return None
    address = enhet.get("forretningsadresse") or enhet.get("postadresse")
    address = address if isinstance(address, dict) else {}
    form = enhet.get("organisasjonsform")
    purpose = enhet.get("vedtektsfestetFormaal") or enhet.get("aktivitet") or []
    if isinstance(purpose, str):
        purpose = [purpose]
    cells = {
        "organisation_number": enhet["organisasjonsnummer"],
        "country": "NO",
        "name": _text(enhet.get("navn")),
        "description": " ".join(_text(p) for p in purpose if isinstance(p, str)).strip(),
        "founded": _text(enhet.get("stiftelsesdato")),
        "municipality": _place_name(_text(address.get("kommune"))),
        "website": _text(enhet.get("hjemmeside")),
        "email": _text(enhet.get("epostadresse")),
        "phone": _text(enhet.get("telefon") or enhet.get("mobil")),
    }
    kind = _KINDS.get(_text(form.get("kode")) if isinstance(form, dict) else "")
    return clean_row(line, cells, kind=kind.value if kind else None)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
