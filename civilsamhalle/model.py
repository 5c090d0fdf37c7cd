"""The domain as frozen, validated pydantic objects: what feeds, rules and data files work on.

Every field says what it holds (``civilsamhalle schema``); the rules are in :mod:`.rules`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from . import rules
from .enums import (
    AgreementStatus,
    AttendanceMode,
    Country,
    EventStatus,
    MeetingKind,
    OrganisationKind,
    RegistrationKind,
)
from .fieldtypes import AwareDatetime, HttpUrl, NonEmptyStr, TimeZoneName, custom_error, raise_at
from .identifiers import validate_organisation_number
from .rules import RuleError
from .structure import Category, IndexPage

__all__ = [
    "AgreementStatus",
    "AttendanceMode",
    "EventStatus",
    "MeetingKind",
    "OrganisationKind",
    "RegistrationKind",
    "Country",
    "Organisation",
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


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


# --- organisations and people --------------------------------------------------------------------


class Organisation(_Frozen):
    """A civil-society organisation in the municipality's register."""

    id: NonEmptyStr = Field(
        description="Stable identifier that other objects refer to, e.g. the slug."
    )
    name: NonEmptyStr = Field(description="The organisation's name as residents know it.")
    kind: OrganisationKind = Field(
        OrganisationKind.ASSOCIATION, description="Kind of organisation."
    )
    categories: tuple[NonEmptyStr, ...] = Field(
        (), description="Category names, e.g. the groups that hold seats on a council."
    )
    parent_id: str | None = Field(
        None, description="`id` of the larger organisation it is part of."
    )
    country: Country = Field(
        Country.SWEDEN,
        description="Where it is registered: SE or NO; decides "
        "how `organisation_number` is checked.",
    )
    organisation_number: str | None = Field(
        None,
        description="Sweden NNNNNN-NNNN (Luhn check "
        "digit), Norway nine digits (mod 11); written normalised.",
    )
    website: HttpUrl | None = Field(None, description="An http:// or https:// link.")
    email: str | None = Field(None, description="Public email address of the organisation.")
    phone: str | None = Field(None, description="Public phone number.")
    description: str = Field("", description="A short presentation, plain text.")
    areas_of_activity: tuple[str, ...] = Field((), description="What it works with, e.g. sport.")

    @field_validator("organisation_number")
    @classmethod
    def _check_number(cls, value: str | None, info: ValidationInfo) -> str | None:
        if not value or not value.strip():
            return None
        try:
            return validate_organisation_number(value, info.data.get("country", Country.SWEDEN))
        except RuleError as error:
            raise custom_error(error) from None

    @field_validator("parent_id")
    @classmethod
    def _not_own_parent(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and value == info.data.get("id"):
            raise custom_error(RuleError("own_parent"))
        return value


class Contact(_Frozen):
    """A public contact for a meeting or an organisation (published, so not personal data)."""

    name: str = Field("", description="Name of the contact.")
    email: str = Field("", description="Email address.")
    phone: str = Field("", description="Phone number.")

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        value = value.strip()
        if value and ("@" not in value or value.startswith("@") or value.endswith("@")):
            raise custom_error(RuleError("email_invalid", value=value))
        return value


# --- meetings ------------------------------------------------------------------------------------


class Venue(_Frozen):
    """Where a meeting is held in person."""

    name: NonEmptyStr = Field(description="Name of the place, e.g. Folkets Hus, room Storsalen.")
    street_address: str = Field("", description="Street and number.")
    postal_code: str = Field("", description="Postal code, e.g. 451 81.")
    locality: str = Field("", description="Town.")
    latitude: float | None = Field(None, ge=-90, le=90, description="WGS 84 latitude, degrees.")
    longitude: float | None = Field(None, ge=-180, le=180, description="WGS 84 longitude, degrees.")

    @property
    def address(self) -> str:
        town = " ".join(p for p in (self.postal_code, self.locality) if p)
        return ", ".join(p for p in (self.street_address, town) if p)

    @property
    def label(self) -> str:
        return ", ".join(p for p in (self.name, self.address) if p)


class ProgrammeItem(_Frozen):
    """One item of a meeting's programme."""

    title: NonEmptyStr = Field(description="What happens.")
    start_time: dt.time | None = Field(None, description="Local time it starts, HH:MM.")
    description: str = Field("", description="More about the item.")


class Speaker(_Frozen):
    """Someone who speaks at a meeting."""

    name: NonEmptyStr = Field(description="Full name.")
    title: str = Field("", description="Title or role.")
    organisation_id: str | None = Field(None, description="`id` of their organisation, if any.")
    affiliation: str = Field("", description="Organisation or municipal unit.")


class Registration(_Frozen):
    """How to register: not at all, through another site's form, or the page's own form."""

    kind: RegistrationKind = Field(
        RegistrationKind.NONE, description="none, external (a link) or built_in (the page's form)."
    )
    url: HttpUrl | None = Field(
        None,
        validate_default=True,
        description="Where to register; required when `kind` is external.",
    )
    deadline: AwareDatetime | None = Field(
        None, description="Register by, ISO 8601 with offset; before the meeting ends."
    )
    opens: AwareDatetime | None = Field(
        None, description="built_in: registration opens, ISO 8601 with offset; before the deadline."
    )
    capacity: int | None = Field(
        None, ge=1, description="built_in: the number of seats; none for no limit."
    )
    waitlist: bool = Field(
        False, description="built_in: when every seat is taken, new registrations join a waitlist."
    )

    @field_validator("url")
    @classmethod
    def _url_for_external(cls, value: str | None, info: ValidationInfo) -> str | None:
        kind = info.data.get("kind", RegistrationKind.NONE)
        for problem in rules.check_registration(kind, value, None, None):
            raise custom_error(problem)
        return value


class Attendance(_Frozen):
    """Who came, recorded after the meeting."""

    organisation_ids: tuple[str, ...] = Field((), description="`id`s of organisations that came.")
    organisations: int | None = Field(None, ge=0, description="How many organisations came.")
    people: int | None = Field(None, ge=0, description="How many people came.")
    municipal_staff: int | None = Field(None, ge=0, description="Of whom municipal staff.")


class Meeting(_Frozen):
    """A dialogue meeting, hearing, workshop, … as the calendar and the rules see it.

    ``uid`` is generated once when the meeting is created and never changes: calendar programs
    use it to recognise the same event across years of polling. ``sequence`` is kept by the
    storage layer and raised by :func:`civilsamhalle.calendar.next_sequence`.
    """

    uid: uuid.UUID = Field(description="A UUID made once; calendars know the meeting by it.")
    title: NonEmptyStr = Field(description="The meeting's title.")
    kind: MeetingKind = Field(MeetingKind.DIALOGUE, description="Kind of meeting.")
    theme: str = Field("", description="What the meeting is about, briefly.")
    description: str = Field("", description="Plain text.")
    start: AwareDatetime = Field(
        description="ISO 8601 with UTC offset, e.g. 2026-06-02T13:00:00+02:00."
    )
    end: AwareDatetime = Field(description="ISO 8601 with UTC offset; after `start`.")
    timezone: TimeZoneName = Field("Europe/Stockholm", description="IANA zone it is held in.")
    mode: AttendanceMode = Field(
        AttendanceMode.IN_PERSON,
        description="in_person needs `venue`, online needs `online_url`, hybrid needs both.",
    )
    venue: Venue | None = Field(None, description="Where it is held in person.")
    online_url: HttpUrl | None = Field(None, description="The link participants join by.")
    programme: tuple[ProgrammeItem, ...] = Field((), description="Programme items in order.")
    speakers: tuple[Speaker, ...] = Field((), description="Speakers.")
    host_ids: tuple[str, ...] = Field((), description="`id`s of the hosting organisations.")
    hosts: tuple[str, ...] = Field(
        (), description="Display names of the hosts, municipal units too."
    )
    agreement_id: str | None = Field(None, description="`id` of the agreement it is held under.")
    agreement_title: str = Field("", description="That agreement's title, for display.")
    categories: tuple[str, ...] = Field((), description="Category names.")
    registration: Registration = Field(Registration(), description="How to register.")
    contact: Contact | None = Field(None, description="Public contact.")
    status: EventStatus = Field(
        EventStatus.SCHEDULED,
        description="A cancelled or postponed "
        "meeting needs no place; moved_online needs `online_url`.",
    )
    sequence: int = Field(
        0,
        ge=0,
        description="Revision number calendars compare; raise it when "
        "the time, place or status changes.",
    )
    url: HttpUrl | None = Field(None, description="The meeting's web page.")
    created: AwareDatetime | None = Field(None, description="When it was first published.")
    last_modified: AwareDatetime | None = Field(None, description="When it last changed.")
    attendance: Attendance | None = Field(None, description="Who came, afterwards.")
    outcome: str = Field("", description="What came out of it, afterwards; plain text.")
    follow_up_uid: uuid.UUID | None = Field(
        None, description="`uid` of the meeting that follows it up."
    )
    slug: str | None = Field(None, description="The last part of its web address, on import.")
    page_id: str | None = Field(None, description="`id` of the index page it is listed on.")

    @field_validator("end")
    @classmethod
    def _after_start(cls, value: dt.datetime, info: ValidationInfo) -> dt.datetime:
        try:
            rules.check_meeting_times(info.data.get("start"), value)
        except RuleError as error:
            raise custom_error(error) from None
        return value

    @model_validator(mode="after")
    def _place_and_registration(self) -> Meeting:
        problems = rules.meeting_place_problems(
            self.mode, self.status, has_venue=self.venue is not None, online_url=self.online_url
        )
        registration = self.registration
        deadline = rules.check_registration(
            "none", None, registration.deadline, self.end, registration.opens
        )
        for problem in deadline:
            problem.field = f"registration.{problem.field}"
        inputs = {
            "online_url": self.online_url,
            "registration.deadline": registration.deadline,
            "registration.opens": registration.opens,
        }
        raise_at("Meeting", problems + deadline, inputs)
        return self

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
    """A party that signed an agreement."""

    organisation_id: str | None = Field(
        None, description="`id` of the organisation, if in the file."
    )
    organisation: NonEmptyStr = Field(description="The party's name as shown.")
    signatory: str = Field("", description="Who signed.")
    signatory_title: str = Field("", description="The signatory's title.")
    date: dt.date | None = Field(None, description="Date signed, YYYY-MM-DD.")


class Commitment(_Frozen):
    """A measurable promise: at least ``minimum`` meetings (of ``meeting_kind``) per period.

    The period is a calendar year unless ``period_months`` is given; how partial periods are
    judged is written in :mod:`civilsamhalle.commitments`.
    """

    description: NonEmptyStr = Field(description="As written in the agreement.")
    minimum: int = Field(
        description="Meetings per period, at least 1.", json_schema_extra={"minimum": 1}
    )
    meeting_kind: MeetingKind | None = Field(
        None, description="Only this kind counts; any if empty."
    )
    period_months: int | None = Field(
        None,
        description="Length of the period in months, at least 1; empty: a calendar year.",
        json_schema_extra={"minimum": 1},
    )
    period_start: dt.date | None = Field(
        None,
        description="First day of the first period, YYYY-MM-DD; empty: the agreement's first "
        "day, else 1 January.",
    )

    @field_validator("minimum")
    @classmethod
    def _minimum(cls, value: int) -> int:
        try:
            rules.check_commitment_minimum(value)
        except RuleError as error:
            raise custom_error(error) from None
        return value

    @field_validator("period_months")
    @classmethod
    def _period(cls, value: int | None) -> int | None:
        try:
            rules.check_commitment_period(value)
        except RuleError as error:
            raise custom_error(error) from None
        return value


class Agreement(_Frozen):
    """An agreement (överenskommelse) between the municipality and civil society."""

    id: NonEmptyStr = Field(description="Stable identifier that meetings refer to.")
    title: NonEmptyStr = Field(description="The agreement's title.")
    purpose: str = Field("", description="Why the parties make it; plain text.")
    principles: tuple[str, ...] = Field((), description="Shared principles, one text each.")
    status: AgreementStatus = Field(AgreementStatus.DRAFT, description="Where it stands.")
    valid_from: dt.date | None = Field(None, description="First day, YYYY-MM-DD.")
    valid_until: dt.date | None = Field(
        None, description="Last day, YYYY-MM-DD; empty: until further notice."
    )
    signatures: tuple[Signature, ...] = Field((), description="The parties that signed.")
    commitments: tuple[Commitment, ...] = Field((), description="Measurable promises.")
    url: HttpUrl | None = Field(None, description="The agreement's web page.")

    @field_validator("valid_until")
    @classmethod
    def _after_valid_from(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        try:
            rules.check_validity(info.data.get("valid_from"), value)
        except RuleError as error:
            raise custom_error(error) from None
        return value


# --- a whole data file ---------------------------------------------------------------------------


class Dataset(_Frozen):
    """What a JSON data file holds: the unit of `civilsamhalle validate` and `civilsamhalle ics`."""

    name: str = Field("", description="The calendar's name when none is given to `ics`.")
    categories: tuple[Category, ...] = Field((), description="Categories of organisations.")
    pages: tuple[IndexPage, ...] = Field((), description="Index pages, for an import.")
    organisations: tuple[Organisation, ...] = Field((), description="The register.")
    agreements: tuple[Agreement, ...] = Field((), description="Agreements.")
    meetings: tuple[Meeting, ...] = Field((), description="Meetings.")
