"""Translated labels for the core's enums.

The values are the core's (``civilsamhalle.model``) so that a stored value turns into a domain enum
without a lookup table; only the labels, which editors and residents read, live here, where Django's
gettext can translate them.

A label is a word without a sentence around it, and one catalogue serves every installed app: so
each list's labels carry a context ("meeting status" Cancelled is "Inställt", Wagtail's cancelled
workflow stays "Avbruten"; Swedish also inflects the adjective by what it describes). Country
names mean one thing and stay plain.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from civilsamhalle.commitments import CommitmentState
from civilsamhalle.enums import (
    ActionStatus,
    AgreementStatus,
    AttendanceMode,
    CouncilKind,
    CouncilRole,
    Country,
    EventStatus,
    MeetingKind,
    OrganisationKind,
    RegistrationKind,
    RegistrationSource,
    RegistrationStatus,
    SeatRepresents,
    SigningRequestStatus,
    VolunteerNeedState,
    VolunteerNeedTiming,
    VolunteerOfferStatus,
)

from .feed_words import kind_label

__all__ = [
    "ACCESSIBILITY_ASSESSMENT_CHOICES",
    "ACCESSIBILITY_CONFORMANCE_CHOICES",
    "ACCESSIBILITY_GAP_REASON_CHOICES",
    "ACCESSIBILITY_REPORT_STATUS_CHOICES",
    "ACTION_STATUS_CHOICES",
    "AGREEMENT_STATUS_CHOICES",
    "ATTENDANCE_MODE_CHOICES",
    "COUNCIL_KIND_CHOICES",
    "COUNCIL_ROLE_CHOICES",
    "COUNTRY_CHOICES",
    "EVENT_STATUS_CHOICES",
    "MEETING_KIND_CHOICES",
    "COMMITMENT_STATE_CHOICES",
    "ORGANISATION_KIND_CHOICES",
    "REGISTRATION_KIND_CHOICES",
    "REGISTRATION_SOURCE_CHOICES",
    "REGISTRATION_STATUS_CHOICES",
    "SEAT_REPRESENTS_CHOICES",
    "SIGNING_REQUEST_STATUS_CHOICES",
    "VOLUNTEER_NEED_STATE_LABELS",
    "VOLUNTEER_NEED_TIMING_CHOICES",
    "VOLUNTEER_OFFER_STATUS_CHOICES",
]

ORGANISATION_KIND_CHOICES = [
    (OrganisationKind.ASSOCIATION.value, pgettext_lazy("organisation kind", "Association")),
    (OrganisationKind.FAITH_COMMUNITY.value, pgettext_lazy("organisation kind", "Faith community")),
    (
        OrganisationKind.STUDY_ASSOCIATION.value,
        pgettext_lazy("organisation kind", "Study association"),
    ),
    (OrganisationKind.FOUNDATION.value, pgettext_lazy("organisation kind", "Foundation")),
    (
        OrganisationKind.IDEA_BASED_COMPANY.value,
        pgettext_lazy("organisation kind", "Idea-based company"),
    ),
    (OrganisationKind.COOPERATIVE.value, pgettext_lazy("organisation kind", "Cooperative")),
    (OrganisationKind.NETWORK.value, pgettext_lazy("organisation kind", "Network")),
    (OrganisationKind.UMBRELLA.value, pgettext_lazy("organisation kind", "Umbrella organisation")),
    (OrganisationKind.OTHER.value, pgettext_lazy("organisation kind", "Other")),
]

# The words of the feeds (wagtail_civil.feed_words), so a kind has one name everywhere.
MEETING_KIND_CHOICES = [(kind.value, kind_label(kind)) for kind in MeetingKind]

ATTENDANCE_MODE_CHOICES = [
    (AttendanceMode.IN_PERSON.value, pgettext_lazy("attendance mode", "In person")),
    (AttendanceMode.ONLINE.value, pgettext_lazy("attendance mode", "Online")),
    (
        AttendanceMode.HYBRID.value,
        pgettext_lazy("attendance mode", "In person and online (hybrid)"),
    ),
]

EVENT_STATUS_CHOICES = [
    (EventStatus.SCHEDULED.value, pgettext_lazy("meeting status", "Scheduled")),
    (EventStatus.RESCHEDULED.value, pgettext_lazy("meeting status", "Rescheduled")),
    (EventStatus.MOVED_ONLINE.value, pgettext_lazy("meeting status", "Moved online")),
    (EventStatus.POSTPONED.value, pgettext_lazy("meeting status", "Postponed")),
    (EventStatus.CANCELLED.value, pgettext_lazy("meeting status", "Cancelled")),
]

REGISTRATION_KIND_CHOICES = [
    (RegistrationKind.NONE.value, pgettext_lazy("meeting sign-up", "No registration")),
    (
        RegistrationKind.EXTERNAL.value,
        pgettext_lazy("meeting sign-up", "Registration through a link"),
    ),
    (
        RegistrationKind.BUILT_IN.value,
        pgettext_lazy("meeting sign-up", "Registration on this page"),
    ),
]

REGISTRATION_STATUS_CHOICES = [
    (RegistrationStatus.CONFIRMED.value, pgettext_lazy("registration status", "Confirmed")),
    (RegistrationStatus.WAITLISTED.value, pgettext_lazy("registration status", "On the waitlist")),
    (RegistrationStatus.CANCELLED.value, pgettext_lazy("registration status", "Cancelled")),
]

REGISTRATION_SOURCE_CHOICES = [
    (RegistrationSource.WEB.value, pgettext_lazy("how a registration was made", "On the web")),
    (RegistrationSource.PHONE.value, pgettext_lazy("how a registration was made", "By phone")),
    (RegistrationSource.DESK.value, pgettext_lazy("how a registration was made", "At the desk")),
]

AGREEMENT_STATUS_CHOICES = [
    (AgreementStatus.DRAFT.value, pgettext_lazy("agreement status", "Draft")),
    (AgreementStatus.OPEN_FOR_SIGNING.value, pgettext_lazy("agreement status", "Open for signing")),
    (AgreementStatus.IN_FORCE.value, pgettext_lazy("agreement status", "In force")),
    (AgreementStatus.EXPIRED.value, pgettext_lazy("agreement status", "Expired")),
]

COUNTRY_CHOICES = [
    (Country.SWEDEN.value, _("Sweden")),
    (Country.NORWAY.value, _("Norway")),
]

COUNCIL_KIND_CHOICES = [
    (CouncilKind.COUNCIL.value, pgettext_lazy("council kind", "Council (samråd)")),
    (CouncilKind.STEERING_GROUP.value, pgettext_lazy("council kind", "Steering group")),
    (CouncilKind.WORKING_GROUP.value, pgettext_lazy("council kind", "Working group")),
    (CouncilKind.REFERENCE_GROUP.value, pgettext_lazy("council kind", "Reference group")),
]

SEAT_REPRESENTS_CHOICES = [
    (
        SeatRepresents.CATEGORY.value,
        pgettext_lazy("council seat represents", "A category of organisations"),
    ),
    (
        SeatRepresents.ORGANISATION.value,
        pgettext_lazy("council seat represents", "An organisation"),
    ),
    (
        SeatRepresents.MUNICIPALITY.value,
        pgettext_lazy("council seat represents", "The municipality"),
    ),
]

COUNCIL_ROLE_CHOICES = [
    (CouncilRole.CHAIR.value, pgettext_lazy("council role", "Chair")),
    (CouncilRole.VICE_CHAIR.value, pgettext_lazy("council role", "Vice chair")),
    (CouncilRole.SECRETARY.value, pgettext_lazy("council role", "Secretary")),
    (CouncilRole.MEMBER.value, pgettext_lazy("council role", "Member")),
]

COMMITMENT_STATE_CHOICES = [
    (CommitmentState.MET.value, pgettext_lazy("commitment progress", "Met")),
    (CommitmentState.ON_TRACK.value, pgettext_lazy("commitment progress", "On track")),
    (CommitmentState.AT_RISK.value, pgettext_lazy("commitment progress", "At risk")),
    (CommitmentState.MISSED.value, pgettext_lazy("commitment progress", "Missed")),
]

ACTION_STATUS_CHOICES = [
    (ActionStatus.NOT_STARTED.value, pgettext_lazy("action status", "Not started")),
    (ActionStatus.STARTED.value, pgettext_lazy("action status", "Started")),
    (ActionStatus.UNDER_WAY.value, pgettext_lazy("action status", "Under way")),
    (ActionStatus.DONE.value, pgettext_lazy("action status", "Done")),
    (ActionStatus.POSTPONED.value, pgettext_lazy("action status", "Postponed")),
    (ActionStatus.DROPPED.value, pgettext_lazy("action status", "Dropped")),
]

SIGNING_REQUEST_STATUS_CHOICES = [
    (SigningRequestStatus.PENDING.value, pgettext_lazy("signing request status", "Waiting")),
    (SigningRequestStatus.APPROVED.value, pgettext_lazy("signing request status", "Approved")),
    (SigningRequestStatus.REJECTED.value, pgettext_lazy("signing request status", "Rejected")),
]

VOLUNTEER_NEED_TIMING_CHOICES = [
    (VolunteerNeedTiming.ONE_OFF.value, pgettext_lazy("volunteer need", "One-off, on a date")),
    (VolunteerNeedTiming.ONGOING.value, pgettext_lazy("volunteer need", "Ongoing")),
]

VOLUNTEER_NEED_STATE_LABELS = {
    VolunteerNeedState.OPEN.value: pgettext_lazy("volunteer need state", "Open for offers"),
    VolunteerNeedState.FILLED.value: pgettext_lazy("volunteer need state", "Filled"),
    VolunteerNeedState.CLOSED.value: pgettext_lazy("volunteer need state", "Closed"),
}

VOLUNTEER_OFFER_STATUS_CHOICES = [
    (VolunteerOfferStatus.NEW.value, pgettext_lazy("volunteer offer status", "New")),
    (VolunteerOfferStatus.ANSWERED.value, pgettext_lazy("volunteer offer status", "Answered")),
    (VolunteerOfferStatus.ACCEPTED.value, pgettext_lazy("volunteer offer status", "Accepted")),
    (VolunteerOfferStatus.DECLINED.value, pgettext_lazy("volunteer offer status", "Declined")),
]

# The accessibility statement's words (EU 2016/2102's model statement; DIGG's "helt / delvis /
# inte förenlig", uustatus.no's "i samsvar"). The statement is no part of the core's domain, so
# the values are the app's own.
ACCESSIBILITY_CONFORMANCE_CHOICES = [
    ("full", pgettext_lazy("accessibility conformance", "Fully compliant")),
    ("partial", pgettext_lazy("accessibility conformance", "Partially compliant")),
    ("none", pgettext_lazy("accessibility conformance", "Not compliant")),
]

ACCESSIBILITY_GAP_REASON_CHOICES = [
    ("not_yet_fixed", pgettext_lazy("accessibility gap reason", "Not yet fixed")),
    ("disproportionate", pgettext_lazy("accessibility gap reason", "Disproportionate burden")),
    ("out_of_scope", pgettext_lazy("accessibility gap reason", "Not within the law's scope")),
]

ACCESSIBILITY_ASSESSMENT_CHOICES = [
    ("self", pgettext_lazy("accessibility assessment", "Self-assessment")),
    ("third_party", pgettext_lazy("accessibility assessment", "Assessment by a third party")),
]

ACCESSIBILITY_REPORT_STATUS_CHOICES = [
    ("new", pgettext_lazy("accessibility report status", "New")),
    ("answered", pgettext_lazy("accessibility report status", "Answered")),
]
