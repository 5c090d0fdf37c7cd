"""The month calendar and the paper invitation in real Chromium.

The invitation is printed to PDF by Chromium itself (what a resident's "Print" does), then read
back: one A4 page, and a QR code that a phone would decode to the meeting's address. PDFium
(``pypdfium2``) renders the page and ``zxing-cpp`` reads the code, both wheels of the test extra.
axe checks the month view and the print views' screen versions; the month is read at 320 px.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from tests.browser.conftest import _leave_the_database_as_migrated  # noqa: F401

from .conftest import PublicPages

pytestmark = pytest.mark.browser

A4_POINTS = (595.28, 841.89)


def _month_of(public_pages: PublicPages) -> str:
    from wagtail_civil.models import MeetingPage

    meeting = MeetingPage.objects.get(title="Dialogmöte om föreningsbidrag och lokaler")
    return timezone.localtime(meeting.start).strftime("%Y-%m")


def _print_to_pdf(page: Any) -> Any:
    """The page as Chromium prints it (print media, the page size the stylesheet asks for)."""
    import pypdfium2

    return pypdfium2.PdfDocument(page.pdf(prefer_css_page_size=True, print_background=True))


def _qr_codes(pdf_page: Any) -> list[str]:
    import zxingcpp

    image = pdf_page.render(scale=3).to_pil()
    return [found.text for found in zxingcpp.read_barcodes(image)]


def test_invitation_prints_on_one_a4_page_with_a_qr_code_to_the_meeting(
    public_pages: PublicPages, open_page: Callable[..., Any], live_server: Any
) -> None:
    for path in (public_pages.meeting, public_pages.cancelled_meeting):
        page = open_page(f"{path}print/", javascript=False)
        pdf = _print_to_pdf(page)
        assert len(pdf) == 1, f"{path}print/ prints on {len(pdf)} pages"
        width, height = pdf[0].get_size()
        assert abs(width - A4_POINTS[0]) <= 1 and abs(height - A4_POINTS[1]) <= 1, (width, height)
        assert _qr_codes(pdf[0]) == [f"{live_server.url}{path}"]
        text = pdf[0].get_textpage().get_text_bounded()
        assert "Skip" not in text and "Hoppa" not in text  # the site's header is not printed
    # The cancelled meeting says so in large type on paper.
    page.emulate_media(media="print")
    size = page.locator(".civil-invitation-status strong").evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)"
    )
    assert size >= 40, f"the cancellation is printed at {size}px"


def test_month_list_prints_for_a_notice_board(
    public_pages: PublicPages, open_page: Callable[..., Any], live_server: Any
) -> None:
    month = _month_of(public_pages)
    page = open_page(f"{public_pages.meeting_index}month/print/?month={month}", javascript=False)
    pdf = _print_to_pdf(page)
    width, _height = pdf[0].get_size()
    assert abs(width - A4_POINTS[0]) <= 1
    codes = [code for n in range(len(pdf)) for code in _qr_codes(pdf[n])]
    assert codes == [f"{live_server.url}{public_pages.meeting_index}month/?month={month}"]


def test_print_button_is_only_an_enhancement(
    public_pages: PublicPages, open_page: Callable[..., Any]
) -> None:
    without = open_page(f"{public_pages.meeting}print/", javascript=False)
    assert not without.locator("[data-civil-print]").is_visible()
    assert without.locator(".civil-print-help a").is_visible()
    with_js = open_page(f"{public_pages.meeting}print/")
    assert with_js.locator("[data-civil-print]").is_visible()


def test_month_and_print_views_pass_axe(
    public_pages: PublicPages,
    open_page: Callable[..., Any],
    axe_problems: Callable[[Any], str],
) -> None:
    month = _month_of(public_pages)
    index = public_pages.meeting_index
    problems = []
    for path in (
        f"{index}month/?month={month}",
        f"{index}month/",
        f"{index}month/print/?month={month}",
        # Filtered, one filter refused: the filters that apply, the open form with its error.
        f"{index}month/?month={month}&kind=dialogue&organisation=finns-inte",
        f"{index}month/print/?month={month}&kind=dialogue",
        f"{public_pages.meeting}print/",
        f"{public_pages.cancelled_meeting}print/",
    ):
        page = open_page(path)
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 800})
            if report := axe_problems(page):
                problems.append(f"--- {width}px ---\n{report}")
        page.emulate_media(color_scheme="dark")
        if report := axe_problems(page):
            problems.append(f"--- dark ---\n{report}")
    assert not problems, "\n\n".join(problems)


def test_month_at_320px_is_a_list_of_the_days_with_meetings(
    public_pages: PublicPages, open_page: Callable[..., Any]
) -> None:
    month = _month_of(public_pages)
    page = open_page(f"{public_pages.meeting_index}month/?month={month}", javascript=False)
    page.set_viewport_size({"width": 320, "height": 640})
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 320, f"the month is {wide}px wide at 320px"
    shown = page.locator("td.civil-month-day:visible")
    busy = page.locator("td.civil-month-busy")
    today = page.locator("td.civil-today")
    assert busy.count() >= 1
    assert (
        shown.count()
        == busy.count() + today.count() - page.locator("td.civil-today.civil-month-busy").count()
    )
    # Each shown day is headed by its full date in words; the weekday header row is there for
    # screen readers only (clipped to a pixel).
    first = shown.first.locator(".civil-day-full")
    assert first.is_visible() and len(first.inner_text()) > 8
    assert page.locator("thead").bounding_box()["height"] <= 1
    assert page.get_by_text("Dialogmöte om föreningsbidrag och lokaler").is_visible()
