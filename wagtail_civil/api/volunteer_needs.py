"""``/api/v2/volunteer-needs/``: published needs for volunteers, with their state now.

The state (open, full, closed, past) is computed as the page computes it, from the accepted
offers and the clock; since it moves with the clock and not only with edits, this endpoint's
ETag is made from the answer itself (:func:`.conditional.conditional` with ``by_content``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from .. import conf
from ..choices import VOLUNTEER_NEED_TIMING_CHOICES
from ..models import VolunteerNeedPage
from .base import CivilPagesEndpoint
from .fields import Computed, LocalDateTimeField, feed_url, local_iso, organisation_ref
from .filters import choice_filter, moment_filter, parse_choice, parse_id

__all__ = ["VolunteerNeedsEndpoint"]


def _poster(need: VolunteerNeedPage, context: dict[str, Any]) -> dict[str, Any]:
    organisation = need.organisation if need.organisation_id else None
    unit = need.unit if need.unit_id else None
    return {
        "name": need.poster_name,
        "organisation": organisation_ref(organisation)
        if organisation is not None and organisation.live
        else None,
        "unit": {"name": unit.name, "slug": unit.slug} if unit is not None else None,
    }


def _feed_url(need: VolunteerNeedPage, context: dict[str, Any]) -> str | None:
    index = context.get("indexes", {}).get(need.path[: -Page.steplen])
    return feed_url("volunteer_needs", index, context) if index is not None else None


def _organisation(needs: QuerySet, value: str, view: Any) -> QuerySet:
    return needs.filter(organisation_id=parse_id("organisation", value), organisation__live=True)


def _unit(needs: QuerySet, value: str, view: Any) -> QuerySet:
    return needs.filter(unit_id=parse_id("unit", value))


def _open(needs: QuerySet, value: str, view: Any) -> QuerySet:
    """``?open=true``: needs taking offers now; ``?open=false``: the others."""
    wanted = parse_choice("open", value, ["true", "false"]) == "true"
    taking = needs.open_at(timezone.now()).values("pk")
    return needs.filter(pk__in=taking) if wanted else needs.exclude(pk__in=taking)


class VolunteerNeedsEndpoint(CivilPagesEndpoint):
    """The needs of the request's site: dated tasks soonest first, then ongoing ones."""

    name = "volunteer-needs"
    model = VolunteerNeedPage
    by_content = True
    fields: ClassVar[list[Any]] = [
        "title",
        APIField(
            "uid",
            serializer=Computed(lambda n, c: f"volunteer-need-{n.uid}@{conf.uid_domain()}"),
        ),
        "sequence",
        "timing",
        APIField("start", serializer=LocalDateTimeField()),
        APIField("end", serializer=LocalDateTimeField()),
        "place",
        "area",
        APIField("description", serializer=Computed(lambda n, c: expand_db_html(n.description))),
        "volunteers_needed",
        APIField("places_left", serializer=Computed(lambda n, c: n.places_left)),
        APIField("state", serializer=Computed(lambda n, c: n.state)),
        "open_until",
        "skills",
        "accessibility",
        APIField("poster", serializer=Computed(_poster)),
        "contact_name",
        "contact_email",
        "contact_phone",
        APIField("feed_url", serializer=Computed(_feed_url)),
        APIField(
            "last_published_at", serializer=Computed(lambda n, c: local_iso(n.last_published_at))
        ),
    ]
    filters: ClassVar[dict[str, Any]] = {
        "start_after": moment_filter("start_after", "start__gte"),
        "start_before": moment_filter("start_before", "start__lt"),
        "organisation": _organisation,
        "unit": _unit,
        "timing": choice_filter("timing", VOLUNTEER_NEED_TIMING_CHOICES),
        "open": _open,
    }
    order_fields: ClassVar[tuple[str, ...]] = ("start", "open_until", "title", "id")

    def get_queryset(self) -> Any:
        # for_list() is the one gate of every public list of needs (live, public, no alias).
        return self.site_pages().for_list().in_order()

    def prepare(self, items: list[Any], context: dict[str, Any]) -> None:
        """The list pages the needs are on (for their feeds), in one query."""
        paths = {item.path[: -Page.steplen] for item in items if item is not None}
        indexes = Page.objects.live().public().filter(path__in=paths).specific()
        context["indexes"] = {page.path: page for page in indexes}
