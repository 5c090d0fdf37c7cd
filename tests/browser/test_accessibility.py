"""Every public page type passes axe-core's WCAG 2.1 A and AA rules, on a desktop and a phone.

Swedish and Norwegian public bodies are bound by the Web Accessibility Directive (EN 301 549,
i.e. WCAG 2.1 AA), so a page the package ships that fails these rules puts every municipality
using it in breach. Each page is first checked to show the content under test (programme,
speakers, signatories, …): axe finds nothing wrong with a page that renders nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation

from .conftest import DIRECTORY_PER_PAGE, PublicPages

pytestmark = pytest.mark.browser

# page -> texts that must be on it, so that axe checks the parts residents rely on.
PAGES: dict[str, tuple[str, ...]] = {
    "meeting_index": (
        "Dialogmöte om föreningsbidrag och lokaler",
        "Öppet möte om fritidsgårdarna",
    ),
    "past_meetings": ("Dialogmöte i våras",),
    "meeting": (
        "Dialogmöte om föreningsbidrag och lokaler",
        "Nya regler för föreningsbidrag",  # programme
        "Anna Andersson",  # speaker
        "Folkets Hus",
        "Cecilia Carlsson",
    ),
    "cancelled_meeting": ("Öppet möte om fritidsgårdarna",),
    "past_meeting": ("Dialogmöte i våras", "Föreningarna vill ha längre bidragsperioder."),
    "agreement": (
        "Röda Korset Uddevallakretsen",  # signatories
        "Uddevalla kommun",
        "Minst 2 möten per år",  # commitment
    ),
    # The directory's order is the template's business: checked below by how many it lists.
    "directory": (),
    "filtered_directory": (),
    "directory_with_bad_filter": (),
    "organisation": ("Röda Korset Uddevallakretsen", "Dialogmöte om föreningsbidrag och lokaler"),
}


def _path(pages: PublicPages, name: str) -> str:
    if name == "directory_with_bad_filter":
        # A hand-edited or outdated address: the form shows an error next to the filter.
        return f"{pages.directory}?kind=no-such-kind"
    return getattr(pages, name)


def test_every_page_type_passes_axe(
    public_pages: PublicPages,
    open_page: Callable[..., Any],
    axe_problems: Callable[[Any], str],
    subtests: Any,
) -> None:
    """On a desktop and at a phone's width: a narrow layout can hide a label or overlap a control.

    One subtest per page, all on one set of content: building it is most of a browser test's
    time. The same page is resized rather than reloaded in a mobile context: axe reads the DOM
    and the computed styles, which only the width changes, and a second axe run on a page is
    several times faster than the first.
    """
    for name, expected in PAGES.items():
        with subtests.test(msg=name):
            page = open_page(_path(public_pages, name), viewport="desktop")
            main_text = page.locator("main").inner_text()
            missing = [text for text in expected if text not in main_text]
            assert not missing, f"{page.url} does not show {missing}"
            if "directory" in name:
                listed = [o.name for o in public_pages.organisations if o.name in main_text]
                assert len(listed) == DIRECTORY_PER_PAGE, f"{page.url} lists {listed}"

            problems = []
            for width, height in ((1280, 800), (375, 667)):
                page.set_viewport_size({"width": width, "height": height})
                if report := axe_problems(page):
                    problems.append(f"--- {width}px wide ---\n{report}")
            assert not problems, "\n\n".join(problems)


def test_dark_mode_keeps_contrast(
    public_pages: PublicPages, open_page: Callable[..., Any], axe_problems: Callable[[Any], str]
) -> None:
    """The stylesheet has its own dark colours, which many older residents' phones turn on."""
    problems = []
    page = open_page(public_pages.meeting, viewport="mobile")
    page.emulate_media(color_scheme="dark")
    for name in ("meeting", "cancelled_meeting", "agreement", "directory_with_bad_filter"):
        page.goto(_path(public_pages, name))
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background != "rgb(255, 255, 255)", "dark mode was not applied"
        if report := axe_problems(page):
            problems.append(report)
    assert not problems, "\n\n".join(problems)


def _cancelled_word(page: Any) -> str:
    """The word for a cancelled meeting, in the language the page says it is in."""
    from wagtail_civil.choices import EVENT_STATUS_CHOICES

    language = page.locator("html").get_attribute("lang") or "en"
    with translation.override(language):
        return str(dict(EVENT_STATUS_CHOICES)["cancelled"])


def test_cancelled_meeting_says_so_in_words(
    public_pages: PublicPages, open_page: Callable[..., Any]
) -> None:
    """Strike-through or red alone is lost on a screen reader and on colour-blind readers.

    The status must be words, on the meeting's own page and next to it in the list; axe cannot
    see this, so it is checked here.
    """
    page = open_page(public_pages.cancelled_meeting)
    cancelled = _cancelled_word(page)
    assert cancelled.lower() in page.locator("main").inner_text().lower(), (
        f"{page.url} does not say “{cancelled}”"
    )

    page = open_page(public_pages.meeting_index)
    entries = {}
    for path in (public_pages.cancelled_meeting, public_pages.meeting):
        link = page.locator(f"main a[href='{path}']").first
        entries[path] = link.evaluate(
            "a => (a.closest('li, article, tr') || a.parentElement).innerText"
        ).lower()
    assert cancelled.lower() in entries[public_pages.cancelled_meeting], (
        f"the list entry of the cancelled meeting does not say “{cancelled}”: "
        f"{entries[public_pages.cancelled_meeting]!r}"
    )
    assert cancelled.lower() not in entries[public_pages.meeting], (
        "a scheduled meeting's list entry says it is cancelled"
    )


def test_keyboard_reaches_main_content_first(
    public_pages: PublicPages, open_page: Callable[..., Any]
) -> None:
    """The first Tab shows a skip link; following it puts the keyboard in the main content.

    Keyboard and switch users (and screen-reader users who tab) otherwise walk through the
    header and breadcrumbs on every page. axe only checks that such a link exists.
    """
    page = open_page(public_pages.meeting, javascript=False)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const el = document.activeElement, r = el.getBoundingClientRect();"
        " return {href: el.getAttribute('href'), visible: r.width > 1 && r.height > 1"
        " && r.left >= 0 && r.top >= 0 && r.right <= innerWidth}; }"
    )
    assert focused["href"] == "#main", f"the first Tab stop is {focused['href']!r}"
    assert focused["visible"], "the skip link stays off-screen when it has the focus"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside_main, "after the skip link, Tab does not continue inside <main>"
