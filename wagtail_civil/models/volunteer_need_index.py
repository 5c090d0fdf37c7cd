"""The list of volunteer needs, with the "report a need" and "offer help" forms as routes.

``""`` lists the open needs (filterable, paginated), ``report/`` takes a need from anyone as a
draft for editors, ``offer/`` takes a general offer of help. The forms' work is in
:mod:`wagtail_civil.volunteering.pages`, imported when needed (it imports the models).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..feed_urls import feed_path, feed_urls
from ..filters import VolunteerNeedFilterSet
from .mixins import ListPageMixin, paginate
from .volunteer_needs import VolunteerNeedPage, VolunteerNeedQuerySet

__all__ = ["VolunteerNeedIndexPage"]


class VolunteerNeedIndexPage(RoutablePageMixin, ListPageMixin, Page):
    """Holds the volunteer need pages; lists its own published, public, open children."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the list, e.g. who may post a need and how offers are handled."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("needs per page"), default=20, help_text=_("How many to list on one page.")
    )
    takes_reports = models.BooleanField(
        _("take needs reported by the public"),
        default=True,
        help_text=_(
            "Offer a form where an association reports a need. It becomes a draft here, "
            "published only when an editor has checked it."
        ),
    )
    takes_general_offers = models.BooleanField(
        _("take general offers of help"),
        default=True,
        help_text=_("Offer a form where a resident offers help without choosing a need."),
    )

    subpage_types = ["wagtail_civil.VolunteerNeedPage"]
    filterset_class = VolunteerNeedFilterSet

    content_panels = ListPageMixin.content_panels + [
        FieldPanel("takes_reports"),
        FieldPanel("takes_general_offers"),
    ]
    api_fields = ListPageMixin.api_fields + [
        APIField("takes_reports"),
        APIField("takes_general_offers"),
    ]

    template = "wagtail_civil/volunteer_need_index_page.html"

    class Meta:
        verbose_name = _("volunteer need list")
        verbose_name_plural = _("volunteer need lists")

    def get_needs(self) -> VolunteerNeedQuerySet:
        """This list's published, public needs, open or not (override to show others too)."""
        return VolunteerNeedPage.objects.child_of(self).for_list()

    def get_filterset(self, request: HttpRequest, queryset: Any, now: Any) -> Any:
        areas = (
            VolunteerNeedPage.objects.child_of(self).live().exclude(area="")
            .order_by("area").values_list("area", flat=True).distinct()
        )  # fmt: skip
        return self.filterset_class(
            request.GET or None, queryset=queryset, request=request, areas=areas, now=now
        )

    def feed_links(self, request: HttpRequest) -> dict[str, str] | None:
        """The calendar of this list's one-off needs, as webcal:// and https:// addresses."""
        found = feed_path("volunteer_needs", self)
        return feed_urls(request, found) if found else None

    @path("", name="list")
    def needs_list(self, request: HttpRequest) -> TemplateResponse:
        now = timezone.now()
        needs = self.get_needs().open_at(now).in_order()
        filterset = self.get_filterset(request, needs, now)
        return self.render(
            request,
            context_overrides={
                "filter": filterset,
                "needs": paginate(request, filterset.qs, self.per_page),
                "feed_links": self.feed_links(request),
            },
        )

    @path("report/", name="report")
    def report(self, request: HttpRequest) -> HttpResponse:
        from ..volunteering.pages import serve_report

        return serve_report(self, request)

    @path("offer/", name="offer")
    def general_offer(self, request: HttpRequest) -> HttpResponse:
        from ..volunteering.pages import serve_general_offer

        return serve_general_offer(self, request)
