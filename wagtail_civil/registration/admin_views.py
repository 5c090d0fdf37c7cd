"""The admin's registration listings: the meetings that take registrations, and one meeting's.

Both are Wagtail's generic ``IndexView``, so search, the status filter, sorting, paging and the
CSV / XLSX export behave as in every other admin listing. An editor who may edit the meeting but
not see personal data gets the counts alone (see :mod:`.admin_access`).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton, ListingButton

from civilsamhalle.enums import RegistrationStatus

from ..choices import REGISTRATION_STATUS_CHOICES
from ..models import MeetingPage, Registration
from .admin_access import editable_meeting, editable_meetings, may_see_personal_data
from .admin_rows import EXPORT_FIELDS, field_label, organisation_text, status_counts

__all__ = [
    "MeetingRegistrationsView",
    "MeetingViewMixin",
    "RegistrationFilterSet",
    "RegistrationIndexView",
]

Status = RegistrationStatus
URL_NAMESPACE = "wagtail_civil_registrations"


def url(name: str, *args: Any) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def _count(status: Status) -> Count:
    return Count("registrations", filter=Q(registrations__status=status.value))


class MeetingRegistrationsView(IndexView):
    """The menu's page: every meeting the editor may edit that takes registrations, counted."""

    model = MeetingPage
    # The queryset holds only meetings the user may edit; no model-wide permission is asked.
    permission_policy = None
    any_permission_required = None
    index_url_name = f"{URL_NAMESPACE}:meetings"
    index_results_url_name = f"{URL_NAMESPACE}:meetings_results"
    page_title = _("Registrations")
    header_icon = "list-ul"
    default_ordering = "-start"
    paginate_by = 50
    is_searchable = False
    list_filter: list[str] = []

    @cached_property
    def verbose_name_plural(self) -> Any:
        return MeetingPage._meta.verbose_name_plural

    def get_base_queryset(self) -> Any:
        return editable_meetings(self.request.user).annotate(
            confirmed=_count(Status.CONFIRMED),
            waitlisted=_count(Status.WAITLISTED),
            cancelled=_count(Status.CANCELLED),
        )

    def get_edit_url(self, instance: MeetingPage) -> str:
        return url("index", instance.pk)

    def get_list_more_buttons(self, instance: MeetingPage) -> list[Any]:
        return []

    @cached_property
    def columns(self) -> list[Any]:
        labels = dict(REGISTRATION_STATUS_CHOICES)
        return [
            self._get_title_column("title"),
            DateColumn(
                "start",
                label=capfirst(MeetingPage._meta.get_field("start").verbose_name),
                sort_key="start",
            ),  # fmt: skip
            Column(
                "registration_capacity",
                label=capfirst(MeetingPage._meta.get_field("registration_capacity").verbose_name),
            ),
            Column("confirmed", label=labels[Status.CONFIRMED.value]),
            Column("waitlisted", label=labels[Status.WAITLISTED.value]),
            Column("cancelled", label=labels[Status.CANCELLED.value]),
        ]


class RegistrationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=REGISTRATION_STATUS_CHOICES, empty_label=_("All")
    )

    class Meta:
        model = Registration
        fields = ["status"]


class RegistrationIndexView(IndexView):
    """One meeting's registrations with counts, search, the status filter and the exports.

    Without the personal-data permission the page shows the counts only, and the results,
    the search and the exports answer 403.
    """

    model = Registration
    permission_policy = None  # asked per meeting in dispatch()
    any_permission_required = None
    template_name = "wagtail_civil/admin/registrations/index.html"
    header_icon = "list-ul"
    default_ordering = "created_at"
    paginate_by = 100
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "phone", "organisation_name", "organisation__name"]
    search_backend_name = None  # the database's own icontains: a registration is not indexed
    list_export = list(EXPORT_FIELDS)
    export_headings = {name: heading for name, (heading, _value) in EXPORT_FIELDS.items()}
    custom_field_preprocess = {
        "created_at": {"csv": lambda value: value.strftime("%Y-%m-%d %H:%M") if value else ""}
    }

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.meeting = editable_meeting(request.user, kwargs["meeting_id"])
        self.personal = may_see_personal_data(request.user)
        if not self.personal and (self.is_export or self.results_only or request.GET):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def search_queryset(self, queryset: Any) -> Any:
        """Also as typed in lower, upper and title case: SQLite compares only ASCII letters
        without case, so "öberg" would miss "Öberg" there (PostgreSQL needs none of it)."""
        if not self.is_searching:
            return queryset
        typed = self.search_query
        spellings = {typed, typed.lower(), typed.upper(), typed.title(), typed.capitalize()}
        query = Q()
        for field in self.search_fields:
            for spelling in spellings:
                query |= Q(**{f"{field}__icontains": spelling})
        return queryset.filter(query)

    def get_template_names(self) -> list[str]:
        if not self.personal:
            return ["wagtail_civil/admin/registrations/counts.html"]
        return super().get_template_names()

    def get_base_queryset(self) -> Any:
        if not self.personal:
            return Registration.objects.none()
        return Registration.objects.filter(meeting=self.meeting).select_related("organisation")

    def get_page_title(self) -> str:
        return str(_("Registrations"))

    def get_page_subtitle(self) -> str:
        return self.meeting.title

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return self.breadcrumbs_items + [
            {"url": url("meetings"), "label": _("Registrations")},
            {"url": "", "label": self.meeting.title},
        ]

    def get_index_url(self) -> str:
        return url("index", self.meeting.pk)

    def get_index_results_url(self) -> str:
        return url("index_results", self.meeting.pk)

    def get_filename(self) -> str:
        return f"{slugify(self.meeting.title) or 'meeting'}-{self.meeting.pk}-registrations"

    def to_row_dict(self, item: Registration) -> dict[str, Any]:
        return {name: value(item) for name, (_heading, value) in EXPORT_FIELDS.items()}

    @cached_property
    def show_export_buttons(self) -> bool:
        return self.personal

    @cached_property
    def is_searchable(self) -> bool:
        return self.personal

    @cached_property
    def header_buttons(self) -> list[Any]:
        if not self.personal:
            return []
        pk = self.meeting.pk
        return [
            HeaderButton(_("Add by hand"), url=url("add", pk), icon_name="plus", priority=10),
            HeaderButton(
                _("Mark attendance"), url=url("attendance", pk), icon_name="tick", priority=20
            ),
            HeaderButton(
                _("Print attendance list"),
                url=url("attendance_print", pk),
                icon_name="doc-full",
                priority=30,
            ),
        ]

    def get_list_more_buttons(self, instance: Registration) -> list[Any]:
        pk, name = self.meeting.pk, instance.name
        buttons = [
            ListingButton(
                _("Print confirmation"),
                url=url("confirmation", pk, instance.pk),
                icon_name="doc-full",
                attrs={"aria-label": _("Print the confirmation for %(name)s") % {"name": name}},
                priority=10,
            )
        ]
        if instance.is_active:
            buttons.append(
                ListingButton(
                    pgettext_lazy("cancel a registration", "Cancel"),
                    url=url("cancel", pk, instance.pk),
                    icon_name="cross",
                    attrs={"aria-label": _("Cancel the registration of %(name)s") % {"name": name}},
                    priority=20,
                )
            )
        return buttons

    @cached_property
    def columns(self) -> list[Any]:
        return [
            self._get_title_column("name"),
            Column("organisation", label=field_label("organisation"), accessor=organisation_text),
            Column("email", label=field_label("email")),
            Column("phone", label=field_label("phone")),
            Column(
                "status",
                label=field_label("status"),
                accessor="get_status_display",
                sort_key="status",
            ),  # fmt: skip
            Column("needs", label=_("Needs"), accessor=_needs),
            DateColumn("created_at", label=field_label("created_at"), sort_key="created_at"),
            BooleanColumn("attended", label=field_label("attended")),
        ]

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(*args, **kwargs)
        context.update(meeting=self.meeting, counts=status_counts(self.meeting))
        context["personal"] = self.personal
        return context


def _needs(registration: Registration) -> str:
    return " · ".join(n for n in (registration.access_needs, registration.dietary_needs) if n)


class MeetingViewMixin(WagtailAdminTemplateMixin):
    """A view of one meeting's registrations, for editors who may see personal data."""

    header_icon = "list-ul"

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.meeting: MeetingPage = editable_meeting(
            request.user, kwargs["meeting_id"], personal=True
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.meeting.title

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return self.breadcrumbs_items + [
            {"url": url("meetings"), "label": _("Registrations")},
            {"url": url("index", self.meeting.pk), "label": self.meeting.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(meeting=self.meeting, **kwargs)
