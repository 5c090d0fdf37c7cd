"""The list of meetings: upcoming at ``""``, held at ``"past/"``, filterable and paginated."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..filters import MeetingFilterSet
from .meetings import MeetingPage
from .mixins import ListPageMixin, paginate

__all__ = ["MeetingIndexPage"]


class MeetingIndexPage(RoutablePageMixin, ListPageMixin, Page):
    """Holds the meeting pages. Lists only its own published, public children.

    Both routes render ``wagtail_civil/meeting_index_page.html``; ``is_past`` tells them apart.
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the list, e.g. who the meetings are for and how to take part."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("meetings per page"), default=20, help_text=_("How many to list on one page.")
    )

    subpage_types = ["wagtail_civil.MeetingPage"]
    filterset_class = MeetingFilterSet

    class Meta:
        verbose_name = _("meeting list")
        verbose_name_plural = _("meeting lists")

    def get_meetings(self) -> models.QuerySet:
        """This list's published, public meetings (override to also show other lists' meetings)."""
        return MeetingPage.objects.child_of(self).for_feed()

    def get_cached_paths(self) -> list[str]:
        """Both routes and the downloads, so a front-end cache purge of the list (Wagtail's and
        ours) covers them all."""
        return ["/", "/past/", "/download/csv/", "/download/csv/?delimiter=semicolon"]

    def get_filterset(self, request: HttpRequest, queryset: models.QuerySet) -> Any:
        return self.filterset_class(request.GET or None, queryset=queryset, request=request)

    def _list(self, request: HttpRequest, *, is_past: bool) -> TemplateResponse:
        now = timezone.now()
        meetings = self.get_meetings()
        meetings = meetings.past(now) if is_past else meetings.upcoming(now)
        filterset = self.get_filterset(request, meetings)
        return self.render(
            request,
            template="wagtail_civil/meeting_index_page.html",
            context_overrides={
                "is_past": is_past,
                "filter": filterset,
                "meetings": paginate(request, filterset.qs, self.per_page),
            },
        )

    @path("", name="upcoming")
    def upcoming(self, request: HttpRequest) -> TemplateResponse:
        return self._list(request, is_past=False)

    @path("past/", name="past")
    def past(self, request: HttpRequest) -> TemplateResponse:
        return self._list(request, is_past=True)

    @path("download/csv/", name="download_csv")
    def download_csv(self, request: HttpRequest) -> HttpResponse:
        """The list's meetings as CSV (docs/open-data.md)."""
        from ..downloads import meetings_csv

        return meetings_csv(self, request)
