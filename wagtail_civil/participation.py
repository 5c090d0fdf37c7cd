"""Participation over time for a page: the core's summary from a queryset of meetings.

Three queries whatever the number of meetings: the meetings as rows (one query, as a feed reads
them), the categories of the organisations that came, and the categories judged against when
none are given. Privacy is decided here as everywhere (``for_feed()``): a draft or
view-restricted meeting never counts, whatever queryset a caller passes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from civilsamhalle.participation import MeetingParticipation, Participation, summarise

from .apps import civil_model
from .models.meeting_rows import feed_rows, meeting_from_row, relation
from .sites import absolute_url

__all__ = [
    "CHART_MEETINGS", "ChartBar", "ChartRow", "chart_rows", "chart_text", "participation_for",
    "register_categories",
]  # fmt: skip

# The chart shows the latest meetings with figures; the table shows every meeting.
CHART_MEETINGS = 12

logger = logging.getLogger(__name__)


def register_categories() -> list[str]:
    """The categories "missing" is judged against when a page names none: every category that
    at least one published organisation of the register belongs to, by name (one query)."""
    category = civil_model("OrganisationCategory")
    used = category.objects.filter(organisations__live=True).distinct()
    return list(used.order_by("name").values_list("name", flat=True))


def _names(categories: Iterable[Any]) -> list[str]:
    return [c.name if isinstance(c, Model) else str(c) for c in categories]


def participation_for(
    meetings: QuerySet,
    categories: Iterable[Any] | None = None,
    *,
    now: dt.datetime | None = None,
    request: HttpRequest | None = None,
) -> Participation:
    """The participation in ``meetings`` (a ``MeetingPage`` queryset) held before ``now``.

    ``categories`` (``OrganisationCategory`` objects or names, e.g. a council's seats) are what a
    meeting is judged against for "missing"; ``None`` judges against :func:`register_categories`.
    Rows carry each meeting's absolute address (the request's host when given).
    """
    now = now or timezone.now()
    page_model = civil_model("MeetingPage")
    pages = page_model.objects.for_feed().filter(pk__in=meetings.values("pk"), end__lte=now)
    rows = feed_rows(pages)
    domain_meetings = []
    slugs: set[str] = set()
    for raw in rows.raw:
        row = rows.row(raw)
        try:
            domain_meetings.append(
                meeting_from_row(row, absolute_url(_page(page_model, row), request))
            )
        except ValueError:  # one meeting with data the domain rejects must not take a page down
            logger.warning("Meeting %s left out of participation", row["id"], exc_info=True)
            continue
        slugs.update(a["s"] for a in relation(row, "attending") if a["l"])
    categories_of: dict[str, list[str]] = {}
    if slugs:
        through = civil_model("Organisation").categories.through
        pairs = through.objects.filter(organisation__slug__in=slugs).values_list(
            "organisation__slug", "organisationcategory__name"
        )
        for slug, name in pairs:
            categories_of.setdefault(slug, []).append(name)
    judged = register_categories() if categories is None else _names(categories)
    return summarise(domain_meetings, categories_of, judged, now)


def _page(model: Any, row: dict[str, Any]) -> Any:
    """The page as Wagtail's ``get_url()`` needs it (its id and path), without loading it."""
    from .feeds.render import _page as page_of_row

    return page_of_row(model, row)


def _figure_words(kind: str, value: int) -> str:
    """A figure with what it counts, e.g. "People: 17" (no plural forms to get wrong)."""
    words = {
        "organisations": _("Organisations: %(value)s"),
        "people": _("People: %(value)s"),
        "staff": _("From the municipality: %(value)s"),
    }
    return words[kind] % {"value": value}


def _figures(meeting: MeetingParticipation) -> list[tuple[str, int]]:
    found = (
        ("organisations", meeting.organisations),
        ("people", meeting.people),
        ("staff", meeting.municipal_staff),
    )
    return [(kind, value) for kind, value in found if value is not None]


def chart_text(meeting: MeetingParticipation) -> str:
    """One meeting's figures as a sentence: the chart's text alternative, bar by bar."""
    parts = [_figure_words(kind, value) for kind, value in _figures(meeting)]
    figures = ", ".join(parts) or _("not recorded")
    return _("%(title)s, %(date)s: %(figures)s") % {
        "title": meeting.title,
        "date": formats.date_format(meeting.start.date(), "DATE_FORMAT"),
        "figures": figures,
    }


@dataclass(frozen=True, slots=True)
class ChartBar:
    kind: str  # "organisations", "people" or "staff": the bar's class in civil.css
    value: int
    width: str  # per cent of the chart's width, "12.5" (never localised: it goes into CSS)
    label: str  # e.g. "People: 17", shown beside the bar


@dataclass(frozen=True, slots=True)
class ChartRow:
    meeting: MeetingParticipation
    text: str  # the row's text alternative
    bars: tuple[ChartBar, ...]


def chart_rows(summary: Participation, limit: int = CHART_MEETINGS) -> list[ChartRow]:
    """The chart's rows: the latest ``limit`` meetings with figures, oldest first, each bar's
    width in per cent of the largest figure, so the chart needs no JavaScript to draw."""
    largest = summary.largest
    rows = []
    for meeting in summary.recorded_meetings[-limit:]:
        bars = tuple(
            ChartBar(kind, value, f"{100 * value / largest:.1f}", _figure_words(kind, value))
            for kind, value in _figures(meeting)
        )
        rows.append(ChartRow(meeting, chart_text(meeting), bars))
    return rows
