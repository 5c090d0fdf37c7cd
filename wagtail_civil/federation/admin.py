"""Followed sites in the admin (docs/federation.md): the listing shows how each site's fetches
went (:mod:`.status`) beside its settings, and the edit view the same in a read-only panel, so an
editor sees a refused site without reading the server's log."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.template.defaultfilters import yesno
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import SnippetViewSet

try:
    from wagtail.admin.ui.tables import NumberColumn
except ImportError:  # Wagtail 7.0: a plain column (a copy holds far fewer than 1,000 meetings)
    NumberColumn = Column

from ..models import FollowedSite
from .status import status_of, with_status

__all__ = ["FetchStatusPanel", "FollowedSiteViewSet"]


class _SinceColumn(DateColumn):
    """How long ago ("5 minutes ago", the exact time on hover), or "Never"."""

    cell_template_name = "wagtail_civil/admin/federation/since_cell.html"


class FetchStatusPanel(Panel):
    """Read-only: what the site's last fetches brought (``manage.py fetch_followed_sites``)."""

    @property
    def clean_name(self) -> str:
        return super().clean_name or "fetch_status"

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_civil/admin/federation/status_panel.html"

        def is_shown(self) -> bool:
            return getattr(self.instance, "pk", None) is not None

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["status"] = status_of(self.instance)
            return context


class FollowedSiteViewSet(SnippetViewSet):
    """The sites the regional calendar follows, with how their fetches went."""

    model = FollowedSite
    icon = "globe"
    menu_label = _("Followed sites")
    menu_order = 600
    list_display = [
        "name",
        "api_url",
        # "Ja" / "Nej" (Django's words), not "True" in a Swedish admin.
        Column(
            "active",
            label=capfirst(FollowedSite._meta.get_field("active").verbose_name),
            accessor=lambda site: capfirst(yesno(site.active)),
            sort_key="active",
        ),
        _SinceColumn(
            "fetched_at",
            label=_("Last successful fetch"),
            accessor=lambda site: status_of(site).fetched_at,
        ),
        Column("outcome", label=_("Last attempt"), accessor=lambda site: status_of(site).outcome()),
        NumberColumn(
            "meetings",
            label=_("Meetings in the copy"),
            accessor=lambda site: status_of(site).meetings,
        ),
    ]
    ordering = ["name"]
    panels = [*FollowedSite.panels, FetchStatusPanel(heading=_("Fetching"))]

    def get_queryset(self, request: Any) -> QuerySet:
        return with_status(FollowedSite.objects.all())
