"""The accessibility statement in real Chromium: the statement, its report form and the form
after a failed send pass axe-core and fit 320 px; a resident reports a problem with the keyboard
alone and without JavaScript, and the typing is kept when a field is wrong.

Fields are found by their names, never by their (translated) labels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.app import accessibility as app_accessibility
from tests.app.accessibility import forget_attempts
from tests.browser.conftest import _leave_the_database_as_migrated  # noqa: F401 (autouse)
from wagtail_civil.models import AccessibilityReport, AccessibilityStatementPage

from .test_admin_editing import _publish, admin  # noqa: F401 (admin: a logged-in tab)
from .test_mobile import _too_wide
from .test_registration_keyboard import focused, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


make_statement = app_accessibility.make_statement  # the app tests' fixture, visible here


@pytest.fixture
def site(civil_site: Any) -> Any:
    """What ``admin`` logs in to: the test site."""
    return civil_site


@pytest.fixture
def statement(make_statement: Callable[..., Any]) -> Any:
    return forget_attempts(
        make_statement(
            organisation_name="Exempelby kommun – förvaltningen för kultur och fritid",
            contact_phone="0771-12 34 56",
            gaps=[
                {
                    "problem": "Äldre PDF-dokument saknar taggar och går inte att läsa med "
                    "skärmläsare.",
                    "criterion": "1.3.1 Information och relationer",
                    "location": "Protokoll från samrådsmöten före 2024",
                    "reason": "disproportionate",
                },
                {"problem": "Kartorna är bilder utan textalternativ.", "criterion": "1.1.1",
                 "reason": "not_yet_fixed"},
            ],
        )
    )  # fmt: skip


def _check(page: Any, look: str, axe_problems: Callable, problems: list[str]) -> None:
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 700})
        if report := axe_problems(page):
            problems.append(f"--- {look}, {width}px ---\n{report}")
        if width == 320 and (wide := _too_wide(page)):
            problems.append(f"{look}, 320px: content is {wide}px wide")


def test_the_statement_and_the_form_pass_axe_and_fit_320px(
    statement: Any, open_page: Callable, axe_problems: Callable[[Any], str]
) -> None:
    problems: list[str] = []
    _check(open_page(statement.url, viewport="mobile"), "statement", axe_problems, problems)
    page = open_page(statement.url + "report/", viewport="mobile")
    _check(page, "report form", axe_problems, problems)
    page.locator("[name=email]").fill("inte-en-adress")
    with page.expect_navigation():
        page.locator("form.civil-form [type=submit]").click()
    expect(page.locator("#a11y-problems")).to_be_visible()
    _check(page, "report form with errors", axe_problems, problems)
    assert not problems, "\n".join(problems)


def test_report_a_problem_with_the_keyboard_alone(statement: Any, open_page: Callable) -> None:
    page = open_page(statement.url, javascript=False)
    link = page.locator(f"a[href='{statement.url}report/']")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "page_url")
    page.keyboard.type("/möten/dialog-om-föreningsbidrag/")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "description"
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "name"
    page.keyboard.type("Åke Ærø-Öberg")
    page.keyboard.press("Tab")
    page.keyboard.type("ake@example")  # no dot: refused
    page.keyboard.press("Tab")  # the honeypot is skipped
    assert focused(page)["tag"] == "button"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "civil-error-summary" in focused(page)["cls"]
    assert page.locator("#a11y-name").input_value() == "Åke Ærø-Öberg"  # kept
    assert page.locator("#a11y-page_url").input_value() == "/möten/dialog-om-föreningsbidrag/"
    page.keyboard.press("Tab")  # the summary's first link: the description
    page.keyboard.press("Enter")
    assert focused(page)["name"] == "description"
    page.keyboard.type("Knappen Anmäl går inte att nå med tangentbordet.")
    page.locator("#a11y-email").fill("ake@example.org")
    page.locator("#a11y-email").focus()
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "button"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#civil-messages")).to_be_visible()
    report = AccessibilityReport.objects.get()
    assert (report.name, report.email) == ("Åke Ærø-Öberg", "ake@example.org")
    assert report.description == "Knappen Anmäl går inte att nå med tangentbordet."


def test_an_editor_writes_the_statement_in_the_admin(
    admin: Any,  # noqa: F811
    civil_site: Any,
    open_page: Callable,
) -> None:
    page = admin
    home = civil_site.home
    page.goto(f"/admin/pages/add/wagtail_civil/accessibilitystatementpage/{home.pk}/")
    page.fill("[name=title]", "Tillgänglighetsredogörelse för Älvdalens samverkanswebb")
    page.fill("[name=organisation_name]", "Älvdalens kommun – Kommunledningsförvaltningen")
    page.fill("[name=website_scope]", "samverkan.älvdalen.se, mötesalmanackor och formulär")
    page.fill("[name=prepared_on]", "2026-11-30")
    page.locator("[name=organisation_name]").click()  # close the date picker over the form
    page.locator("#id_gaps-ADD").click()
    page.fill("[name='gaps-0-problem']", "Äldre PDF-protokoll saknar taggar; ö och å läses fel.")
    page.fill("[name='gaps-0-criterion']", "Kontrast")  # no number: refused on the field
    _publish(page)
    criterion = page.locator("[name='gaps-0-criterion']")
    expect(criterion).to_have_value("Kontrast")  # the typing is kept
    expect(page.locator("[name='gaps-0-problem']")).to_have_value(
        "Äldre PDF-protokoll saknar taggar; ö och å läses fel."
    )
    criterion.fill("1.3.1 Information och relationer")
    _publish(page)
    statement = AccessibilityStatementPage.objects.live().get()
    assert statement.organisation_name == "Älvdalens kommun – Kommunledningsförvaltningen"
    assert [g.criterion for g in statement.gaps.all()] == ["1.3.1 Information och relationer"]
    public = open_page(civil_site.meeting_index.url)
    expect(public.locator("footer.civil-site-footer a")).to_have_attribute("href", statement.url)
