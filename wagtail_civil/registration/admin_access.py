"""Who may see what of a meeting's registrations in the admin.

A meeting's registrations belong to the page: whoever can edit the meeting sees how many have
registered. Names, contact details and needs are personal data: only users who also hold
``wagtail_civil.view_registration_personal_data`` see them, export them, add, cancel or mark
registrations (docs/registration.md).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from wagtail.permissions import page_permission_policy

from civilsamhalle.enums import RegistrationKind

from ..models import MeetingPage, Registration

__all__ = [
    "PERSONAL_DATA_PERMISSION",
    "editable_meeting",
    "editable_meetings",
    "may_see_personal_data",
]

PERSONAL_DATA_PERMISSION = "wagtail_civil.view_registration_personal_data"


def may_see_personal_data(user: Any) -> bool:
    return bool(user.has_perm(PERSONAL_DATA_PERMISSION))


def editable_meetings(user: Any) -> QuerySet[MeetingPage]:
    """Meetings with built-in registration (or registrations from when they had it) whose
    page ``user`` may edit."""
    pages = page_permission_policy.instances_user_has_permission_for(user, "change")
    has_registrations = Exists(Registration.objects.filter(meeting=OuterRef("pk")))
    return MeetingPage.objects.filter(
        Q(registration_kind=RegistrationKind.BUILT_IN.value) | Q(has_registrations),
        pk__in=pages.values("pk"),
    )


def editable_meeting(user: Any, meeting_id: int, *, personal: bool = False) -> MeetingPage:
    """The meeting, if ``user`` may edit its page (and, with ``personal``, see personal data).

    A meeting switched away from built-in registration keeps the registrations it took.
    """
    meeting = get_object_or_404(MeetingPage, pk=meeting_id)
    if not meeting.permissions_for_user(user).can_edit():
        raise PermissionDenied
    if personal and not may_see_personal_data(user):
        raise PermissionDenied
    return meeting
