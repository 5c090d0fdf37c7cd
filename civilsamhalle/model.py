"""The domain of civilsamhalle as frozen, validated objects.

These objects are the contract between the Wagtail app and everything that must work without a
database: the calendar feeds, the commitment rules, the JSON interchange and the command line.
A Wagtail model turns itself into one of these (``to_domain()``); the rules never see Django.

Validation is done by pydantic v2 (Wagtail already depends on it, so it costs an installing site
nothing) so that every error names the field it is about and JSON (de)serialization comes for free.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from .identifiers import validate_organisation_number

__all__ = [
    "AgreementStatus",
    "AttendanceMode",
    "EventStatus",
    "MeetingKind",
    "OrganisationKind",
    "RegistrationKind",
    "Country",
    "Organisation",
    "Person",
    "Contact",
    "Venue",
    "ProgrammeItem",
    "Speaker",
    "Registration",
    "Attendance",
    "Meeting",
    "Signature",
    "Commitment",
    "Agreement",
    "Dataset",
    "HttpUrl",
    "NonEmptyStr",
]


# --- choices -------------------------------------------------------------------------------------


class OrganisationKind(StrEnum):
    ASSOCIATION = "association"
    FAITH_COMMUNITY = "faith_community"
    STUDY_ASSOCIATION = "study_association"
    FOUNDATION = "foundation"
    IDEA_BASED_COMPANY = "idea_based_company"
    COOPERATIVE = "cooperative"
    NETWORK = "network"
    UMBRELLA = "umbrella"
    OTHER = "other"


class MeetingKind(StrEnum):
    DIALOGUE = "dialogue"
    OPEN_MEETING = "open_meeting"  # "stormöte": a big meeting open to every organisation
    HEARING = "hearing"
    WORKSHOP = "workshop"
    COUNCIL_MEETING = "council_meeting"
    SIGNING = "signing"


class AttendanceMode(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class EventStatus(StrEnum):
    """schema.org's EventStatusType, which search engines and calendar programs understand."""

    SCHEDULED = "scheduled"
    RESCHEDULED = "rescheduled"
    MOVED_ONLINE = "moved_online"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class RegistrationKind(StrEnum):
    NONE = "none"
    EXTERNAL = "external"


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    OPEN_FOR_SIGNING = "open_for_signing"
    IN_FORCE = "in_force"
    EXPIRED = "expired"


class Country(StrEnum):
    SWEDEN = "SE"
    NORWAY = "NO"


# --- reusable field types ------------------------------------------------------------------------


def _non_empty(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    return value


def _http_url(value: str) -> str:
    value = value.strip()
    scheme, sep, rest = value.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or not rest or rest.startswith("/"):
        raise ValueError("must be an http:// or https:// address")
    if any(c.isspace() or not c.isprintable() for c in value):
        raise ValueError(
            "must be an http:// or https:// address without spaces or control characters"
        )
    return value


def _time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {value!r}") from exc
    return value


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("must carry a time zone (a naive date and time is ambiguous)")
    return value


NonEmptyStr = Annotated[str, AfterValidator(_non_empty)]
HttpUrl = Annotated[str, AfterValidator(_http_url)]
TimeZoneName = Annotated[str, AfterValidator(_time_zone)]
AwareDatetime = Annotated[dt.datetime, AfterValidator(_aware)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


# --- organisations and people --------------------------------------------------------------------


class Organisation(_Frozen):
    """A civil-society organisation in the municipality's register."""

    id: NonEmptyStr = Field(description="Stable identifier, e.g. the slug.")
    name: NonEmptyStr
    kind: OrganisationKind = OrganisationKind.ASSOCIATION
    categories: tuple[NonEmptyStr, ...] = ()
    parent_id: str | None = None
    country: Country = Country.SWEDEN
    organisation_number: str | None = None
    website: HttpUrl | None = None
    email: str | None = None
    phone: str | None = None
    description: str = ""
    areas_of_activity: tuple[str, ...] = ()

    @field_validator("organisation_number")
    @classmethod
    def _check_number(cls, value: str | None, info: ValidationInfo) -> str | None:
        if not value or not value.strip():
            return None
        return validate_organisation_number(value, info.data.get("country", Country.SWEDEN))

    @field_validator("parent_id")
    @classmethod
    def _not_own_parent(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and value == info.data.get("id"):
            raise ValueError("an organisation cannot be its own parent")
        return value


class Person(_Frozen):
    """Someone named on a page: a signatory, speaker, council member or liaison."""

    name: NonEmptyStr
    title: str = ""
    affiliation: str = ""
    party: str = ""


class Contact(_Frozen):
    """A public contact for a meeting or an organisation (published, so not personal data)."""

    name: str = ""
    email: str = ""
    phone: str = ""

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        value = value.strip()
        if value and ("@" not in value or value.startswith("@") or value.endswith("@")):
            raise ValueError("is not an email address")
        return value


# --- meetings ------------------------------------------------------------------------------------


class Venue(_Frozen):
    name: NonEmptyStr
    street_address: str = ""
    postal_code: str = ""
    locality: str = ""
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)

    @property
    def address(self) -> str:
        town = " ".join(p for p in (self.postal_code, self.locality) if p)
        return ", ".join(p for p in (self.street_address, town) if p)

    @property
    def label(self) -> str:
        return ", ".join(p for p in (self.name, self.address) if p)


class ProgrammeItem(_Frozen):
    title: NonEmptyStr
    start_time: dt.time | None = None
    description: str = ""


class Speaker(_Frozen):
    name: NonEmptyStr
    title: str = ""
    affiliation: str = ""


class Registration(_Frozen):
    """How to register. Built-in registration with capacity and waitlist comes later."""

    kind: RegistrationKind = RegistrationKind.NONE
    url: HttpUrl | None = Field(default=None, validate_default=True)
    deadline: AwareDatetime | None = None

    @field_validator("url")
    @classmethod
    def _url_for_external(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("kind") is RegistrationKind.EXTERNAL and not value:
            raise ValueError("an external registration needs the registration link")
        return value


class Attendance(_Frozen):
    """Who came, recorded after the meeting."""

    organisation_ids: tuple[str, ...] = ()
    organisations: int | None = Field(default=None, ge=0)
    people: int | None = Field(default=None, ge=0)
    municipal_staff: int | None = Field(default=None, ge=0)


class Meeting(_Frozen):
    """A dialogue meeting, hearing, workshop, … as the calendar and the rules see it.

    ``uid`` is generated once when the meeting is created and never changes: calendar programs
    use it to recognise the same event across years of polling. ``sequence`` is kept by the
    storage layer and raised by :func:`civilsamhalle.calendar.next_sequence`.
    """

    uid: uuid.UUID
    title: NonEmptyStr
    kind: MeetingKind = MeetingKind.DIALOGUE
    theme: str = ""
    description: str = ""
    start: AwareDatetime
    end: AwareDatetime
    timezone: TimeZoneName = "Europe/Stockholm"
    mode: AttendanceMode = AttendanceMode.IN_PERSON
    venue: Venue | None = None
    online_url: HttpUrl | None = None
    programme: tuple[ProgrammeItem, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    host_ids: tuple[str, ...] = ()
    hosts: tuple[str, ...] = Field(default=(), description="Display names of the hosts.")
    agreement_id: str | None = None
    agreement_title: str = ""
    categories: tuple[str, ...] = ()
    registration: Registration = Registration()
    contact: Contact | None = None
    status: EventStatus = EventStatus.SCHEDULED
    sequence: int = Field(default=0, ge=0)
    url: HttpUrl | None = None
    created: AwareDatetime | None = None
    last_modified: AwareDatetime | None = None
    attendance: Attendance | None = None
    outcome: str = ""

    @field_validator("end")
    @classmethod
    def _after_start(cls, value: dt.datetime, info: ValidationInfo) -> dt.datetime:
        start = info.data.get("start")
        if start is not None and value <= start:
            raise ValueError("the meeting must end after it starts")
        return value

    @property
    def is_cancelled(self) -> bool:
        return self.status is EventStatus.CANCELLED

    @property
    def local_start(self) -> dt.datetime:
        return self.start.astimezone(ZoneInfo(self.timezone))

    @property
    def local_end(self) -> dt.datetime:
        return self.end.astimezone(ZoneInfo(self.timezone))


# --- agreements ----------------------------------------------------------------------------------


class Signature(_Frozen):
    organisation_id: str | None = None
    organisation: NonEmptyStr
    signatory: str = ""
    signatory_title: str = ""
    date: dt.date | None = None


class Commitment(_Frozen):
    """A measurable promise: at least ``minimum`` meetings (of ``meeting_kind``) a calendar year."""

    description: NonEmptyStr
    minimum: int = Field(ge=1)
    meeting_kind: MeetingKind | None = None


class Agreement(_Frozen):
    id: NonEmptyStr
    title: NonEmptyStr
    purpose: str = ""
    principles: tuple[str, ...] = ()
    status: AgreementStatus = AgreementStatus.DRAFT
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    signatures: tuple[Signature, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    url: HttpUrl | None = None

    @field_validator("valid_until")
    @classmethod
    def _after_valid_from(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("valid_from")
        if value and start and value < start:
            raise ValueError("the agreement must end after it starts")
        return value


# --- a whole data file ---------------------------------------------------------------------------


class Dataset(_Frozen):
    """What a JSON data file holds: the unit of `civilsamhalle validate` and `civilsamhalle ics`."""

    name: str = ""
    organisations: tuple[Organisation, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    meetings: tuple[Meeting, ...] = ()
