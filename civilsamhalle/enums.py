"""The domain's choices, and what each one implies for the rules, feeds and pages.

A rule such as "a cancelled meeting needs no venue" is a property of the value here, so the core's
rules, the calendar text, the Wagtail models and the templates ask the same question of the same
enum instead of keeping sets of strings of their own.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ActionStatus",
    "AgreementStatus",
    "AttendanceMode",
    "CouncilKind",
    "CouncilRole",
    "Country",
    "EventStatus",
    "MeetingKind",
    "OrganisationKind",
    "RegistrationKind",
    "RegistrationSource",
    "RegistrationStatus",
    "SeatRepresents",
    "SigningRequestStatus",
    "TermState",
    "VolunteerNeedState",
    "VolunteerNeedTiming",
    "VolunteerOfferStatus",
    "attendance_mode",
]


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

    @property
    def has_venue(self) -> bool:
        """Participants come to a place (in person or hybrid)."""
        return self is not AttendanceMode.ONLINE

    @property
    def has_link(self) -> bool:
        """Participants join by a link (online or hybrid)."""
        return self is not AttendanceMode.IN_PERSON


class EventStatus(StrEnum):
    """schema.org's EventStatusType, which search engines and calendar programs understand."""

    SCHEDULED = "scheduled"
    RESCHEDULED = "rescheduled"
    MOVED_ONLINE = "moved_online"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"

    @property
    def counts_as_held(self) -> bool:
        """Whether the meeting takes place on its date: a cancelled or postponed one does not,
        so it needs no place and counts towards no commitment."""
        return self not in (EventStatus.CANCELLED, EventStatus.POSTPONED)


class RegistrationKind(StrEnum):
    NONE = "none"
    EXTERNAL = "external"  # a link to another site's form
    BUILT_IN = "built_in"  # the meeting page's own form, with seats and a waitlist


class RegistrationStatus(StrEnum):
    """Where one person's registration for a meeting stands."""

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"

    @property
    def holds_seat(self) -> bool:
        """Counts against the meeting's capacity."""
        return self is RegistrationStatus.CONFIRMED

    @property
    def is_active(self) -> bool:
        """Still coming or still waiting: shown to the registrant, told of changes, reminded."""
        return self is not RegistrationStatus.CANCELLED


class RegistrationSource(StrEnum):
    """How a registration was made: by the resident on the page, or by staff for them."""

    WEB = "web"
    PHONE = "phone"  # staff typed it in during a phone call
    DESK = "desk"  # staff typed it in at the reception desk

    @property
    def by_staff(self) -> bool:
        return self is not RegistrationSource.WEB


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    OPEN_FOR_SIGNING = "open_for_signing"
    IN_FORCE = "in_force"
    EXPIRED = "expired"

    @property
    def is_followed_up(self) -> bool:
        """Whether its commitments are owed now: only an agreement in force promises anything;
        a draft or one still open for signing does not yet, an expired one no longer."""
        return self is AgreementStatus.IN_FORCE

    @property
    def may_be_asked_to_sign(self) -> bool:
        """Whether organisations may ask to sign (the public signing form is offered): only
        while the agreement is open for signing, not as a draft nor once in force or expired."""
        return self is AgreementStatus.OPEN_FOR_SIGNING


class CouncilKind(StrEnum):
    """What kind of group a council is; Popolo's ``classification`` of the organization."""

    COUNCIL = "council"  # "samråd" / "råd": the standing forum of the sector and the municipality
    STEERING_GROUP = "steering_group"
    WORKING_GROUP = "working_group"
    REFERENCE_GROUP = "reference_group"


class SeatRepresents(StrEnum):
    """What a seat on a council stands for, apart from whoever holds it (Popolo's Post)."""

    CATEGORY = "category"  # a category of organisations, e.g. the pensioners' associations
    ORGANISATION = "organisation"  # one named organisation
    MUNICIPALITY = "municipality"  # the municipality: politicians and officials

    @property
    def needs_category(self) -> bool:
        return self is SeatRepresents.CATEGORY

    @property
    def needs_organisation(self) -> bool:
        return self is SeatRepresents.ORGANISATION


class CouncilRole(StrEnum):
    """A holder's role on the council; Popolo's ``role`` of the membership."""

    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    SECRETARY = "secretary"
    MEMBER = "member"


class TermState(StrEnum):
    """Where a holder's term stands on a given day."""

    UPCOMING = "upcoming"
    CURRENT = "current"
    FORMER = "former"

    @property
    def is_former(self) -> bool:
        return self is TermState.FORMER


class ActionStatus(StrEnum):
    """Where one action of an action programme stands (Ullensaker writes "Arbeidet er i gang")."""

    NOT_STARTED = "not_started"
    STARTED = "started"
    UNDER_WAY = "under_way"
    DONE = "done"
    POSTPONED = "postponed"
    DROPPED = "dropped"

    @property
    def is_finished(self) -> bool:
        """Nothing more will be done under this plan: done, or dropped."""
        return self in (ActionStatus.DONE, ActionStatus.DROPPED)

    @property
    def is_open(self) -> bool:
        """Still to be done (postponed included): carried over when the plan is copied."""
        return not self.is_finished

    @property
    def counts_in_progress(self) -> bool:
        """Part of the plan's progress: a dropped action is left out, not counted as 0 %."""
        return self is not ActionStatus.DROPPED

    @property
    def is_done(self) -> bool:
        """Counts as 100 % whatever percentage was typed."""
        return self is ActionStatus.DONE


class SigningRequestStatus(StrEnum):
    """Where an organisation's request to sign an agreement stands."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def is_pending(self) -> bool:
        """Waiting for an editor: may still be approved or rejected, and blocks a duplicate."""
        return self is SigningRequestStatus.PENDING

    @property
    def is_decided(self) -> bool:
        """Approved or rejected: the decision is final, and the retention period runs from it."""
        return self is not SigningRequestStatus.PENDING

    @property
    def needs_reason(self) -> bool:
        """A rejection is explained to the requester; an approval needs no reason."""
        return self is SigningRequestStatus.REJECTED


class Country(StrEnum):
    SWEDEN = "SE"
    NORWAY = "NO"


class VolunteerNeedTiming(StrEnum):
    """When a volunteer need is: once, at a date and time, or ongoing (e.g. a visiting friend)."""

    ONE_OFF = "one_off"
    ONGOING = "ongoing"

    @property
    def has_time(self) -> bool:
        """Has a start and an end, and so is an event in the calendar feed."""
        return self is VolunteerNeedTiming.ONE_OFF


class VolunteerNeedState(StrEnum):
    """Where a published volunteer need stands: computed (``civilsamhalle.volunteering``),
    never typed by an editor."""

    OPEN = "open"
    FILLED = "filled"  # enough volunteers were accepted
    CLOSED = "closed"  # past its open-until date, or the task is over

    @property
    def takes_offers(self) -> bool:
        return self is VolunteerNeedState.OPEN


class VolunteerOfferStatus(StrEnum):
    """Where a resident's offer of help stands, as the poster's editors mark it."""

    NEW = "new"
    ANSWERED = "answered"  # contacted, not yet decided
    ACCEPTED = "accepted"
    DECLINED = "declined"

    @property
    def counts_towards_need(self) -> bool:
        """An accepted volunteer fills one of the need's places."""
        return self is VolunteerOfferStatus.ACCEPTED

    @property
    def tells_resident(self) -> bool:
        """Marking an offer so sends the resident an email (a new offer has told them nothing)."""
        return self is not VolunteerOfferStatus.NEW


def attendance_mode(mode: str, status: str) -> AttendanceMode:
    """How people take part now: a meeting moved online is online, whatever its mode was."""
    if status == EventStatus.MOVED_ONLINE:
        return AttendanceMode.ONLINE
    return AttendanceMode(mode)
