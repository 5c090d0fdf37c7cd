"""The registrant's personal page in real Chromium: axe-clean on a desktop and at 320 px, no
sideways scrolling, and cancelling works with the keyboard and without JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from wagtail_civil.models import Registration
from wagtail_civil.registration.links import personal_path
from wagtail_civil.registration.seats import register

from .test_mobile import _too_wide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def two_registrations(make_signup_meeting: Any) -> tuple[Registration, Registration]:
    meeting = make_signup_meeting(
        registration_capacity=1,
        registration_ask_phone=True,
        registration_phone_reason="Så att vi kan nå dig om mötet flyttas.",
        registration_ask_access_needs=True,
        registration_ask_dietary_needs=True,
    )
    åsa = register(meeting, name="Åsa Öberg", email="asa@example.se", language="sv")
    øystein = register(meeting, name="Øystein Ærø", email="oy@example.no", language="nb")
    return åsa.registration, øystein.registration


def test_personal_page_is_accessible_and_fits_320px(
    two_registrations: Any, open_page: Callable[..., Any], axe_problems: Callable[[Any], str]
) -> None:
    for registration in two_registrations:
        page = open_page(personal_path(registration), viewport="mobile")
        assert registration.name in page.locator("main").inner_text()
        problems = []
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 700})
            if report := axe_problems(page):
                problems.append(f"--- {width}px ---\n{report}")
            if width == 320 and (wide := _too_wide(page)):
                problems.append(f"320px: content is {wide}px wide")
        assert not problems, "\n".join(problems)


def test_cancel_with_the_keyboard_without_javascript(
    two_registrations: Any, open_page: Callable[..., Any]
) -> None:
    åsa, øystein = two_registrations
    page = open_page(personal_path(åsa), javascript=False)
    button = page.get_by_role("button", name="Avanmäl mig")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Du har avanmält dig." in page.locator("main").inner_text()
    assert page.get_by_role("status").inner_text().startswith("Din anmälan är avanmäld")
    øystein.refresh_from_db()
    assert øystein.status == "confirmed"  # moved up from the waitlist
