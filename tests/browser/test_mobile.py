"""On a phone: no sideways scrolling, fingers hit what they aim at, large text still fits.

Most residents read these pages on a phone, and many of the people in pensioners' and faith
organisations read them with large text. Sideways scrolling makes a line unreadable (WCAG 1.4.10
Reflow); a small link next to another makes a finger press the wrong one (2.5.5 / 2.5.8).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import PublicPages

pytestmark = pytest.mark.browser

PAGES = [
    "meeting_index",
    "past_meetings",
    "meeting",
    "cancelled_meeting",
    "agreement",
    "directory",
    "filtered_directory",
    "organisation",
]

# The innermost elements that stick out to the right of the window (``width`` CSS pixels) or
# whose text runs out of their own box (a long word, an e-mail address), described so that a
# template author can find them.
CULPRITS_JS = """
(width) => {
  const out = [...document.body.querySelectorAll('*')].filter(el => {
    const r = el.getBoundingClientRect();
    const spills = el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1
      && getComputedStyle(el).overflowX === 'visible';
    return r.width > 0 && (r.right > width + 0.5 || spills);
  });
  const innermost = out.filter(el => !out.some(other => other !== el && el.contains(other)));
  const describe = el => el.tagName.toLowerCase()
    + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string'
       ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + (el.scrollWidth > el.clientWidth + 1
       ? ` text ${el.scrollWidth}px wide in a ${el.clientWidth}px box`
       : ` right edge at ${Math.round(el.getBoundingClientRect().right)}px`)
    + ` "${(el.textContent || '').trim().slice(0, 40)}"`;
  return innermost.slice(0, 8).map(describe);
}
"""


def _double_text_size(page: Any) -> None:
    """Set the browser's own text size to 200%, as a reader does in the browser's settings.

    Chromium's default font sizes (16px, 13px for monospace) are doubled through the DevTools
    protocol, which is what Settings → Appearance → Font size changes. Unlike CSS injected
    into the page, this also moves the breakpoints written in em/rem, as it does for a real
    reader.
    """
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})


BODY_FONT_SIZE_JS = "parseFloat(getComputedStyle(document.body).fontSize)"


def _too_wide(page: Any) -> int | None:
    """The content's width if it is wider than the window, else None.

    Compared with the window's configured width: on a mobile viewport Chromium widens the
    layout viewport to fit overflowing content, and innerWidth grows along with it.
    """
    width = page.viewport_size["width"]
    content = page.evaluate("Math.max(document.documentElement.scrollWidth, window.innerWidth)")
    return content if content > width else None


def _culprits(open_page: Callable[..., Any], path: str, width: int, big_text: bool) -> list:
    """The elements that stick out, measured in a desktop-style window of the same width."""
    page = open_page(path, viewport="narrow")
    page.set_viewport_size({"width": width, "height": 667})
    if big_text:
        _double_text_size(page)
    return page.evaluate(CULPRITS_JS, page.evaluate("document.documentElement.clientWidth"))


def test_every_page_type_fits_a_phone_also_with_large_text(
    public_pages: PublicPages, open_page: Callable[..., Any], subtests: Any
) -> None:
    """No sideways scrolling at 375px, at 320px (WCAG 1.4.10 Reflow) and with text at 200%.

    Text at 200% (WCAG 1.4.4) is the browser's text-size setting doubled (see
    ``_double_text_size``): everything sized in rem/em grows while the window stays 375px
    wide. ``device_scale_factor`` would only sharpen the pixels, and whole-page zoom is the
    same as a narrower window, which 320px already covers (1280px at 400%).
    """
    looks = [
        ("375px phone", 375, False),
        ("320px (reflow)", 320, False),
        ("text at 200% on a 375px phone", 375, True),
    ]
    for name in PAGES:
        with subtests.test(msg=name):
            path = getattr(public_pages, name)
            page = open_page(path, viewport="mobile")
            problems = []
            for what, width, big_text in looks:
                page.set_viewport_size({"width": width, "height": 667})
                if big_text:
                    body_size = page.evaluate(BODY_FONT_SIZE_JS)
                    _double_text_size(page)
                    grown = page.evaluate(BODY_FONT_SIZE_JS)
                    assert grown >= 1.9 * body_size, (
                        f"body text grew from {body_size}px to {grown}px only: text sized in "
                        "px ignores the reader's text-size setting"
                    )
                if content := _too_wide(page):
                    culprits = _culprits(open_page, path, width, big_text)
                    problems.append(f"{what}: {content}px wide; sticking out: {culprits}")
            assert not problems, f"{page.url} scrolls sideways:\n" + "\n".join(problems)


# What a resident taps on, per page: (CSS selector, what it is). Links inside running text are
# exempt from target sizes (WCAG 2.5.8), so only controls and stand-alone links are listed.
TAP_TARGETS: dict[str, list[tuple[str, str]]] = {
    "meeting": [
        ("main a[href^='webcal://']", "subscribe link"),
        ("main a[href='https://example.org/anmalan']", "registration link"),
        ("main a[href*='calendar.google.com']", "add to Google Calendar"),
        ("main a[href*='outlook']", "add to Outlook"),
        ("main button, main .civil-button", "button"),
        ("main summary", "show-more control"),
    ],
    "directory": [
        ("main form select", "filter list"),
        ("main form input:not([type=hidden])", "filter field or button"),
        ("main form button", "filter button"),
        ("main a[href*='page=']", "page link"),
    ],
    "meeting_index": [
        ("main a[href^='webcal://']", "subscribe link"),
        ("main form select", "filter list"),
        ("main form button, main form input[type=submit]", "filter button"),
    ],
}


def test_key_tap_targets_are_at_least_44px(
    public_pages: PublicPages, open_page: Callable[..., Any], subtests: Any
) -> None:
    for name, targets in TAP_TARGETS.items():
        with subtests.test(msg=name):
            page = open_page(getattr(public_pages, name), viewport="mobile")
            checked, small = 0, []
            for selector, what in targets:
                for element in page.locator(selector).all():
                    if not element.is_visible():
                        continue
                    box = element.bounding_box()
                    checked += 1
                    if box["height"] < 44 or box["width"] < 44:
                        html = element.evaluate("el => el.outerHTML.slice(0, 120)")
                        small.append(f"{what} {box['width']:.0f}×{box['height']:.0f}px: {html}")
            assert checked >= 2, f"found almost none of {targets} on {page.url}"
            assert not small, f"too small to tap on {page.url}:\n  " + "\n  ".join(small)


def test_meeting_page_screenshot(
    public_pages: PublicPages, open_page: Callable[..., Any], tmp_path: Path
) -> None:
    """A full-page picture of a meeting on a phone, for people to look at (kept in the folder
    ``BROWSER_SCREENSHOTS`` names, if set). Also checks the text has a readable size."""
    page = open_page(public_pages.meeting, viewport="mobile")
    folder = Path(os.environ.get("BROWSER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "meeting-mobile.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    body_size = page.evaluate(BODY_FONT_SIZE_JS)
    assert body_size >= 16, f"body text is {body_size}px on a phone"
