"""Translated labels for the core's enums.

The values are the core's (``civilsamhalle.model``) so that a stored value turns into a domain enum
without a lookup table; only the labels, which editors and residents read, live here, where Django's
gettext can translate them.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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
    "AGREEMENT_STATUS_CHOICES",
    "ATTENDANCE_MODE_CHOICES",
    "COUNTRY_CHOICES",
    "EVENT_STATUS_CHOICES",
    "MEETING_KIND_CHOICES",
    "ORGANISATION_KIND_CHOICES",
    "REGISTRATION_KIND_CHOICES",
]

ORGANISATION_KIND_CHOICES = [
    (OrganisationKind.ASSOCIATION.value, _("Association")),
    (OrganisationKind.FAITH_COMMUNITY.value, _("Faith community")),
    (OrganisationKind.STUDY_ASSOCIATION.value, _("Study association")),
    (OrganisationKind.FOUNDATION.value, _("Foundation")),
    (OrganisationKind.IDEA_BASED_COMPANY.value, _("Idea-based company")),
    (OrganisationKind.COOPERATIVE.value, _("Cooperative")),
    (OrganisationKind.NETWORK.value, _("Network")),
    (OrganisationKind.UMBRELLA.value, _("Umbrella organisation")),
    (OrganisationKind.OTHER.value, _("Other")),
]

MEETING_KIND_CHOICES = [
    (MeetingKind.DIALOGUE.value, _("Dialogue")),
    (MeetingKind.OPEN_MEETING.value, _("Open meeting")),
    (MeetingKind.HEARING.value, _("Hearing")),
    (MeetingKind.WORKSHOP.value, _("Workshop")),
    (MeetingKind.COUNCIL_MEETING.value, _("Council meeting")),
    (MeetingKind.SIGNING.value, _("Signing")),
]

ATTENDANCE_MODE_CHOICES = [
    (AttendanceMode.IN_PERSON.value, _("In person")),
    (AttendanceMode.ONLINE.value, _("Online")),
    (AttendanceMode.HYBRID.value, _("In person and online (hybrid)")),
]

EVENT_STATUS_CHOICES = [
    (EventStatus.SCHEDULED.value, _("Scheduled")),
    (EventStatus.RESCHEDULED.value, _("Rescheduled")),
    (EventStatus.MOVED_ONLINE.value, _("Moved online")),
    (EventStatus.POSTPONED.value, _("Postponed")),
    (EventStatus.CANCELLED.value, _("Cancelled")),
]

REGISTRATION_KIND_CHOICES = [
    (RegistrationKind.NONE.value, _("No registration")),
    (RegistrationKind.EXTERNAL.value, _("Registration through a link")),
]

AGREEMENT_STATUS_CHOICES = [
    (AgreementStatus.DRAFT.value, _("Draft")),
    (AgreementStatus.OPEN_FOR_SIGNING.value, _("Open for signing")),
    (AgreementStatus.IN_FORCE.value, _("In force")),
    (AgreementStatus.EXPIRED.value, _("Expired")),
]

COUNTRY_CHOICES = [
    (Country.SWEDEN.value, _("Sweden")),
    (Country.NORWAY.value, _("Norway")),
]
