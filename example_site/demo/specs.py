"""The shapes of the demo's content: plain, frozen descriptions that the loader turns into models.

The content modules say *what* the demo holds in these shapes and never touch the database, so it
can be read like the seed pages it comes from; :mod:`demo.loader` alone knows how to create or
update models from them. Organisations, categories, agreements and meeting lists are referred to
by slug, meetings by a stable key.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum

from civilsamhalle.model import (
    AgreementStatus,
    AttendanceMode,
    Country,
    EventStatus,
    MeetingKind,
    OrganisationKind,
    RegistrationKind,
)

__all__ = [
    "MEETING_NAMESPACE",
    "Agreement",
    "Category",
    "Commitment",
    "Meeting",
    "ListPage",
    "Organisation",
    "ProgrammeItem",
    "Publication",
    "Signature",
    "Speaker",
    "meeting_uid",
]

# Fixed for ever: a meeting's UID is uuid5(MEETING_NAMESPACE, key), so the same demo meeting has
# the same calendar identity on every machine and after every reload, and a calendar that
# subscribed to the demo's feed keeps recognising it.
MEETING_NAMESPACE = uuid.UUID("be96d384-998a-4343-910b-f8cbf09c8d4c")


def meeting_uid(key: str) -> uuid.UUID:
    return uuid.uuid5(MEETING_NAMESPACE, key)


class Publication(StrEnum):
    """How a demo page reaches residents; drafts and private pages test that they never do."""

    PUBLISHED = "published"
    DRAFT = "draft"  # saved as a revision, never published
    PRIVATE = "private"  # published behind a shared password


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Organisation:
    slug: str
    name: str
    kind: OrganisationKind = OrganisationKind.ASSOCIATION
    categories: tuple[str, ...] = ()
    parent: str | None = None
    country: Country = Country.SWEDEN
    organisation_number: str = ""
    website: str = ""
    description: str = ""  # rich text (HTML)
    areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signature:
    organisation: str | None = None  # slug of a registered organisation
    party_name: str = ""  # shown instead of the organisation's name when given
    signatory: str = ""
    signatory_title: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class Commitment:
    description: str
    minimum: int
    meeting_kind: MeetingKind | None = None


@dataclass(frozen=True)
class Agreement:
    slug: str
    title: str
    purpose: str  # rich text
    status: AgreementStatus = AgreementStatus.IN_FORCE
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    signatures: tuple[Signature, ...] = ()
    commitments: tuple[Commitment, ...] = ()


@dataclass(frozen=True)
class ListPage:
    slug: str
    title: str
    intro: str = ""  # rich text


@dataclass(frozen=True)
class ProgrammeItem:
    title: str
    start_time: dt.time | None = None
    description: str = ""


@dataclass(frozen=True)
class Speaker:
    name: str
    title: str = ""
    organisation: str | None = None  # slug
    affiliation: str = ""


@dataclass(frozen=True)
class Meeting:
    key: str  # stable: the UID is made from it
    meeting_list: str  # slug of the MeetingIndexPage it is listed on
    slug: str
    title: str
    start: dt.datetime
    end: dt.datetime
    kind: MeetingKind = MeetingKind.DIALOGUE
    theme: str = ""
    description: str = ""  # rich text
    status: EventStatus = EventStatus.SCHEDULED
    mode: AttendanceMode = AttendanceMode.IN_PERSON
    venue_name: str = ""
    street_address: str = ""
    postal_code: str = ""
    locality: str = ""
    online_url: str = ""
    hosts: tuple[str, ...] = ()  # organisation slugs
    municipal_hosts: tuple[str, ...] = ()
    agreement: str | None = None  # agreement slug
    categories: tuple[str, ...] = ()  # category slugs
    registration_kind: RegistrationKind = RegistrationKind.NONE
    registration_url: str = ""
    registration_deadline: dt.datetime | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    programme: tuple[ProgrammeItem, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    attending: tuple[str, ...] = ()  # organisation slugs
    attendance_organisations: int | None = None
    attendance_people: int | None = None
    attendance_municipal_staff: int | None = None
    outcome: str = ""  # rich text
    follow_up: str | None = None  # key of the follow-up meeting
    publication: Publication = Publication.PUBLISHED
    # Published first with this status, then with ``status``: how the demo's cancelled meeting
    # gets there the way an editor's would, so its SEQUENCE is raised by the normal publish path.
    first_published_as: EventStatus | None = None

    @property
    def uid(self) -> uuid.UUID:
        return meeting_uid(self.key)
