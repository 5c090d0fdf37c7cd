"""The admin: organisations and their categories under one "Civil society" menu, and the
registrations for meetings (a menu item, and a button on each meeting that takes them).

The view sets name no ``search_fields``: both models are indexed, so the listings and choosers
search through Wagtail's search backend with the models' own ``search_fields`` (the name as you
type it). Naming fields on the view set would hand them to the backend as the fields to narrow a
search to, which the database backend cannot do (SQLite answered "no such column: name").
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from .accessibility.admin import AccessibilityReportViewSet, register_report_policy
from .federation.admin import FollowedSiteViewSet
from .languages import activate_page_language
from .models import (
    CouncilPage,
    CouncilSeat,
    Liaison,
    MunicipalUnit,
    Organisation,
    OrganisationCategory,
)
from .register_import import OrganisationIndexView
from .registration.admin_viewset import RegistrationViewSet, meeting_buttons
from .signing.admin_viewset import SigningRequestViewSet
from .volunteering.admin import VolunteerOfferViewSet, register_offer_policy

__all__ = [
    "CivilSocietyViewSetGroup",
    "CouncilSeatViewSet",
    "LiaisonViewSet",
    "MunicipalUnitViewSet",
    "OrganisationCategoryViewSet",
    "OrganisationViewSet",
]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 100
    list_display = ["name", "kind", "country", "organisation_number"]
    list_filter = ["kind", "country", "categories"]
    ordering = ["name"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = OrganisationIndexView  # with "Import from a register"


class OrganisationCategoryViewSet(SnippetViewSet):
    model = OrganisationCategory
    icon = "tag"
    menu_label = _("Categories")
    menu_order = 200
    list_display = ["name", "slug"]
    ordering = ["name"]


class MunicipalUnitViewSet(SnippetViewSet):
    model = MunicipalUnit
    icon = "site"
    menu_label = _("Municipal units")
    menu_order = 300
    list_display = ["name", "email", "phone"]
    ordering = ["name"]


class CouncilSeatCreateView(CreateView):
    """Opened from a council page's "Add a seat" link (``?council=<id>``): that council chosen."""

    def get_initial_form_instance(self) -> Any:
        instance = super().get_initial_form_instance() or self.model()
        council = self.request.GET.get("council", "")
        if council.isdigit() and CouncilPage.objects.filter(pk=council).exists():
            instance.council_id = int(council)
        return instance


class CouncilSeatViewSet(SnippetViewSet):
    """Seats with their holders, listed per council (the council page links each of its own)."""

    model = CouncilSeat
    icon = "user"
    menu_label = _("Council seats")
    menu_order = 400
    add_view_class = CouncilSeatCreateView
    list_display = ["label", "council", "represents"]
    list_filter = ["council", "represents"]
    ordering = ["council", "sort_order", "pk"]
    list_per_page = 50
    copy_view_enabled = False


class LiaisonViewSet(SnippetViewSet):
    model = Liaison
    icon = "user"
    menu_label = _("Liaisons")
    menu_order = 500
    list_display = ["name", "role", "unit", "email"]
    ordering = ["name"]


class CivilSocietyViewSetGroup(SnippetViewSetGroup):
    """One menu item for the register, placed next to Pages where editors look for content."""

    items = (
        OrganisationViewSet,
        OrganisationCategoryViewSet,
        MunicipalUnitViewSet,
        CouncilSeatViewSet,
        LiaisonViewSet,
        FollowedSiteViewSet,
    )
    menu_label = _("Civil society")
    menu_icon = "group"
    menu_name = "civil-society"
    menu_order = 250


register_snippet(CivilSocietyViewSetGroup)


@hooks.register("register_admin_viewset")
def register_registrations() -> RegistrationViewSet:
    return RegistrationViewSet()


@hooks.register("register_permissions")
def registration_permissions() -> Any:
    """Offer "Can see registrants' personal data" in the admin's group editor."""
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="wagtail_civil", codename="view_registration_personal_data"
    )


@hooks.register("register_page_header_buttons")
def registrations_header_button(page: Any, user: Any, view_name: str, next_url: Any = None):
    """Beside Edit, Move, … at the top of a meeting's page in the admin."""
    return meeting_buttons(page, user, priority=40)


@hooks.register("register_page_listing_more_buttons")
def registrations_listing_button(page: Any, user: Any, next_url: Any = None):
    """In the "More" menu of a meeting in the page explorer."""
    return meeting_buttons(page, user, priority=25)


@hooks.register("construct_homepage_panels")
def commitments_panel(request: Any, panels: list[Any]) -> None:
    """Commitments at risk or missed, with a link to plan the missing meeting."""
    from .follow_up.panel import CommitmentsPanel

    panels.append(CommitmentsPanel())


@hooks.register("before_create_page")
def meeting_prefill(request: Any, parent_page: Any, page_class: type) -> None:
    """Fill in the agreement and kind of a meeting planned from the dashboard panel."""
    from .follow_up.prefill import remember

    remember(request, page_class)


@hooks.register("register_admin_urls")
def action_plan_urls() -> list[Any]:
    """The "Copy to next period" view of action plans."""
    from django.urls import include, path

    from . import action_plan_copy

    return [
        path(
            "action-plans/",
            include((action_plan_copy.urlpatterns, action_plan_copy.app_name)),
        )
    ]


@hooks.register("register_admin_urls")
def register_import_urls() -> list[Any]:
    """Upload, preview and confirm an association register's export."""
    from django.urls import include, path

    from . import register_import

    return [
        path(
            "civil-society/import-organisations/",
            include((register_import.urlpatterns, register_import.app_name)),
        )
    ]


@hooks.register("register_page_header_buttons")
def action_plan_header_button(page: Any, user: Any, view_name: str, next_url: Any = None):
    """ "Copy to next period" at the top of an action plan's page in the admin."""
    from .action_plan_copy import copy_plan_buttons

    return copy_plan_buttons(page, user, priority=45)


@hooks.register("register_page_listing_more_buttons")
def action_plan_listing_button(page: Any, user: Any, next_url: Any = None):
    """ "Copy to next period" in the "More" menu of an action plan in the page explorer."""
    from .action_plan_copy import copy_plan_buttons

    return copy_plan_buttons(page, user, priority=30)


@hooks.register("register_admin_viewset")
def register_signing_requests() -> SigningRequestViewSet:
    return SigningRequestViewSet()


@hooks.register("register_permissions")
def signing_request_permissions() -> Any:
    """Offer "Can view signing request" (personal data) and "Can change" (decide) in the
    admin's group editor."""
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="wagtail_civil",
        codename__in=["view_signingrequest", "change_signingrequest"],
    )


register_offer_policy()


@hooks.register("register_admin_viewset")
def register_volunteer_offers() -> VolunteerOfferViewSet:
    return VolunteerOfferViewSet()


register_report_policy()


@hooks.register("register_admin_viewset")
def register_accessibility_reports() -> AccessibilityReportViewSet:
    return AccessibilityReportViewSet()


@hooks.register("before_serve_page")
def read_in_page_language(page: Any, request: Any, serve_args: Any, serve_kwargs: Any) -> None:
    """A page's labels in the page's language, not the browser's (docs/languages.md)."""
    activate_page_language(page, request)
