"""Signing requests in real Chromium: a resident asks to sign with the keyboard alone and without
JavaScript; the form and its thanks page pass axe-core at 1280 and 320 px; an editor approves one
request and rejects another with a reason in the real admin in Swedish, after seeing the error
when the reason is missing. Fields and buttons are found by their names, never by their labels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from civilsamhalle.enums import AgreementStatus
from tests.app.conftest import CivilSite, publish
from tests.browser.conftest import _leave_the_database_as_migrated  # noqa: F401 (autouse)
from wagtail_civil.models import AgreementPage, Organisation, SigningRequest
from wagtail_civil.registration.page_form import attempts_key

from .test_admin_editing import admin, site  # noqa: F401 (fixtures: logged-in tab, site)
from .test_mobile import _too_wide
from .test_registration_keyboard import focused, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def agreement(site: CivilSite, make_organisation: Any) -> AgreementPage:  # noqa: F811
    for name in ("Röda Korset Uddevallakretsen", "PRO Uddevalla", "Bäve församling"):
        make_organisation(name)
    page = site.agreement
    page.status = AgreementStatus.OPEN_FOR_SIGNING.value
    page = publish(page)
    cache.delete(attempts_key(page.pk, "127.0.0.1"))  # the rate limit outlives the database
    return page


def test_a_resident_asks_to_sign_with_the_keyboard_alone(
    agreement: AgreementPage, open_page: Callable
) -> None:
    page = open_page(agreement.url, javascript=False)
    link = page.locator(f'main a[href="{agreement.url}sign/"]')
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "organisation")  # left at "not in the list"
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "organisation_name"
    page.keyboard.type("Kulturföreningen Bäveåns Vänner")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "country"  # the chosen radio: Sweden
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "organisation_number"
    page.keyboard.type("802501-6108")  # a wrong check digit
    page.keyboard.press("Tab")
    page.keyboard.type("info@baveans-vanner.example.org")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "organisation_phone"
    page.keyboard.press("Tab")
    page.keyboard.type("Märta Östlund")
    page.keyboard.press("Shift+Tab")  # back to check the phone, then on again
    assert focused(page)["name"] == "organisation_phone"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "signatory_title"
    page.keyboard.type("Ordförande")
    page.keyboard.press("Tab")
    page.keyboard.type("marta.ostlund@example.org")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "consent"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the honeypot is skipped
    assert focused(page)["tag"] == "button"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The number is refused on its field; the summary has the focus and links to it.
    assert "civil-error-summary" in focused(page)["cls"]
    assert page.locator("#signing-organisation_number-error").count() == 1
    assert page.locator("#signing-signatory").input_value() == "Märta Östlund"  # kept
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page)["name"] == "organisation_number"
    page.keyboard.press("Control+a")
    page.keyboard.type("802501-6109")
    assert not SigningRequest.objects.exists()
    tab_to(page, "consent")
    if not page.locator("#signing-consent").is_checked():
        page.keyboard.press("Space")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith(f"{agreement.url}sign/thanks/")
    assert page.get_by_role("status").count() == 1
    saved = SigningRequest.objects.get()
    assert (saved.organisation_name, saved.organisation_number, saved.status) == (
        "Kulturföreningen Bäveåns Vänner",
        "802501-6109",
        "pending",
    )
    assert (saved.signatory, saved.signatory_title, saved.email) == (
        "Märta Östlund",
        "Ordförande",
        "marta.ostlund@example.org",
    )


def test_the_form_and_its_thanks_page_pass_axe_fit_320px_and_need_no_javascript(
    agreement: AgreementPage, open_page: Callable, axe_problems: Callable[[Any], str]
) -> None:
    problems: list[str] = []

    def check(page: Any, look: str) -> None:
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 700})
            if report := axe_problems(page):
                problems.append(f"--- {look}, {width}px ---\n{report}")
            if width == 320 and (wide := _too_wide(page)):
                problems.append(f"{look}, 320px: content is {wide}px wide")

    form_page = open_page(agreement.url + "sign/", viewport="mobile")
    assert form_page.locator("form.civil-signing-form").count() == 1
    check(form_page, "empty form")
    form_page.locator("#signing-organisation_name").fill("Föreningsbidragsansökningsgruppen " * 6)
    form_page.locator("#signing-organisation_number").fill("12345")
    with form_page.expect_navigation():
        form_page.locator("#signing-email").press("Enter")
    assert form_page.get_by_role("alert").count() == 1
    check(form_page, "with errors")

    # Without JavaScript: the form posts and the thanks page comes.
    plain = open_page(agreement.url + "sign/", javascript=False)
    plain.locator("#signing-organisation").select_option(label="PRO Uddevalla")
    plain.locator("#signing-signatory").fill("Örjan Ödmark")
    plain.locator("#signing-signatory_title").fill("Kassör")
    plain.locator("#signing-email").fill("orjan@example.org")
    plain.locator("#signing-consent").check()
    with plain.expect_navigation():
        plain.locator("form.civil-signing-form [type=submit]").click()
    assert plain.url.endswith("sign/thanks/")
    assert plain.get_by_role("status").count() == 1
    # axe runs as a script: the thanks page is checked again in a browser that runs them.
    check(open_page(agreement.url + "sign/thanks/", viewport="mobile"), "thanks page")
    assert not problems, "\n".join(problems)
    assert SigningRequest.objects.get().organisation.name == "PRO Uddevalla"


def _request(agreement: AgreementPage, name: str, number: str, country: str = "SE") -> Any:
    return SigningRequest.objects.create(
        agreement=agreement, organisation_name=name, country=country,
        organisation_number=number, organisation_email="post@example.org",
        signatory="Åse Ærlig Øvrebø", signatory_title="Styreleder", email="ase@example.org",
        language="sv",
    )  # fmt: skip


def test_an_editor_approves_one_request_and_rejects_another_in_swedish(
    admin: Any,  # noqa: F811
    agreement: AgreementPage,
) -> None:
    approved = _request(agreement, "Bærum frivilligsentral Østre", "974760673", "NO")
    rejected = _request(agreement, "Kulturföreningen Bäveåns Vänner", "802501-6109")
    listing = "/admin/signing-requests/"
    admin.goto(listing)
    assert admin.locator("html").get_attribute("lang") == "sv"
    expect(admin.locator("main")).to_contain_text("Bærum frivilligsentral Østre")

    # Reject without a reason: the error is on the field, nothing is decided.
    with admin.expect_navigation():
        admin.locator(f'main a[href="{listing}{rejected.pk}/"]').first.click()
    with admin.expect_navigation():
        admin.locator("button[name=action-decision][value=reject]").click()
    reason = admin.locator("textarea[name=reason]")
    expect(reason).to_have_attribute("aria-invalid", "true")
    assert admin.locator("[data-field-wrapper] .error-message, .w-field__errors").count() >= 1
    assert SigningRequest.objects.get(pk=rejected.pk).is_pending
    reason.click()
    reason.press_sequentially("Föreningen behöver först bli medlem i Frivilligcentrum.")
    with admin.expect_navigation():
        admin.locator("button[name=action-decision][value=reject]").click()
    assert admin.url.endswith(listing)
    expect(admin.locator(".messages")).to_contain_text("Kulturföreningen Bäveåns Vänner")
    saved = SigningRequest.objects.get(pk=rejected.pk)
    assert (saved.status, saved.reason) == (
        "rejected",
        "Föreningen behöver först bli medlem i Frivilligcentrum.",
    )

    # Approve the other: the signature is on the live page, the organisation a draft.
    with admin.expect_navigation():
        admin.locator(f'main a[href="{listing}{approved.pk}/"]').first.click()
    with admin.expect_navigation():
        admin.locator("button[name=action-decision][value=approve]").click()
    expect(admin.locator(".messages")).to_contain_text("Bærum frivilligsentral Østre")
    assert SigningRequest.objects.get(pk=approved.pk).status == "approved"
    organisation = Organisation.objects.get(organisation_number="974760673")
    assert not organisation.live and organisation.country == "NO"
    [signature] = AgreementPage.objects.get(pk=agreement.pk).signatures.all()
    assert (signature.organisation, signature.signatory) == (organisation, "Åse Ærlig Øvrebø")
    admin.goto(agreement.url)
    expect(admin.locator("main")).to_contain_text("Bærum frivilligsentral Østre")
