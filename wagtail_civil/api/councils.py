"""``/api/v2/councils/``: councils and groups with their seats and who holds them today.

The seats and holders are what the council's page shows (a person's name, the organisation
they sit for when it is published, their party or title, the term); they are fetched for the
whole answer at once.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.api import APIField

from ..choices import COUNCIL_KIND_CHOICES
from ..models import CouncilPage, CouncilSeat
from .base import CivilPagesEndpoint
from .fields import Computed, feed_url, local_iso, organisation_ref, page_ref
from .filters import choice_filter, parse_id, public_page_filter

__all__ = ["CouncilsEndpoint"]


def _holder(holder: Any) -> dict[str, Any]:
    organisation = holder.public_organisation
    return {
        "name": holder.name,
        "on_behalf_of": organisation_ref(organisation) if organisation else None,
        "party": holder.party,
        "role": holder.role,
        "title": holder.title,
        "term_from": holder.term_from.isoformat() if holder.term_from else None,
        "term_to": holder.term_to.isoformat() if holder.term_to else None,
        "substitute": holder.substitute,
        "state": holder.state.value,
    }


def _seats(council: CouncilPage, context: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for standing in context.get("seats", {}).get(council.pk, []):
        seat = standing.seat
        represented = seat.represented
        if represented is not None and not getattr(represented, "live", True):
            represented = None  # an unpublished organisation is not named
        found.append(
            {
                "id": seat.pk,
                "label": seat.label,
                "represents": seat.represents,
                "represented": represented.name if represented is not None else None,
                "vacant": standing.vacant,
                "holders": [_holder(h) for h in standing.current + standing.former],
            }
        )
    return found


def _organisation(councils: QuerySet, value: str, view: Any) -> QuerySet:
    """Councils with a seat for, or a holder sitting for, a published organisation."""
    pk = parse_id("organisation", value)
    seats = CouncilSeat.objects.filter(organisation_id=pk, organisation__live=True)
    held = CouncilSeat.objects.filter(holders__on_behalf_of_id=pk, holders__on_behalf_of__live=True)
    return councils.filter(pk__in=seats.values("council_id")) | councils.filter(
        pk__in=held.values("council_id")
    )


class CouncilsEndpoint(CivilPagesEndpoint):
    """The councils and groups of the request's site, by title."""

    name = "councils"
    model = CouncilPage
    fields: ClassVar[list[Any]] = [
        "title",
        "kind",
        APIField("agreement", serializer=Computed(lambda p, c: page_ref(p.agreement, c))),
        APIField("seats", serializer=Computed(_seats)),
        APIField("feed_url", serializer=Computed(lambda p, c: feed_url("council", p, c))),
        APIField(
            "last_published_at", serializer=Computed(lambda p, c: local_iso(p.last_published_at))
        ),
    ]
    filters: ClassVar[dict[str, Any]] = {
        "kind": choice_filter("kind", COUNCIL_KIND_CHOICES),
        "agreement": public_page_filter("agreement"),
        "organisation": _organisation,
    }
    order_fields: ClassVar[tuple[str, ...]] = ("title", "id", "last_published_at")

    def get_queryset(self) -> Any:
        return self.public_pages().select_related("agreement").order_by("title", "pk")

    def prepare(self, items: list[Any], context: dict[str, Any]) -> None:
        """Every seat of the answer's councils with its holders: three queries for any number."""
        today = timezone.localdate()
        seats: dict[int, list[Any]] = defaultdict(list)
        ids = [item.pk for item in items if item is not None]
        for seat in CouncilSeat.objects.for_page().filter(council_id__in=ids):
            seats[seat.council_id].append(seat.standing(today))
        context["seats"] = seats
        self.remember_visible_pages(context, {item.agreement_id for item in items if item})
