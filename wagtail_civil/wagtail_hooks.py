"""The admin: organisations and their categories under one "Civil society" menu.

The view sets name no ``search_fields``: both models are indexed, so the listings and choosers
search through Wagtail's search backend with the models' own ``search_fields`` (the name as you
type it). Naming fields on the view set would hand them to the backend as the fields to narrow a
search to, which the database backend cannot do (SQLite answered "no such column: name").
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, OrganisationCategory

__all__ = ["CivilSocietyViewSetGroup", "OrganisationCategoryViewSet", "OrganisationViewSet"]


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


class CivilSocietyViewSetGroup(SnippetViewSetGroup):
    """One menu item for the register, placed next to Pages where editors look for content."""

    items = (OrganisationViewSet, OrganisationCategoryViewSet)
    menu_label = _("Civil society")
    menu_icon = "group"
    menu_name = "civil-society"
    menu_order = 250


register_snippet(CivilSocietyViewSetGroup)
