"""The app's models, one module per concept, re-exported here for ``wagtail_civil.models.X``."""

from .accessibility_reports import AccessibilityReport, AccessibilityReportQuerySet
from .accessibility_statement import AccessibilityGap, AccessibilityStatementPage
from .action_plan_actions import ActionStatusChange, MilestoneBlock, PlanAction
from .action_plans import ActionPlanPage
from .agreements import (
    AgreementCommitment,
    AgreementPage,
    AgreementSignature,
    PrincipleBlock,
    SteeringGroupMember,
)
from .categories import OrganisationCategory
from .commitment_notices import CommitmentNotice
from .council_seats import CouncilSeat, CouncilSeatHolder
from .councils import CouncilDocument, CouncilPage
from .federation import FollowedCopy, FollowedItem, FollowedSite
from .feed_stamp import FeedStamp
from .initiative_index import InitiativeIndexPage
from .initiative_parts import (
    InitiativeImage,
    InitiativeMeeting,
    InitiativeOrganisation,
    InitiativeResult,
    InitiativeUnit,
)
from .initiatives import InitiativePage, InitiativePageManager, InitiativePageQuerySet
from .liaisons import Liaison, LiaisonQuerySet
from .meeting_index import MeetingIndexPage
from .meeting_parts import MeetingAttendance, MeetingHost, MeetingProgrammeItem, MeetingSpeaker
from .meeting_queryset import MeetingPageManager, MeetingPageQuerySet
from .meetings import MeetingPage
from .organisation_index import OrganisationIndexPage
from .organisations import Organisation, OrganisationAreaTag, OrganisationQuerySet
from .regional_calendar import RegionalCalendarPage
from .register_import_runs import RegisterImportRun
from .registrations import Registration, RegistrationQuerySet, SeatLock
from .signing_requests import SigningRequest, SigningRequestQuerySet
from .units import MunicipalUnit
from .volunteer_need_index import VolunteerNeedIndexPage
from .volunteer_needs import VolunteerNeedPage, VolunteerNeedQuerySet
from .volunteer_offers import VolunteerOffer, VolunteerOfferQuerySet

__all__ = [
    "AccessibilityGap",
    "AccessibilityReport",
    "AccessibilityReportQuerySet",
    "AccessibilityStatementPage",
    "ActionPlanPage",
    "ActionStatusChange",
    "AgreementCommitment",
    "AgreementPage",
    "AgreementSignature",
    "CouncilDocument",
    "CouncilPage",
    "CouncilSeat",
    "CouncilSeatHolder",
    "FeedStamp",
    "FollowedCopy",
    "FollowedItem",
    "FollowedSite",
    "InitiativeImage",
    "InitiativeIndexPage",
    "InitiativeMeeting",
    "InitiativeOrganisation",
    "InitiativePage",
    "InitiativePageManager",
    "InitiativePageQuerySet",
    "InitiativeResult",
    "InitiativeUnit",
    "CommitmentNotice",
    "Liaison",
    "LiaisonQuerySet",
    "MeetingAttendance",
    "MeetingHost",
    "MeetingIndexPage",
    "MeetingPage",
    "MeetingPageManager",
    "MeetingPageQuerySet",
    "MeetingProgrammeItem",
    "MeetingSpeaker",
    "MilestoneBlock",
    "MunicipalUnit",
    "Organisation",
    "OrganisationAreaTag",
    "OrganisationCategory",
    "OrganisationIndexPage",
    "OrganisationQuerySet",
    "PlanAction",
    "PrincipleBlock",
    "RegionalCalendarPage",
    "RegisterImportRun",
    "Registration",
    "RegistrationQuerySet",
    "SeatLock",
    "SigningRequest",
    "SigningRequestQuerySet",
    "SteeringGroupMember",
    "VolunteerNeedIndexPage",
    "VolunteerNeedPage",
    "VolunteerNeedQuerySet",
    "VolunteerOffer",
    "VolunteerOfferQuerySet",
]
