"""A council (samråd), steering group, working group or reference group, as a page.

The page holds what the group is for and how it is made up; its seats and their holders are
:mod:`.council_seats` (a seat exists apart from whoever holds it, as Popolo's Post does), and
its meetings are the ``MeetingPage``\\ s that name it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from civilsamhalle import enums

from ..blocks import CivilStreamBlock
from ..choices import COUNCIL_KIND_CHOICES
from ..participation import participation_for
from .council_panels import CouncilSeatsPanel
from .council_seats import CouncilSeat, seats_api_field
from .meetings import MeetingPage

__all__ = ["CouncilDocument", "CouncilPage"]

_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class CouncilPage(RoutablePageMixin, Page):
    """A group where the municipality and civil society meet: its seats, holders and meetings.

    Lives where an agreement does (under the start page or any other page) and has no children:
    its meetings stay in the meeting lists, linked to it by their ``council`` field.
    """

    kind = models.CharField(
        _("kind of group"),
        max_length=32,
        choices=COUNCIL_KIND_CHOICES,
        default=enums.CouncilKind.COUNCIL.value,
    )
    purpose = RichTextField(
        _("purpose"),
        blank=True,
        features=_TEXT_FEATURES,
        help_text=_("What the group is for and what it decides or advises on."),
    )
    composition = RichTextField(
        _("composition"),
        blank=True,
        features=_TEXT_FEATURES,
        help_text=_(
            "How the group is made up and how members are chosen, e.g. “Five seats for civil "
            "society, chosen by each category for two years”."
        ),
    )
    agreement = models.ForeignKey(
        "wagtail_civil.AgreementPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="councils",
        verbose_name=_("agreement"),
        help_text=_("The agreement the group follows up, if any, e.g. ÖK Idé."),
    )
    body = StreamField(
        CivilStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("More about the group: news, a subscribe box, contact."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("purpose"),
        FieldPanel("composition"),
        FieldPanel("agreement"),
        CouncilSeatsPanel(heading=_("Seats and holders")),
        MultiFieldPanel([InlinePanel("documents", label=_("Document"))], heading=_("Documents")),
        FieldPanel("body"),
    ]
    subpage_types: list[str] = []

    search_fields = Page.search_fields + [
        index.SearchField("purpose"),
        index.SearchField("composition"),
        index.FilterField("kind"),
    ]

    api_fields = [
        APIField("kind"),
        APIField("purpose"),
        APIField("composition"),
        APIField("agreement"),
        APIField("documents"),
        seats_api_field(),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("council or group")
        verbose_name_plural = _("councils and groups")

    # --- what the page shows ---------------------------------------------------------------------

    def get_meetings(self) -> models.QuerySet:
        """Published, public meetings of this council, soonest first (override to widen).

        The participation tables and the council's feed read the same queryset; a page being
        previewed before its first save has none.
        """
        if self.pk is None:
            return MeetingPage.objects.none()
        return MeetingPage.objects.for_feed().for_council(self)

    def seat_list(self, today: dt.date | None = None) -> list[Any]:
        """Each seat with its current and former holders split, as the page shows them."""
        today = today or timezone.localdate()
        if self.pk is None:
            return []
        seats = CouncilSeat.objects.for_page().filter(council=self)
        return [seat.standing(today) for seat in seats]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        meetings = self.get_meetings()
        seats = self.seat_list()
        context["seats"] = seats
        context["has_former"] = any(seat.former for seat in seats)
        context["documents"] = self.documents.select_related("document")
        context["upcoming_meetings"] = meetings.upcoming(now)
        context["past_meetings"] = meetings.past(now)[:10]
        context["participation"] = participation_for(
            meetings, self.get_participation_categories(), now=now, request=request
        )
        return context

    def get_participation_categories(self) -> list[str] | None:
        """The categories a meeting of the council is judged by for "missing": those its seats
        are given to; ``None`` (every category used in the register) if no seat names one."""
        if self.pk is None:
            return None
        names = (
            CouncilSeat.objects.filter(council=self, category__isnull=False)
            .order_by("category__name")
            .values_list("category__name", flat=True)
            .distinct()
        )
        return list(names) or None

    @path("")
    def council(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("popolo/", name="popolo")
    def popolo(self, request: HttpRequest) -> HttpResponse:
        """The council as Popolo JSON (organizations, posts, persons, memberships)."""
        from ..popolo import council_popolo

        response = JsonResponse(
            council_popolo(self, request), json_dumps_params={"indent": 2, "ensure_ascii": False}
        )
        response["Content-Disposition"] = f'inline; filename="{self.pk}-popolo.json"'
        return response


class CouncilDocument(Orderable):
    """A document of the council: its terms of reference, an agenda, minutes of a year."""

    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("Make sure it is accessible, e.g. a tagged PDF."),
    )
    title = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_("Shown as the link; the document's own title when left blank."),
    )

    shown_in_feeds = False  # the feeds show meetings only (feeds.stamp)

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("document"), APIField("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    @property
    def display_title(self) -> str:
        return self.title.strip() or self.document.title

    def __str__(self) -> str:
        return self.display_title
