"""The app's models, one module per concept, re-exported here for ``wagtail_civil.models.X``."""

from .agreements import (
    AgreementCommitment,
    AgreementPage,
    AgreementSignature,
    PrincipleBlock,
    SteeringGroupMember,
)
from .categories import OrganisationCategory
from .feed_stamp import FeedStamp
from .meeting_index import MeetingIndexPage
from .meeting_parts import MeetingAttendance, MeetingHost, MeetingProgrammeItem, MeetingSpeaker
from .meeting_queryset import MeetingPageManager, MeetingPageQuerySet
from .meetings import MeetingPage
from .organisation_index import OrganisationIndexPage
from .organisations import Organisation, OrganisationAreaTag, OrganisationQuerySet
from .registrations import Registration, RegistrationQuerySet, SeatLock
from .signing_requests import SigningRequest, SigningRequestQuerySet
from .units import MunicipalUnit

__all__ = [
    "AgreementCommitment",
    "AgreementPage",
    "AgreementSignature",
    "FeedStamp",
    "MeetingAttendance",
    "MeetingHost",
    "MeetingIndexPage",
    "MeetingPage",
    "MeetingPageManager",
    "MeetingPageQuerySet",
    "MeetingProgrammeItem",
    "MeetingSpeaker",
    "MunicipalUnit",
    "Organisation",
    "OrganisationAreaTag",
    "OrganisationCategory",
    "OrganisationIndexPage",
    "OrganisationQuerySet",
    "PrincipleBlock",
    "Registration",
    "RegistrationQuerySet",
    "SeatLock",
    "SigningRequest",
    "SigningRequestQuerySet",
    "SteeringGroupMember",
]
