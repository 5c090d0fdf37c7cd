"""Every public address, fed the garbage that old bookmarks, bots and hand-edited links send.

A query string or path is typed by anyone, so a bad value is a 404, a 400 or the page with a
form error: never a server error. The routes are discovered, not listed: every live page of the
test site, every sub-route of every routable page (from its URL patterns) and every URL pattern
of ``wagtail_civil.urls``, so a route added later is walked without touching this file. Each
walk also asserts that it reached every route with a valid address at least once; a walker that
only ever produced 404s would prove nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from tests.app.conftest import next_week_at, publish
from wagtail_civil import urls as civil_urls
from wagtail_civil.models import (
    CouncilPage,
    CouncilSeat,
    CouncilSeatHolder,
    MeetingSpeaker,
    Organisation,
    Registration,
)
from wagtail_civil.registration.seats import register
from wagtail_civil.registration.tokens import make_token

pytestmark = pytest.mark.django_db

ACCEPTABLE = {200, 400, 404}

# What people and bots put after the "?". Every page route gets each of these.
GARBAGE_QUERIES = [
    "",
    "page=abc",
    "page=-1",
    "page=0",
    "page=99999",
    "page=1e9",
    "page=%00",
    "page=2&page=x",
    "kind=nonsense",
    "kind=%00",
    "category=abc",
    "category=%00",
    "category=" + "a" * 300,
    "agreement=%00",
    "agreement=abc",
    "agreement=-5",
    "agreement=99999999999999999999",
    "organisation=99999999999999999999",
    "organisation=%00",
    "organisation=%C3%A5%C3%A4%C3%B6",
    "q=" + "x" * 10_000,
    "q=%27",
    "q=%25",
    "q=%5C",
    "q=%27%3B%20DROP%20TABLE%20x%3B--",
    "q=%3Cscript%3E",
    "q=%00",
    "q=%FF%FE",
    "from=2024-13-45",
    "to=0000-00-00",
    "kind[]=x&category[]=y",
    # The downloads' own (docs/open-data.md): anything but comma or semicolon is a 400.
    "delimiter=tab",
    "delimiter=%00",
    "delimiter=" + "%3B" * 300,
    "delimiter=semicolon&delimiter=comma",
    "delimiter=semicolon&kind=nonsense",
    # The month calendar's ?month=: a 400 for what is not a month, an empty month far away.
    "month=2026-13",
    "month=0000-01",
    "month=99999-01",
    "month=2026-1",
    "month=abc",
    "month=%00",
    "month=2999-12",
    "month=1900-01",
    "month=2026-12&month=x",
]
# Feeds take no query, but clients append cache-busters and worse.
FEED_QUERIES = ["", "page=abc", "q=%00", "kind=nonsense", "x=" + "y" * 5_000]
# Path parameters: what is substituted for a converter, besides the real values.
GARBAGE_VALUES = ["0", "01", "-1", "abc", "99999999999999999999", "1.5", "%00", "%20", "a" * 300]
# Extra segments or endings after a valid address.
GARBAGE_SUFFIXES = ["x/", "%00/", "..%2F..%2Fetc%2Fpasswd/", "a/b/c/", "'/"]

_CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@pytest.fixture
def content(civil_site, make_category, make_organisation, make_agreement, make_meeting):
    """Some of everything, so each template renders all its parts under the garbage."""
    culture = make_category("Kultur", slug="kultur")
    from wagtail_civil.models import VolunteerNeedIndexPage

    civil_site.home.add_child(instance=VolunteerNeedIndexPage(title="Frivillig", slug="frivillig"))
    from wagtail_civil.models import AccessibilityGap, AccessibilityStatementPage

    statement = AccessibilityStatementPage(
        title="Tillgänglighet", slug="tillganglighet", organisation_name="Testkommun",
        website_scope="testkommun.se", prepared_on=dt.date(2026, 3, 2),
    )  # fmt: skip
    statement.gaps.add(AccessibilityGap(problem="PDF", criterion="1.1.1", sort_order=0))
    civil_site.home.add_child(instance=statement)
    church = make_organisation("Svenska kyrkan", categories=[culture], kind="faith_community")
    parish = make_organisation("Bäve församling", parent=church, website="https://example.org")
    make_organisation("Utkast", live=False)
    agreement = make_agreement(
        "Överenskommelse", signatories=[church, "Kommunen"], commitments=[(2, "")]
    )
    # Open for signing: its sign/ and sign/thanks/ routes answer (on one in force they are 404).
    make_agreement("ÖK Idé att underteckna", status="open_for_signing")
    follow_up = make_meeting("Uppföljning", start=next_week_at(days=20), hosts=[parish])
    meeting = make_meeting(
        "Dialog",
        hosts=[church],
        categories=[culture],
        agreement=agreement,
        programme=[(dt.time(18), "Fika")],
        speakers=[MeetingSpeaker(name="Anna", organisation=parish)],
        registration_kind="external",
        registration_url="https://example.org/anmalan",
        registration_deadline=next_week_at(hour=9, days=5),
        follow_up=follow_up,
    )
    make_meeting("Inställt", status="cancelled", hosts=[parish])
    stormote = make_meeting("Stormöte", registration_kind="built_in", registration_capacity=1)
    register(stormote, name="Åsa Öberg", email="asa@example.se")
    make_meeting("Hållet", start=timezone.now() - dt.timedelta(days=30), agreement=agreement)
    council = CouncilPage(title="Samrådet", live=False)
    civil_site.home.add_child(instance=council)
    council = publish(council)
    seat = CouncilSeat(council=council, label="Trossamfunden", represents="organisation")
    seat.organisation = church
    seat.holders = [CouncilSeatHolder(name="Gulli Håkansson", on_behalf_of=church, party="S")]
    seat.save()
    make_meeting("Samrådsmöte", council=council)
    from wagtail_civil.models import RegionalCalendarPage

    regional = RegionalCalendarPage(title="Regional kalender", slug="regional", live=False)
    civil_site.home.add_child(instance=regional)
    publish(regional)
    return {"meeting": meeting, "agreement": agreement, "church": church, "culture": culture}


# --- discovering the routes ----------------------------------------------------------------------


def _values(converter: str | None, real: dict[str, list[str]]) -> list[str]:
    """Real values for a path parameter (so the valid route is reached) and garbage."""
    kind = "slug" if converter in (None, "slug", "civil_slug", "str") else "pk"
    return real[kind] + GARBAGE_VALUES


def _expand(route: str, real: dict[str, list[str]]) -> list[tuple[str, bool]]:
    """Every concrete path for a Django route string: ``(path, made of real values only)``."""
    match = _CONVERTER.search(route)
    if match is None:
        return [(route, True)]
    results = []
    head, tail = route[: match.start()], route[match.end() :]
    reals = set(real["slug" if match["converter"] in (None, "slug", "civil_slug", "str") else "pk"])
    for value in _values(match["converter"], real):
        for rest, rest_real in _expand(tail, real):
            results.append((head + value + rest, rest_real and value in reals))
    return results


def _route_string(pattern: URLPattern) -> str:
    route = getattr(pattern.pattern, "_route", None)
    if route is None:  # a regex pattern: the walker cannot invent matches for it
        pytest.fail(f"cannot walk the regex route {pattern.pattern}; give it a path() route")
    return route


def _patterns(patterns: Iterable[Any], prefix: str = "") -> Iterable[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix, entry


def real_values() -> dict[str, list[str]]:
    """Slugs and primary keys that exist: of organisations, categories and every page."""
    pks = {str(pk) for pk in Page.objects.values_list("pk", flat=True)}
    pks |= {str(pk) for pk in Organisation.objects.values_list("pk", flat=True)}
    from wagtail_civil.models import OrganisationCategory

    pks |= {str(pk) for pk in OrganisationCategory.objects.values_list("pk", flat=True)}
    slugs = list(Organisation.objects.public().values_list("slug", flat=True))
    # The personal links of registrations (a <str:token> route, walked with the slugs).
    slugs += [make_token(registration) for registration in Registration.objects.all()]
    return {"slug": slugs, "pk": sorted(pks, key=int)}


def page_routes(site) -> list[tuple[str, str, bool]]:
    """``(route name, path, valid)`` for every live page and each routable page's sub-routes."""
    real = real_values()
    routes = []
    pages = Page.objects.live().descendant_of(site.root_page, inclusive=True).specific()
    for page in pages:
        base = page.url
        assert base, f"{page} has no URL"
        if not isinstance(page, RoutablePageMixin):
            routes.append((type(page).__name__, base, True))
        else:
            for _prefix, pattern in _patterns(page.get_subpage_urls()):
                name = f"{type(page).__name__}:{pattern.name}"
                for path, valid in _expand(_route_string(pattern), real):
                    # Wagtail's default "index_route" is shadowed by a "" route of the page.
                    if all(base + path != known for _n, known, _v in routes):
                        routes.append((name, base + path, valid))
        for suffix in GARBAGE_SUFFIXES:
            routes.append(("garbage", base + suffix, False))
    return routes


def app_routes() -> list[tuple[str, str, bool]]:
    """``(URL name, path, valid)`` for every pattern of ``wagtail_civil.urls`` (the feeds)."""
    real = real_values()
    routes = []
    for prefix, pattern in _patterns(civil_urls.urlpatterns):
        route = prefix + _route_string(pattern)
        for path, valid in _expand(route, real):
            routes.append((pattern.name, "/" + path, valid))
            if valid:
                routes.append(("garbage", "/" + path + "/", False))
                routes.append(("garbage", "/" + path.upper(), False))
                routes.append(("garbage", "/" + path.replace(".ics", ""), False))
    return routes


def walk(routes: list[tuple[str, str, bool]], queries: list[str]) -> set[str]:
    """Request every route, then with every query; fail listing each answer outside ACCEPTABLE.

    The first address of each route that answers 200 gets all ``queries``; other addresses of
    the same route (another meeting, another organisation: the same view and template) and the
    ones that are already a 404 get a few, so the walk stays seconds as the test site grows, and
    every view still meets every query. Redirects
    are followed (``/calendar/all`` is sent on to ``/calendar/all/`` by Django's
    ``APPEND_SLASH``, which then answers 404): what counts is where the client ends up.
    Returns the names of the routes that answered 200 to a valid address.
    """
    client = Client(raise_request_exception=False)
    failures, reached = [], set()

    def get(url: str) -> int:
        status = client.get(url, follow=True).status_code
        if status not in ACCEPTABLE:
            failures.append(f"{status} {url[:160]}")
        return status

    answered: set[str] = set()
    for name, path, valid in dict.fromkeys(routes):
        status = get(path)
        if valid and status == 200:
            reached.add(name)
        first_answer = status == 200 and name not in answered
        if status == 200:
            answered.add(name)
        for query in queries if first_answer else ["q=%00", "page=abc"]:
            if query:
                get(f"{path}?{query}")
    assert not failures, "\n".join(failures)
    return reached


# --- the walks -----------------------------------------------------------------------------------


def test_every_page_route_survives_garbage_queries(civil_site, content):
    routes = page_routes(civil_site.site)
    reached = walk(routes, GARBAGE_QUERIES)
    expected = {name for name, _path, valid in routes if valid}
    assert expected <= reached, f"never reached: {expected - reached}"
    # The walk found the routes this app has today, at least.
    assert {
        "MeetingIndexPage:upcoming",
        "MeetingIndexPage:past",
        "OrganisationIndexPage:directory",
        "OrganisationIndexPage:organisation",
        "MeetingPage:index_route",
        "MeetingPage:print",
        "MeetingIndexPage:month",
        "MeetingIndexPage:month_print",
        "AgreementPage:index_route",
        "AgreementPage:sign",
        "CouncilPage:council",
        "OrganisationIndexPage:download_csv",
        "OrganisationIndexPage:download_popolo",
        "MeetingIndexPage:download_csv",
        "AccessibilityStatementPage:statement",
        "AccessibilityStatementPage:report",
        "RegionalCalendarPage:list",
        "RegionalCalendarPage:agreements",
    } <= reached


def test_every_feed_route_survives_garbage(civil_site, content):
    routes = app_routes()
    reached = walk(routes, FEED_QUERIES)
    names = {pattern.name for _prefix, pattern in _patterns(civil_urls.urlpatterns)}
    assert names == reached, f"never reached: {names - reached}"


def test_garbage_paths_anywhere(civil_site, content):
    """Paths no route produces: deep, encoded, overlong, or the feed folder itself."""
    paths = [
        "/calendar/",
        "/calendar/.ics",
        "/calendar/all.ics/../all.ics",
        "/calendar/meetings/.ics",
        "/calendar/meetings/1/2.ics",
        "/calendar/meeting/%2e%2e/all.ics",
        "/" + "a/" * 200,
        "/" + "ä" * 500 + "/",
        "/%00/",
        "/%ZZ/",
        "/moten/past/past/",
        "/organisationer/%C3/",
    ]
    walk([("garbage", path, False) for path in paths], ["", "q=%00"])


def test_bad_filters_still_show_the_list_with_errors(client, civil_site, content):
    """A bad value is shown as a form error next to its field, and the list is still there."""
    response = client.get(civil_site.organisation_index.url, {"kind": "nonsense"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and "Svenska kyrkan" in html
    response = client.get(civil_site.meeting_index.url, {"agreement": "abc", "page": "x"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert "Dialog" in response.content.decode()


# --- the read API --------------------------------------------------------------------------------

# What a hand-typed or fuzzed API query carries, for each filter of each endpoint.
API_GARBAGE_VALUES = [
    "",
    "%00",
    "abc",
    "-1",
    "0",
    "1.5",
    "99999999999999999999",
    "2027-02-30",
    "0001-01-01",
    "9999-12-31T23:59:59-23:59",
    "%C3%A5%C3%A4%C3%B6",
    "%FF%FE",
    "a" * 300,
    "1&{name}=2",
]
API_QUERIES = [
    "limit=100",
    "limit=101",
    "limit=-1",
    "offset=99999999999999999999",
    "order=-start,title",
    "order=random",
    "order=%00",
    "fields=*",
    "fields=_,title",
    "fields=title(id)",
    "fields=%00",
    "fields=-",
    "search=x",
    "type=wagtailcore.Page",
    "format=api",
    "rich_text_format=html",
    "child_of=1",
]


def api_routes() -> list[tuple[str, str, bool]]:
    """``(endpoint:URL name, path, valid)`` for every endpoint of ``api_router``."""
    from wagtail_civil.api import api_router

    real = real_values()
    routes = []
    for prefix, pattern in _patterns(api_router.get_urlpatterns()):
        prefix = prefix.lstrip("^")  # the router routes by regex: "^meetings/"
        for path, valid in _expand(prefix + _route_string(pattern), real):
            routes.append((f"{prefix}{pattern.name}", "/api/v2/" + path, valid))
    return routes


def test_every_api_route_and_filter_survives_garbage(civil_site, content):
    from tests.app.conftest import publish
    from wagtail_civil.api import ENDPOINTS
    from wagtail_civil.models import ActionPlanPage, VolunteerNeedIndexPage, VolunteerNeedPage

    plan = ActionPlanPage(title="Handlingsprogram", period_start=dt.date(2027, 1, 1),
                          period_end=dt.date(2027, 12, 31), live=False)  # fmt: skip
    publish(civil_site.home.add_child(instance=plan))
    needs = VolunteerNeedIndexPage.objects.get()
    need = VolunteerNeedPage(title="Dugnad", timing="ongoing", live=False)
    publish(needs.add_child(instance=need))
    filters = sorted({name for endpoint in ENDPOINTS.values() for name in endpoint.filters})
    queries = GARBAGE_QUERIES + API_QUERIES
    queries += [
        f"{name}={value.format(name=name)}" for name in filters for value in API_GARBAGE_VALUES
    ]
    routes = api_routes()
    reached = walk(routes, queries)
    expected = {name for name, _path, valid in routes if valid}
    assert expected == reached, f"never reached: {expected - reached}"
    assert {f"{prefix}/{name}" for prefix in ENDPOINTS for name in ("listing", "detail")} <= reached
