"""The registrations' place in the admin: their URLs, the menu item, and the buttons on meetings.

A plain ``ViewSet`` rather than a ``ModelViewSet``: a registration is never created, edited or
deleted through a model form, only through :mod:`.seats`, which gives seats in turn.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import Button

from civilsamhalle.enums import RegistrationKind

from ..models import MeetingPage
from .admin_attendance import AttendancePrintView, AttendanceView
from .admin_desk import CancelView, ConfirmationView, SignUpByHandView
from .admin_views import URL_NAMESPACE, MeetingRegistrationsView, RegistrationIndexView, url

__all__ = ["RegistrationViewSet", "meeting_buttons"]


class _RegistrationsMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        """For editors who can edit some page: the listing then shows the meetings they may."""
        from wagtail.permissions import page_permission_policy

        return page_permission_policy.user_has_permission(request.user, "change")


class RegistrationViewSet(ViewSet):
    name = URL_NAMESPACE
    url_prefix = "registrations"
    icon = "list-ul"
    menu_label = _("Registrations")
    menu_name = "registrations"
    menu_order = 260
    add_to_admin_menu = True
    menu_item_class = _RegistrationsMenuItem

    @property
    def menu_url(self) -> str:
        return url("meetings")

    def get_urlpatterns(self) -> list[Any]:
        meetings = MeetingRegistrationsView.as_view
        index = RegistrationIndexView.as_view
        return [
            path("", meetings(), name="meetings"),
            path("results/", meetings(results_only=True), name="meetings_results"),
            path("<int:meeting_id>/", index(), name="index"),
            path("<int:meeting_id>/results/", index(results_only=True), name="index_results"),
            path("<int:meeting_id>/add/", SignUpByHandView.as_view(), name="add"),
            path("<int:meeting_id>/attendance/", AttendanceView.as_view(), name="attendance"),
            path(
                "<int:meeting_id>/attendance/print/",
                AttendancePrintView.as_view(),
                name="attendance_print",
            ),
            path(
                "<int:meeting_id>/<int:pk>/confirmation/",
                ConfirmationView.as_view(),
                name="confirmation",
            ),
            path("<int:meeting_id>/<int:pk>/cancel/", CancelView.as_view(), name="cancel"),
        ]


def meeting_buttons(page: Any, user: Any, priority: int) -> list[Button]:
    """A "Registrations" button for a meeting with built-in registration its user may edit.

    Read from the page as given (the explorer passes specific pages), so no query is made for
    pages of other types.
    """
    if not isinstance(page, MeetingPage):
        return []
    if page.registration_kind != RegistrationKind.BUILT_IN.value:
        return []
    if not page.permissions_for_user(user).can_edit():
        return []
    return [Button(_("Registrations"), url=url("index", page.pk), icon_name="list-ul",
                   priority=priority)]  # fmt: skip
