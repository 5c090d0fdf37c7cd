"""The regional calendar page: this site's meetings and those of the sites it follows in one
list (``""``) and one feed, and their agreements in one overview (``agreements/``).

Followed content is read from the copies the fetch keeps (:mod:`..federation`); the page never
fetches while a resident waits, and says how old each copy is.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from ..feed_urls import feed_path, feed_urls
from ..sites import site_name

__all__ = ["RegionalCalendarPage", "SourceForm"]


class SourceForm(forms.Form):
    """``?source=``: one source's part only. A bad value is a field error and filters nothing."""

    source = forms.ChoiceField(label=_("Source"), required=False)

    def __init__(self, data: Any, *, choices: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["source"].choices = [("", _("All sources")), *choices]

    def chosen(self) -> str | None:
        return (self.cleaned_data.get("source") or None) if self.is_valid() else None


class _Filter:
    """What the shared filter include reads (``form``, ``is_bound``)."""

    def __init__(self, form: SourceForm) -> None:
        self.form, self.is_bound = form, form.is_bound


class RegionalCalendarPage(RoutablePageMixin, Page):
    """Meetings and agreements of this site and of the active followed sites (a snippet)."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the list, e.g. which municipalities the calendar covers."),
    )
    include_own = models.BooleanField(
        _("include this site's own meetings and agreements"), default=True
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("include_own")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("include_own")]
    subpage_types: list[str] = []
    template = "wagtail_civil/regional_calendar_page.html"

    class Meta:
        verbose_name = _("regional calendar")
        verbose_name_plural = _("regional calendars")

    def source_form(self, request: HttpRequest) -> SourceForm:
        from ..federation.regional import OWN, followed_sites

        choices = [(str(s.pk), s.name) for s in followed_sites()]
        if self.include_own:
            site = Site.find_for_request(request)
            choices.insert(0, (OWN, site_name(site, request)))
        return SourceForm(request.GET or None, choices=choices)

    def feed_links(self, request: HttpRequest) -> dict[str, str] | None:
        found = feed_path("regional", self)
        return feed_urls(request, found) if found else None

    def _render(self, request: HttpRequest, template: str, **context: Any) -> TemplateResponse:
        from ..federation.regional import followed_sites, source_states

        form = self.source_form(request)
        return self.render(
            request,
            template=template,
            context_overrides={
                "filter": _Filter(form),
                "source": form.chosen(),
                "sources": source_states(followed_sites()),
                "feed_links": self.feed_links(request),
                **context,
            },
        )

    @path("", name="list")
    def meeting_list(self, request: HttpRequest) -> TemplateResponse:
        from ..federation.regional import regional_meetings

        source = self.source_form(request).chosen()
        meetings = regional_meetings(
            request, since=timezone.now(), source=source, own=self.include_own
        )
        return self._render(request, self.template, meetings=meetings)

    @path("agreements/", name="agreements")
    def agreements(self, request: HttpRequest) -> TemplateResponse:
        from ..federation.regional import regional_agreements

        source = self.source_form(request).chosen()
        found = regional_agreements(request, source=source, own=self.include_own)
        return self._render(request, "wagtail_civil/regional_agreements.html", agreements=found)
