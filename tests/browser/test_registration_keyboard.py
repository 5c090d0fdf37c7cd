"""Signing up on a meeting page in real Chromium with the keyboard alone, without JavaScript:
Tab and Shift+Tab to move, typing, Space to tick, Enter to send, never a click. The form with
and without errors passes axe-core at 1280 and 320 px and never scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache

from wagtail_civil.models import MeetingPage, Registration
from wagtail_civil.registration.page_form import attempts_key

from .test_mobile import _too_wide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FOCUSED_JS = """() => {
  const el = document.activeElement;
  return {tag: el.tagName.toLowerCase(), name: el.getAttribute('name') || '',
          id: el.id || '', cls: el.className || '', text: (el.innerText || '').trim()};
}"""


@pytest.fixture
def stormote(make_signup_meeting: Any, make_organisation: Any) -> MeetingPage:
    for name in ("Röda Korset Uddevallakretsen", "PRO Uddevalla", "Svenska kyrkan i Uddevalla"):
        make_organisation(name)
    meeting = make_signup_meeting(
        registration_capacity=100,
        registration_ask_phone=True,
        registration_phone_reason="Så att vi kan nå dig om mötet flyttas.",
        registration_ask_access_needs=True,
        registration_ask_dietary_needs=True,
        registration_privacy="Uddevalla kommun behandlar dina uppgifter för att ordna stormötet.",
    )
    # The rate limit's count outlives the database (and a meeting's id may come again).
    cache.delete(attempts_key(meeting.pk, "127.0.0.1"))
    return meeting


def focused(page: Any) -> dict[str, str]:
    return page.evaluate(FOCUSED_JS)


def tab_to(page: Any, name: str, *, limit: int = 60) -> int:
    """Press Tab until the control named ``name`` has the focus; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focused(page)["name"] == name:
            return presses
    raise AssertionError(f"{limit} Tabs never reached the field {name!r}")


def test_sign_up_with_the_keyboard_alone(stormote: MeetingPage, open_page: Callable) -> None:
    page = open_page(stormote.url, javascript=False)
    tab_to(page, "name")
    page.keyboard.type("Åsa Öberg")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "email"
    page.keyboard.press("Shift+Tab")  # back to check the name, then on again
    assert focused(page)["name"] == "name"
    page.keyboard.press("Tab")
    page.keyboard.type("asa.oberg@example.se")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "organisation"
    page.keyboard.type("PRO")  # a closed <select> picks the option typed
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "organisation_name"
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "phone"
    page.keyboard.type("0522-69 60 00")
    page.keyboard.press("Tab")
    page.keyboard.type("Hörslinga, tack")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "dietary_needs"
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "consent"
    # Leave consent unticked and send: the errors come back, the summary first.
    page.keyboard.press("Tab")  # the honeypot is skipped
    assert focused(page)["tag"] == "button"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Focused on arrival (autofocus), which the browser applies once the page has rendered: wait
    # for it rather than read the focus at the first instant (two suites at once missed it).
    page.wait_for_function(
        "document.activeElement"
        " && document.activeElement.classList.contains('civil-error-summary')",
        timeout=5000,
    )
    assert "civil-error-summary" in focused(page)["cls"]
    assert "Kryssa i rutan" in page.get_by_role("alert").inner_text()
    assert page.locator("#registration-name").input_value() == "Åsa Öberg"  # kept
    page.keyboard.press("Tab")  # the summary's link to the consent box
    assert focused(page)["text"].startswith("Kryssa i rutan")
    page.keyboard.press("Enter")
    assert focused(page)["name"] == "consent"
    page.keyboard.press("Space")
    assert page.locator("#registration-consent").is_checked()
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "button"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "/registrations/" in page.url
    assert page.get_by_role("status").inner_text().startswith("Du är anmäld.")
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.status) == (
        "Åsa Öberg",
        "asa.oberg@example.se",
        "confirmed",
    )
    assert registration.organisation.name == "PRO Uddevalla"
    assert registration.phone == "0522-69 60 00" and registration.access_needs == "Hörslinga, tack"


def test_the_form_passes_axe_and_fits_320px(
    stormote: MeetingPage, open_page: Callable, axe_problems: Callable[[Any], str]
) -> None:
    page = open_page(stormote.url, viewport="mobile")
    problems = []

    def check(look: str) -> None:
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 700})
            if report := axe_problems(page):
                problems.append(f"--- {look}, {width}px ---\n{report}")
            if width == 320 and (wide := _too_wide(page)):
                problems.append(f"{look}, 320px: content is {wide}px wide")

    assert page.locator("form.civil-registration-form").count() == 1
    check("empty form")
    # With every kind of error shown: the summary, a field's error and the refused honeypot.
    page.locator("#registration-email").fill("inte-en-adress")
    page.locator("#registration-organisation_name").fill("Föreningsbidragsansökningsgruppen " * 6)
    with page.expect_navigation():
        page.locator("#registration-email").press("Enter")
    assert page.get_by_role("alert").count() == 1
    check("with errors")
    assert not problems, "\n".join(problems)
    assert not Registration.objects.exists()
