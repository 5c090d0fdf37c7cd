"""With JavaScript off, residents can still filter, page through and subscribe.

Old phones, locked-down library computers, screen readers with scripts blocked and flaky mobile
connections that drop a script all meet these pages; the design promises that nothing needs
JavaScript. Forms are found by their field names, never by their (translated) labels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import DIRECTORY_PER_PAGE, PublicPages

pytestmark = pytest.mark.browser


def _listed_organisations(page: Any, directory: str) -> list[str]:
    """Names of the organisations linked from the directory's list, in page order."""
    links = page.locator(f"main a[href^='{directory}']").all()
    names = []
    for link in links:
        href = link.get_attribute("href") or ""
        rest = href[len(directory) :]
        # An organisation's page is <directory><slug>/; the directory itself and ?page= are not.
        if rest and not rest.startswith("?") and rest.strip("/").count("/") == 0:
            names.append(" ".join(link.inner_text().split()))
    return names


def _next_page_link(page: Any) -> Any | None:
    """The link to the following page of results, found by its address, not its wording."""
    current = int(parse_qs(urlsplit(page.url).query).get("page", ["1"])[0])
    link = page.locator(f"main a[href*='page={current + 1}']")
    return link.first if link.count() else None


def _walk_pages(page: Any, directory: str) -> list[list[str]]:
    """The organisations on each page of results, following the links to the next page."""
    pages = []
    for _ in range(10):
        listed = _listed_organisations(page, directory)
        assert 0 < len(listed) <= DIRECTORY_PER_PAGE, f"{page.url} lists {listed}"
        pages.append(listed)
        link = _next_page_link(page)
        if link is None:
            return pages
        with page.expect_navigation():
            link.click()
    raise AssertionError(f"more than ten pages of results, or a loop, at {page.url}")


def test_directory_filter_form_submits_and_filters(
    public_pages: PublicPages, open_page: Callable[..., Any]
) -> None:
    page = open_page(public_pages.directory, javascript=False)
    form = page.locator("main form").filter(has=page.locator("[name=q]"))
    form.locator("[name=q]").fill("Uddevalla")
    form.locator("select[name=category]").select_option("pensionarsorganisationer")
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit], button:not([type])").first.click()

    query = parse_qs(urlsplit(page.url).query)
    assert query.get("q") == ["Uddevalla"]
    assert query.get("category") == ["pensionarsorganisationer"]
    listed = sorted(sum(_walk_pages(page, public_pages.directory), []))
    # In the category and named Uddevalla; the church is named Uddevalla but in another
    # category, and SPF is a pensioners' organisation without Uddevalla in its name.
    assert listed == ["PRO Uddevalla", "Röda Korset Uddevallakretsen"]
    # The form shows what was filtered on, so the resident can change it.
    assert page.locator("main [name=q]").input_value() == "Uddevalla"
    assert page.locator("main select[name=category]").input_value() == "pensionarsorganisationer"


def test_directory_pages_through_every_organisation(
    public_pages: PublicPages, open_page: Callable[..., Any]
) -> None:
    page = open_page(public_pages.directory, javascript=False)
    pages = _walk_pages(page, public_pages.directory)
    assert len(pages) > 1, "the fixture makes more organisations than fit on one page"
    seen = sorted(sum(pages, []))
    assert seen == sorted(o.name for o in public_pages.organisations), (
        "every published organisation exactly once, over all pages"
    )


def test_pagination_keeps_the_filter(
    public_pages: PublicPages, open_page: Callable[..., Any]
) -> None:
    """Page 2 of a filtered list must be page 2 of *that* list, not of the whole directory."""
    page = open_page(
        f"{public_pages.directory}?category=pensionarsorganisationer", javascript=False
    )
    pages = _walk_pages(page, public_pages.directory)
    assert len(pages) == 2, f"three pensioners' organisations, two a page: {pages}"
    assert sorted(sum(pages, [])) == [
        "PRO Uddevalla",
        "Röda Korset Uddevallakretsen",
        "SPF Seniorerna Bävebygden",
    ]


def test_subscribe_boxes_offer_webcal_and_a_copyable_address(
    public_pages: PublicPages, open_page: Callable[..., Any], subtests: Any
) -> None:
    """webcal:// opens the calendar program; the same address as http(s) is there to copy.

    The copyable address must be selectable text in the page itself (a read-only field or
    visible text), since no script can put it on the clipboard; and it must really serve a
    calendar with the page's meetings in it.
    """
    expected_event = "Dialogmöte om föreningsbidrag och lokaler"
    for name in ("meeting_index", "meeting", "agreement", "organisation"):
        with subtests.test(msg=name):
            page = open_page(getattr(public_pages, name), javascript=False)
            webcal = page.locator("main a[href^='webcal://']")
            assert webcal.count() >= 1, f"no webcal:// link on {page.url}"
            href = webcal.first.get_attribute("href")
            assert href.endswith(".ics"), href

            scheme = urlsplit(page.url).scheme  # the test server speaks http; a real site https
            copyable = f"{scheme}://{href.removeprefix('webcal://')}"
            in_field = [f for f in page.locator("main input").all() if f.input_value() == copyable]
            if in_field:
                assert in_field[0].is_visible() and not in_field[0].is_editable(), (
                    "the address to copy should be a visible, read-only field"
                )
            else:
                assert copyable in page.locator("main").inner_text(), (
                    f"{copyable} is neither a field's value nor text on {page.url}"
                )

            feed = page.context.request.get(copyable)
            assert feed.status == 200
            assert feed.headers["content-type"].startswith("text/calendar")
            # Unfold before decoding: lines are folded by octets, maybe inside a letter.
            body = feed.body().replace(b"\r\n ", b"").decode("utf-8")
            assert body.startswith("BEGIN:VCALENDAR")
            assert expected_event in body
