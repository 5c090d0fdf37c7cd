"""The list of meetings: upcoming at ``""``, held at ``"past/"``, filterable and paginated; the
same meetings by month at ``"month/"``, and on paper for a notice board at ``"month/print/"``."""

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

from .. import month_calendar
from ..filters import MeetingFilterSet, chosen_filters, filter_query
from ..printing import qr_svg, readable_url
from ..sites import absolute_url
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
        """Every route and the downloads, so a front-end cache purge of the list (Wagtail's and
        ours) covers them all."""
        return [
            "/",
            "/past/",
            "/month/",
            "/month/print/",
            "/download/csv/",
            "/download/csv/?delimiter=semicolon",
        ]

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
                "filter_query": filter_query(filterset),
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

    # --- the month ------------------------------------------------------------------------------

    def get_month_meetings(
        self, month: month_calendar.Month, meetings: models.QuerySet | None = None
    ) -> list[Any]:
        """The meetings shown in ``month``: ``meetings`` (the view passes this list's
        ``get_meetings()`` after its filters) that take place in it, cancelled ones while they are
        still shown in the list (``visible()``)."""
        if meetings is None:
            meetings = self.get_meetings()
        return list(month_calendar.meetings_in(meetings.visible(timezone.now()), month))

    def _month(self, request: HttpRequest, *, printing: bool) -> HttpResponse:
        """The month of ``?month=YYYY-MM`` (this month without it), narrowed by the list's
        filters. Another month value is a 400 that says so and links to this month. A filter
        value that does not validate is, as on the list, an error beside its field in the month
        view's form; the print has no form, so there it is a 400 that names it (as a download)."""
        template = (
            "wagtail_civil/meeting_month_print.html"
            if printing
            else "wagtail_civil/meeting_month.html"
        )
        filterset = self.get_filterset(request, self.get_meetings())
        context: dict[str, Any] = {
            "filter": filterset,
            "chosen_filters": chosen_filters(filterset),
            "filter_query": filter_query(filterset),
        }
        try:
            month = month_calendar.parse_month(request.GET.get("month"))
        except month_calendar.BadMonth:
            context["bad_month"] = True
        else:
            context["month"] = month
        if printing and filterset.is_bound and filterset.errors:
            context["bad_filter"] = True
        if context.get("bad_month") or context.get("bad_filter"):
            response = self.render(request, template=template, context_overrides=context)
            response.status_code = 400
            return response
        meetings = self.get_month_meetings(month, filterset.qs)
        context.update(
            month_start=month.first,
            meetings=meetings,
            weeks=month_calendar.month_weeks(month, meetings, month_calendar.today()),
            weekdays=month_calendar.weekday_names(),
        )
        if printing:
            month_url = absolute_url(self, request)
            if month_url:
                month_url += self.reverse_subpage("month").lstrip("/") + month_calendar.month_query(
                    context["filter_query"], month
                )
                context.update(
                    month_url=month_url,
                    month_url_text=readable_url(month_url),
                    qr_code=qr_svg(month_url),
                )
        return self.render(request, template=template, context_overrides=context)

    @path("month/", name="month")
    def month(self, request: HttpRequest) -> HttpResponse:
        return self._month(request, printing=False)

    @path("month/print/", name="month_print")
    def month_print(self, request: HttpRequest) -> HttpResponse:
        return self._month(request, printing=True)
