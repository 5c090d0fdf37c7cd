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
from .units import MunicipalUnit
from .volunteer_need_index import VolunteerNeedIndexPage
from .volunteer_needs import VolunteerNeedPage, VolunteerNeedQuerySet
from .volunteer_offers import VolunteerOffer, VolunteerOfferQuerySet

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
    "SteeringGroupMember",
    "VolunteerNeedIndexPage",
    "VolunteerNeedPage",
    "VolunteerNeedQuerySet",
    "VolunteerOffer",
    "VolunteerOfferQuerySet",
]
