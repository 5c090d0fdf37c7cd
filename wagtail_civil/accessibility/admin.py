"""Accessibility reports in the admin: a listing, and each report to read and mark answered.

Seeing the listing needs "Can view accessibility report", marking one answered "Can change";
the description, name and email are personal data, shown only to users who also hold "Can see
the personal data of accessibility reports" (who are the ones emailed a new report). Reports
come from the public form and go by the retention command, so nobody adds or deletes them here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from ..models import AccessibilityReport
from ..volunteering.admin import PersonalColumn
from .emails import PERSONAL_DATA_PERMISSION

__all__ = ["AccessibilityReportViewSet", "REPORT_POLICY", "register_report_policy"]

URL_NAMESPACE = "wagtail_civil_accessibility_reports"


class ReportPermissionPolicy(ModelPermissionPolicy):
    """The model's view and change permissions; adding and deleting are nobody's."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


REPORT_POLICY = ReportPermissionPolicy(AccessibilityReport)


class _PersonalColumn(PersonalColumn):
    """Hidden without the accessibility reports' own personal-data permission."""

    def get_cell_context_data(self, instance: Any, parent_context: Any) -> dict[str, Any]:
        context = Column.get_cell_context_data(self, instance, parent_context)
        request = parent_context.get("request")
        if request is None or not request.user.has_perm(PERSONAL_DATA_PERMISSION):
            context["value"] = _("(hidden)")
        elif instance.erased_at is not None:
            context["value"] = _("(personal data deleted)")
        return context


def _personal(name: str) -> FieldPanel:
    return FieldPanel(name, read_only=True, permission=PERSONAL_DATA_PERMISSION)


class ReportEditView(generic.EditView):
    def save_instance(self) -> AccessibilityReport:
        report = super().save_instance()
        if "status" in self.form.changed_data:
            report.answered_at = timezone.now() if report.status == "answered" else None
            report.save(update_fields=["answered_at"])
        return report


class ReportIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet:
        return super().get_base_queryset().select_related("statement")


class AccessibilityReportViewSet(ModelViewSet):
    model = AccessibilityReport
    name = URL_NAMESPACE
    icon = "warning"
    menu_label = _("Accessibility reports")
    menu_name = "accessibility-reports"
    menu_order = 275
    add_to_admin_menu = True
    url_prefix = "accessibility-reports"
    index_view_class = ReportIndexView
    edit_view_class = ReportEditView
    list_filter = ["status"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "page_url",
        _PersonalColumn("description", label=_("Problem")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Sent")),
        DateColumn("answered_at", label=_("Answered")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("page_url", read_only=True),
            MultiFieldPanel(
                [_personal(name) for name in ("description", "name", "email")],
                heading=_("The report"),
            ),
            FieldPanel("status"),
        ],
        base_form_class=WagtailAdminModelForm,
    )
    permission_policy = REPORT_POLICY

    def get_permissions_to_register(self) -> QuerySet:
        """View (the listing), change (mark answered) and the personal data, in the group
        editor; add and delete would grant nothing."""
        from django.contrib.auth.models import Permission

        return Permission.objects.filter(
            content_type__app_label="wagtail_civil",
            codename__in=[
                "view_accessibilityreport",
                "change_accessibilityreport",
                "view_accessibility_report_personal_data",
            ],
        )


def register_report_policy() -> None:
    """Register :data:`REPORT_POLICY` with Wagtail 8's policy registry (7.0 has none)."""
    try:
        from wagtail.permissions import register_permission_policy
    except ImportError:
        return
    register_permission_policy(AccessibilityReport, REPORT_POLICY, exact_class=True)
