"""Participation across Ulricehamn's four stormöten, as the demo shows and checks it.

The seed gives only totals over the four meetings (56 organisations, 79 people, 25 from the
municipality); ``data/demo.json`` spreads them over the meetings and records which
organisations of the register came (data/README.md says what is invented). The meetings are
judged against the categories they were held for, the five seats of Ulricehamn's samråd, so
"no organisation from" names the seats nobody in the register came for. :func:`check` is run
by ``load_demo``: a demo whose figures no longer add up to the published totals fails loading
instead of showing a wrong chart.
"""

from __future__ import annotations

from civilsamhalle.participation import Participation
from wagtail_civil.models import MeetingPage, OrganisationCategory
from wagtail_civil.participation import participation_for

__all__ = ["STORMOTEN", "TOTALS", "check", "ulricehamn_participation"]

STORMOTEN = ("stormote-1", "stormote-2", "stormote-3", "stormote-4")
# What Ulricehamn publishes: organisations, people, municipal staff over the four meetings.
TOTALS = (56, 79, 25)


def ulricehamn_participation() -> Participation:
    """The four stormöten's participation, judged against the categories they were held for."""
    meetings = MeetingPage.objects.filter(slug__in=STORMOTEN)
    seats = OrganisationCategory.objects.filter(meetings__in=meetings).distinct()
    return participation_for(meetings, seats.order_by("name"))


def check() -> Participation:
    """The participation, after checking that it adds up to :data:`TOTALS`."""
    summary = ulricehamn_participation()
    totals = tuple(
        sum(getattr(year, figure) or 0 for year in summary.years)
        for figure in ("organisations", "people", "municipal_staff")
    )
    if len(summary.meetings) != len(STORMOTEN) or totals != TOTALS:
        raise ValueError(f"Ulricehamn's stormöten add up to {totals}, not {TOTALS}")
    return summary
