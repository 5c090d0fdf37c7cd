"""A council's seats (Popolo's Post) and the people who hold them (Popolo's Membership).

A seat is what stays when its holder changes: "the pensioners' associations", "the
municipality". It is edited as a snippet with its holders inline, because Wagtail has no inline
inside an inline: one form then shows a seat and everyone who has held it, so two holders of
the same seat at the same time can be caught on the field where they collide.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail.search import index

from civilsamhalle.councils import term_in_order, term_state
from civilsamhalle.enums import CouncilRole, SeatRepresents, TermState

from ..choices import COUNCIL_ROLE_CHOICES, SEAT_REPRESENTS_CHOICES
from ..validators import RulesCleanMixin
from .council_panels import CouncilSeatForm

__all__ = ["CouncilSeat", "CouncilSeatHolder", "SeatStanding", "seats_api_field"]


class CouncilSeatQuerySet(models.QuerySet):
    def for_page(self) -> CouncilSeatQuerySet:
        """Seats in the editor's order with what the page and the export read: three queries
        for any number of seats and holders."""
        holders = CouncilSeatHolder.objects.select_related("on_behalf_of").order_by(
            "sort_order", "pk"
        )
        return (
            self.select_related("category", "organisation")
            .prefetch_related(Prefetch("holders", queryset=holders))
            .order_by("sort_order", "pk")
        )


@dataclass
class SeatStanding:
    """A seat on one day: who holds it now (and from when on), who held it, whether it is vacant."""

    seat: CouncilSeat
    current: list[CouncilSeatHolder] = field(default_factory=list)
    former: list[CouncilSeatHolder] = field(default_factory=list)

    @property
    def vacant(self) -> bool:
        """Nobody sits in the seat today, other than a substitute."""
        return not any(h.state is TermState.CURRENT and not h.substitute for h in self.current)


class CouncilSeat(ClusterableModel):
    """A seat on a council, apart from whoever holds it."""

    council = models.ForeignKey(
        "wagtail_civil.CouncilPage",
        on_delete=models.CASCADE,
        related_name="seats",
        verbose_name=_("council or group"),
    )
    label = models.CharField(
        _("seat"),
        max_length=255,
        help_text=_("What the seat is called on the page, e.g. “Pensioners’ associations”."),
    )
    represents = models.CharField(
        _("represents"),
        max_length=32,
        choices=SEAT_REPRESENTS_CHOICES,
        default=SeatRepresents.CATEGORY.value,
    )
    category = models.ForeignKey(
        "wagtail_civil.OrganisationCategory",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
        verbose_name=_("category of organisations"),
    )
    organisation = models.ForeignKey(
        "wagtail_civil.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
        verbose_name=_("organisation"),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Seats are shown from the lowest number up.")
    )

    objects = CouncilSeatQuerySet.as_manager()
    base_form_class = CouncilSeatForm
    shown_in_feeds = False  # the feeds show meetings only (feeds.stamp)

    panels = [
        FieldPanel("council"),
        FieldPanel("label"),
        MultiFieldPanel(
            [FieldPanel("represents"), FieldPanel("category"), FieldPanel("organisation")],
            heading=_("What the seat represents"),
        ),
        FieldPanel("sort_order"),
        InlinePanel("holders", heading=_("Holders"), label=_("Holder")),
    ]
    search_fields = [index.SearchField("label"), index.FilterField("council")]
    api_fields = [
        APIField("council"),
        APIField("label"),
        APIField("represents"),
        APIField("category"),
        APIField("organisation"),
        APIField("holders"),
    ]

    class Meta:
        ordering = ["council", "sort_order", "pk"]
        verbose_name = _("council seat")
        verbose_name_plural = _("council seats")

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        super().clean()
        kind = SeatRepresents(self.represents) if self.represents else None
        if kind is not None and kind.needs_category and not self.category_id:
            raise ValidationError(
                {"category": _("Choose the category of organisations this seat is for.")}
            )
        if kind is not None and kind.needs_organisation and not self.organisation_id:
            raise ValidationError({"organisation": _("Choose the organisation this seat is for.")})

    def standing(self, today: dt.date) -> SeatStanding:
        """The holders split by :func:`civilsamhalle.councils.term_state` (reads the prefetch)."""
        found = SeatStanding(self)
        for holder in self.holders.all():
            holder.state = term_state(holder.term_from, holder.term_to, today)
            (found.former if holder.state.is_former else found.current).append(holder)
        found.former.sort(key=lambda h: h.term_to or dt.date.min, reverse=True)
        return found

    @property
    def represented(self) -> Any:
        """The category or organisation the seat stands for, if it names one."""
        if self.represents == SeatRepresents.CATEGORY and self.category_id:
            return self.category
        if self.represents == SeatRepresents.ORGANISATION and self.organisation_id:
            return self.organisation
        return None


class CouncilSeatHolder(RulesCleanMixin, Orderable):
    """A person holding a seat for a term, on behalf of an organisation or a party."""

    seat = ParentalKey(CouncilSeat, on_delete=models.CASCADE, related_name="holders")
    name = models.CharField(_("name"), max_length=255)
    on_behalf_of = models.ForeignKey(
        "wagtail_civil.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_holders",
        verbose_name=_("on behalf of"),
        help_text=_("The organisation the person sits for, e.g. PRO Ulricehamn."),
    )
    party = models.CharField(
        _("political party"),
        max_length=100,
        blank=True,
        help_text=_("For a politician, e.g. “M” or “Socialdemokraterna”."),
    )
    role = models.CharField(
        _("role"), max_length=32, choices=COUNCIL_ROLE_CHOICES, default=CouncilRole.MEMBER.value
    )
    title = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_("For an official, e.g. “Head of the strategy and development unit”."),
    )
    term_from = models.DateField(_("term from"), null=True, blank=True)
    term_to = models.DateField(
        _("term to"), null=True, blank=True, help_text=_("Leave blank while the term runs on.")
    )
    substitute = models.BooleanField(
        _("substitute"),
        default=False,
        help_text=_("A substitute (ersättare) may hold the seat beside its ordinary holder."),
    )

    shown_in_feeds = False  # the feeds show meetings only (feeds.stamp)
    state: TermState = TermState.CURRENT  # set by CouncilSeat.standing()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("on_behalf_of"), FieldPanel("party")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("term_from"), FieldPanel("term_to")]),
        FieldPanel("substitute"),
    ]
    api_fields = [
        APIField(name)
        for name in (
            "name", "on_behalf_of", "party", "role", "title", "term_from", "term_to", "substitute"
        )
    ]  # fmt: skip

    class Meta(Orderable.Meta):
        verbose_name = _("holder")
        verbose_name_plural = _("holders")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.form_rejected("term_from", "term_to"):
            return
        if not term_in_order(self.term_from, self.term_to):
            error = ValidationError(
                _("The term cannot end before it starts (%(start)s)."),
                code="term_order",
                params={"start": date_format(self.term_from, "SHORT_DATE_FORMAT")},
            )
            raise ValidationError({"term_to": error})

    @property
    def public_organisation(self) -> Any:
        """The organisation sat for, if it is published (for naming and linking); else ``None``."""
        if self.on_behalf_of_id and self.on_behalf_of.live:
            return self.on_behalf_of
        return None


class _SeatsField(serializers.Field):
    """The council's seats with their holders in the page API (published organisations only)."""

    def to_representation(self, seats: Any) -> list[dict[str, Any]]:
        result = []
        for seat in (
            seats.all().select_related("category", "organisation").order_by("sort_order", "pk")
        ):
            represented = seat.represented
            result.append(
                {
                    "id": seat.pk,
                    "label": seat.label,
                    "represents": seat.represents,
                    "represented": getattr(represented, "name", None)
                    if represented is None or getattr(represented, "live", True)
                    else None,
                    "holders": [
                        {
                            "name": h.name,
                            "on_behalf_of": h.public_organisation.name
                            if h.public_organisation
                            else None,
                            "party": h.party,
                            "role": h.role,
                            "title": h.title,
                            "term_from": h.term_from.isoformat() if h.term_from else None,
                            "term_to": h.term_to.isoformat() if h.term_to else None,
                            "substitute": h.substitute,
                        }
                        for h in seat.holders.select_related("on_behalf_of")
                    ],
                }
            )
        return result


def seats_api_field() -> APIField:
    """``seats`` for the council page's ``api_fields`` (a reverse key needs its own serializer)."""
    return APIField("seats", serializer=_SeatsField(read_only=True))
