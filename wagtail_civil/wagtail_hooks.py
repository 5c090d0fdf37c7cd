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
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import MunicipalUnit, Organisation, OrganisationCategory
from .registration.admin_viewset import RegistrationViewSet, meeting_buttons
from .volunteering.admin import VolunteerOfferViewSet, register_offer_policy

__all__ = [
    "CivilSocietyViewSetGroup",
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


class CivilSocietyViewSetGroup(SnippetViewSetGroup):
    """One menu item for the register, placed next to Pages where editors look for content."""

    items = (OrganisationViewSet, OrganisationCategoryViewSet, MunicipalUnitViewSet)
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


register_offer_policy()


@hooks.register("register_admin_viewset")
def register_volunteer_offers() -> VolunteerOfferViewSet:
    return VolunteerOfferViewSet()
