"""The demo's regional calendar page: Uddevalla's own meetings and agreements, ready to show a
neighbour's as soon as the site follows one.

It follows no site: the demo must load without a network, and following the demo itself would
show every meeting twice. docs/federation.md says how to follow a second site (a second
``make demo`` on another port, for instance) and fetch with ``manage.py fetch_followed_sites``.
Loading again changes nothing.
"""

from __future__ import annotations

from home.models import HomePage

from wagtail_civil.models import RegionalCalendarPage

__all__ = ["SLUG", "add_regional_calendar"]

SLUG = "regional-kalender"
INTRO = (
    "<p>Möten och överenskommelser mellan kommuner och civilsamhället i regionen, samlade på ett "
    "ställe. Varje möte visas som den kommun som ordnar det har publicerat det, med en länk till "
    "kommunens egen sida.</p>"
)


def add_regional_calendar(home: HomePage) -> RegionalCalendarPage:
    """The page under the start page, published once; an editor's later changes are kept."""
    page = RegionalCalendarPage.objects.child_of(home).filter(slug=SLUG).first()
    if page is not None:
        return page
    page = RegionalCalendarPage(
        title="Regional kalender", slug=SLUG, intro=INTRO, include_own=True, live=False
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return RegionalCalendarPage.objects.get(pk=page.pk)
