"""Real Chromium against a real server: the plumbing the browser tests share.

One browser per test module (starting Chromium is the slow part); every test gets fresh browser
contexts, so cookies, viewport and the JavaScript switch never leak from one test to the next.
The pages are served by pytest-django's ``live_server`` (a real threaded HTTP server, static files
included), so what is checked is what a resident's browser gets: the templates, the stylesheet
and the layout, not a test client's idea of them.

Chromium is Debian's (``apt-get install chromium``), driven by the ``playwright`` package's own
driver; ``playwright install`` is never needed. axe-core comes from ``axe-playwright-python``,
which ships ``axe.min.js``, so the accessibility checks work offline and without npm.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from tests.app import conftest as app_conftest
from tests.app.conftest import CivilSite, next_week_at, publish
from tests.conftest import _in_ci, chromium_path

# The app tests' site and factories are the one description of test content: the browser tests
# reuse those fixtures (made visible in this directory by naming them here) instead of copies.
civil_site = app_conftest.civil_site
make_category = app_conftest.make_category
make_organisation = app_conftest.make_organisation
make_agreement = app_conftest.make_agreement
make_meeting = app_conftest.make_meeting
make_signup_meeting = app_conftest.make_signup_meeting

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # No calls home: the machines reach package registries only, and a hanging update check
    # must not slow a test down.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The test site's language is Swedish; the browser asks for it as a Swedish resident's does
# (Chromium would otherwise ask for en-US and get the English pages).
LOCALE = "sv-SE"

VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    # An ordinary phone (iPhone SE size): touch, mobile layout viewport.
    "mobile": {
        "viewport": {"width": 375, "height": 667},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    # As narrow as the phone, but laid out like a desktop window: overflowing content sticks
    # out of the page instead of widening the layout, so the culprits can be named.
    "narrow": {"viewport": {"width": 375, "height": 667}},
}

DIRECTORY_PER_PAGE = 2

# axe rules for WCAG 2.0 and 2.1, levels A and AA: what Swedish and Norwegian public-sector
# websites are required to meet (EN 301 549 / the Web Accessibility Directive).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _require_playwright() -> None:
    """Skip without the browser tooling; in CI its absence is an error, not a reason to skip."""
    missing = []
    for package in ("playwright", "axe_playwright_python"):
        if importlib.util.find_spec(package) is None:
            missing.append(f"the {package} package (pip install -e '.[test]')")
    if chromium_path() is None:
        missing.append("Chromium (apt-get install chromium, or set CHROMIUM_PATH)")
    if not missing:
        return
    reason = "browser tests need " + " and ".join(missing)
    if _in_ci():
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    print(f"\nSKIPPING browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module", autouse=True)
def _leave_the_database_as_migrated(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Put back what migrations made (Wagtail's root page, locale, …) after this module's tests.

    A test with a live server is transactional: it ends by emptying every table, and serialized
    rollback restores the migrated rows only at the start of the next such test. The last one
    would leave an empty database to the tests pytest-django runs after it, and some of those
    reach the database from module fixtures of their own (tests/demo did, and broke). Restored
    with Django's own snapshot of the test database, and only if the root page is gone.
    """
    yield
    from django.db import connections
    from wagtail.models import Page

    with django_db_blocker.unblock():
        if Page.objects.exists():
            return
        for connection in connections.all():
            snapshot = getattr(connection, "_test_serialized_contents", None)
            if snapshot:
                connection.creation.deserialize_db_from_string(snapshot)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium, one per test module.

    Not one per session: while Playwright runs, the test thread looks like async code to
    Django and asyncio (below), and pytest-django runs the database-free tests after these;
    ending Playwright with the module leaves them a plain thread. A launch costs about a second.
    """
    _require_playwright()
    # Playwright's sync API leaves its asyncio event loop marked as running on this thread
    # between calls (it switches to the loop through greenlets), so Django takes the test code
    # for async code, twice over:
    # - it refuses ORM calls (fixtures creating pages) with SynchronousOnlyOperation. Nothing
    #   here is concurrent: the test code and the loop take turns on one thread, and the server
    #   answers on a thread of its own. DJANGO_ALLOW_ASYNC_UNSAFE is set only while the browser
    #   runs, so the rest of the suite keeps Django's guard.
    # - its thread-critical connection store switches to per-async-context storage, which would
    #   hand the test a second, new connection to the test database: one without the snapshot
    #   that serialized rollback restores (every test after the first found no Wagtail root
    #   page), and not the one the live server shares for in-memory SQLite. The connections
    #   opened so far are put back in place.
    from django.db import connections
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    before = {alias: connections[alias] for alias in connections}
    manager = sync_playwright().start()
    try:
        for alias, connection in before.items():
            connections[alias] = connection
        chromium = manager.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        manager.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def open_page(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """``open_page("/moten/", viewport="mobile", javascript=False)``: a loaded page, answer 200.

    Every call gets its own browser context (as a new visitor would). The server runs on
    ``localhost``, which Wagtail serves from the default site, the one ``civil_site`` made.
    """
    contexts: list[Any] = []

    def open_(path: str, *, viewport: str = "desktop", javascript: bool = True) -> Any:
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            locale=LOCALE,
            **VIEWPORTS[viewport],
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        response = page.goto(path)
        assert response is not None and response.status == 200, (
            f"GET {path} answered {response.status if response else 'nothing'}"
        )
        return page

    yield open_
    for context in contexts:
        context.close()


def _axe_report(url: str, violations: list[dict[str, Any]]) -> str:
    """Violations the way a template author fixes them: rule, element, what is wrong."""
    lines = [f"{len(violations)} accessibility rule(s) violated on {url}:"]
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']}: {violation['help']}"
            f"\n    {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"  - {target}\n      {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", "\n        ")
            if summary:
                lines.append(f"        {summary}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def axe_problems(axe: Any) -> Callable[[Any], str]:
    """Run axe-core (WCAG 2.1 A and AA rules) on a loaded page: a report, empty if none.

    A report rather than an assertion, so that a test can check a page in several looks
    (desktop, phone, dark) and show every violation at once.
    """

    def check(page: Any) -> str:
        options = {
            "runOnly": {"type": "tag", "values": AXE_TAGS},
            "resultTypes": ["violations"],
        }
        violations = axe.run(page, options=options).response["violations"]
        return _axe_report(page.url, violations) if violations else ""

    return check


# --- content -------------------------------------------------------------------------------------


@dataclass
class PublicPages:
    """Paths of one page of every public type, filled with what residents will really meet."""

    site: CivilSite
    meeting_index: str
    past_meetings: str
    meeting: str
    cancelled_meeting: str
    past_meeting: str
    agreement: str
    directory: str
    filtered_directory: str
    organisation: str
    organisations: list[Any]


@pytest.fixture
def public_pages(
    transactional_db: Any,
    # A transactional test ends by emptying every table, Wagtail's root page and default locale
    # (made by migrations) included; restoring them lets the next browser test build its site.
    django_db_serialized_rollback: Any,
    civil_site: CivilSite,
    make_category: Callable[..., Any],
    make_organisation: Callable[..., Any],
    make_agreement: Callable[..., Any],
    make_meeting: Callable[..., Any],
) -> PublicPages:
    """A small municipality's collaboration, with the long Swedish names real pages have."""
    from wagtail_civil.models import MeetingSpeaker

    pensioners = make_category("Pensionärsorganisationer", slug="pensionarsorganisationer")
    culture = make_category("Kultur och fritid", slug="kultur-och-fritid")
    red_cross = make_organisation(
        "Röda Korset Uddevallakretsen",
        categories=[pensioners],
        website="https://example.org/rodakorset",
        email="uddevalla@example.org",
        description="<p>Besöksverksamhet, språkcafé och krisberedskap.</p>",
    )
    church = make_organisation(
        "Svenska kyrkan i Uddevalla", kind="faith_community", categories=[culture]
    )
    parish = make_organisation("Bäve församling", kind="faith_community", parent=church)
    pro = make_organisation("PRO Uddevalla", categories=[pensioners])
    spf = make_organisation("SPF Seniorerna Bävebygden", categories=[pensioners])
    study = make_organisation("Studieförbundet Vuxenskolan", kind="study_association")

    agreement = make_agreement(
        "Överenskommelse om samverkan mellan Uddevalla kommun och den idéburna sektorn",
        signatories=[red_cross, church, "Uddevalla kommun"],
        commitments=[(2, "dialogue"), (1, "")],
        status="in_force",
        valid_from=dt.date(2024, 1, 1),
        purpose="<p>Att stärka samverkan mellan kommunen och civilsamhället.</p>",
    )
    meeting = make_meeting(
        "Dialogmöte om föreningsbidrag och lokaler",
        start=next_week_at(hour=18),
        hosts=[red_cross],
        categories=[pensioners],
        programme=[
            (dt.time(18, 0), "Välkommen och fika"),
            (dt.time(18, 30), "Nya regler för föreningsbidrag"),
            (dt.time(19, 30), "Frågor och samtal"),
        ],
        speakers=[
            MeetingSpeaker(
                name="Anna Andersson",
                title="Kultur- och fritidschef",
                affiliation="Uddevalla kommun",
            ),
            MeetingSpeaker(name="Bengt Berg", title="Ordförande", organisation=red_cross),
        ],
        theme="Hur föreningarna får stöd och lokaler 2026",
        description="<p>Alla föreningar är välkomna. Lokalen är tillgänglig med rullstol.</p>",
        street_address="Norra Drottninggatan 12",
        postal_code="451 30",
        agreement=agreement,
        registration_kind="external",
        registration_url="https://example.org/anmalan",
        registration_deadline=next_week_at(hour=12, days=5),
        contact_name="Cecilia Carlsson",
        contact_email="cecilia.carlsson@example.org",
        contact_phone="0522-69 60 00",
        municipal_hosts="Kultur- och fritidsförvaltningen",
    )
    cancelled = make_meeting(
        "Öppet möte om fritidsgårdarna",
        start=next_week_at(hour=17, days=10),
        kind="open_meeting",
        status="cancelled",
        hosts=[pro],
    )
    held = make_meeting(
        "Dialogmöte i våras",
        start=timezone.localtime() - dt.timedelta(days=60),
        hosts=[red_cross, study],
        agreement=agreement,
        attendance_organisations=12,
        attendance_people=31,
        attendance_municipal_staff=5,
        outcome="<p>Föreningarna vill ha längre bidragsperioder.</p>",
    )
    # Two to a page, so the directory (3 pages) and a category in it (2 pages) have page links.
    directory_page = civil_site.organisation_index
    directory_page.per_page = DIRECTORY_PER_PAGE
    publish(directory_page)

    index_url = civil_site.meeting_index.url
    directory = directory_page.url
    return PublicPages(
        site=civil_site,
        meeting_index=index_url,
        past_meetings=f"{index_url}past/",
        meeting=meeting.url,
        cancelled_meeting=cancelled.url,
        past_meeting=held.url,
        agreement=agreement.url,
        directory=directory,
        filtered_directory=f"{directory}?category={pensioners.slug}&q=Uddevalla",
        organisation=red_cross.get_url(),
        organisations=[red_cross, church, parish, pro, spf, study],
    )
