"""Stories: collaboration examples and success stories, with partners, a period and results."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from ..validators import RulesCleanMixin
from .initiative_parts import InitiativeImage, InitiativeOrganisation, InitiativeUnit
from .meetings import MeetingPage
from .organisations import Organisation

__all__ = ["InitiativePage", "InitiativePageManager", "InitiativePageQuerySet"]


class InitiativePageQuerySet(PageQuerySet):
    def for_list(self) -> InitiativePageQuerySet:
        """Published, public stories with what a list shows fetched up front.

        The one gate of every public list of stories: drafts, unpublished and view-restricted
        pages never reach one, nor aliases (the same story twice). N stories take the same
        number of queries for any N.
        """
        return (
            self.live()
            .public()
            .filter(alias_of__isnull=True)
            .prefetch_related(
                Prefetch(
                    "partner_links",
                    queryset=InitiativeOrganisation.objects.filter(
                        organisation__live=True
                    ).select_related("organisation"),
                    to_attr="public_partner_links",
                ),
                Prefetch("unit_links", queryset=InitiativeUnit.objects.select_related("unit")),
                "categories",
            )
            .order_by("-start_date", "title")
        )

    def for_organisation(self, organisation: Organisation) -> InitiativePageQuerySet:
        """The stories ``organisation`` is a partner in."""
        return self.filter(partner_links__organisation=organisation).distinct()

    def for_unit(self, unit: Any) -> InitiativePageQuerySet:
        """The stories a municipal unit takes part in."""
        return self.filter(unit_links__unit=unit).distinct()

    def for_category(self, category: Any) -> InitiativePageQuerySet:
        """The stories of a category of civil society."""
        return self.filter(categories=category).distinct()


InitiativePageManager = PageManager.from_queryset(InitiativePageQuerySet)


class InitiativePage(RulesCleanMixin, Page):
    """A collaboration example: who did it together, when, and what came of it, in figures.

    Categories are the register's :class:`OrganisationCategory` (the groups of civil society
    that hold council seats): "the senior associations ran Ring en vän" is a story of the
    pensioners' organisations even when none of them is named, and the directory, the council
    and the stories then share one set of words editors keep up.
    """

    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("One or two sentences, shown in lists of stories and on the organisations' "
                    "pages."),
    )
    body = RichTextField(
        _("story"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        help_text=_("What was done, by whom and for whom."),
    )
    start_date = models.DateField(_("from"), help_text=_("When the collaboration began."))
    end_date = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the collaboration goes on."),
    )
    categories = ParentalManyToManyField(
        "wagtail_civil.OrganisationCategory",
        blank=True,
        related_name="initiatives",
        verbose_name=_("categories"),
        help_text=_("The groups of civil society the story belongs to; the list of stories can "
                    "be filtered by them."),
    )
    agreement = models.ForeignKey(
        "wagtail_civil.AgreementPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
        verbose_name=_("agreement"),
        help_text=_("Optional: the agreement this collaboration is part of."),
    )

    objects = InitiativePageManager()

    parent_page_types = ["wagtail_civil.InitiativeIndexPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Period")),
        MultipleChooserPanel(
            "partner_links", chooser_field_name="organisation", label=_("partner organisations"),
        ),
        MultipleChooserPanel(
            "unit_links", chooser_field_name="unit", label=_("municipal units taking part"),
        ),
        # A short list: every category visible at once, ticked without Ctrl-click.
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        InlinePanel("results", heading=_("Results in figures"), label=_("Result")),
        InlinePanel("images", heading=_("Images"), label=_("Image")),
        MultiFieldPanel(
            [FieldPanel("agreement"), InlinePanel("meeting_links", label=_("Meeting"))],
            heading=_("Related"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("start_date"),
        index.RelatedFields("categories", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("categories"),
        APIField("partner_links"),
        APIField("unit_links"),
        APIField("results"),
        APIField("images"),
        APIField("agreement"),
        APIField("meeting_links"),
    ]

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def clean(self) -> None:
        """The period ends on or after the day it began; the error stands on "until"."""
        super().clean()
        if self.form_rejected("start_date", "end_date"):
            return
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": ValidationError(
                    _("The collaboration cannot end before it began (%(start)s)."),
                    code="period_order",
                    params={"start": self.start_date.isoformat()},
                )}
            )

    # --- what the page shows ---------------------------------------------------------------------

    def is_ongoing(self, today: dt.date | None = None) -> bool:
        """Whether the collaboration still goes on: no end, or an end not yet reached."""
        today = today or timezone.localdate()
        return self.end_date is None or self.end_date >= today

    @property
    def public_partners(self) -> list[Organisation]:
        """The partner organisations residents may see (a draft organisation is left out)."""
        if hasattr(self, "public_partner_links"):
            links = self.public_partner_links
        else:
            links = [
                link
                for link in self.partner_links.all().select_related("organisation")
                if link.organisation.live
            ]
        return [link.organisation for link in links]

    @property
    def units(self) -> list[Any]:
        return [link.unit for link in self.unit_links.all()]

    def get_images(self) -> list[InitiativeImage]:
        """The images with their renditions fetched in one go (override to choose sizes)."""
        from wagtail.images import get_image_model

        images = get_image_model().objects.prefetch_renditions()
        return list(
            self.images.all().prefetch_related(Prefetch("image", queryset=images))
        )

    def get_meetings(self) -> models.QuerySet:
        """The related meetings residents may open (published, public), soonest last."""
        if self.pk is None:
            return MeetingPage.objects.none()
        chosen = self.meeting_links.values("meeting_id")
        return MeetingPage.objects.for_feed().filter(pk__in=chosen).order_by("-start")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        agreement = self.agreement if self.agreement_id else None
        if agreement is not None and not (agreement.live and _is_public(agreement)):
            agreement = None
        context.update(
            {
                "partners": Organisation.with_urls(self.public_partners, request),
                "units": self.units,
                "results": list(self.results.all()),
                "images": self.get_images(),
                "related_agreement": agreement,
                "related_meetings": self.get_meetings(),
            }
        )
        return context


def _is_public(page: Page) -> bool:
    """Whether no view restriction covers ``page`` (a private agreement is not linked)."""
    return not page.get_view_restrictions().exists()
