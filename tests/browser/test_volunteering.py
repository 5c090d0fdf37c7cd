"""Volunteering in real Chromium: a resident offers help with the keyboard alone and without
JavaScript; the need list, a need page and the two forms pass axe-core, fit 320 px and work with
JavaScript off; an editor writes a need and marks an offer accepted in the real admin, in Swedish.

Fields are found by their names, never by their (translated) labels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.app.conftest import next_week_at
from tests.app.volunteering import forget_attempts
from tests.browser.conftest import _leave_the_database_as_migrated  # noqa: F401 (autouse)
from wagtail_civil.models import (
    MunicipalUnit,
    VolunteerNeedIndexPage,
    VolunteerNeedPage,
    VolunteerOffer,
)

from .test_admin_editing import _publish, admin  # noqa: F401 (admin: a logged-in tab)
from .test_mobile import _too_wide
from .test_registration_keyboard import focused, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(civil_site: Any) -> Any:
    """What ``admin`` logs in to: the test site (this module's tests are all transactional)."""
    return civil_site


@pytest.fixture
def needs(civil_site: Any, make_organisation: Any) -> dict[str, Any]:
    """Ullensaker's list with a dated need, an ongoing one, and an offer on the dated one."""
    from tests.app.conftest import publish

    lions = make_organisation("Lions Club Jessheim – Kløfta og Nannestad avdeling")
    park = MunicipalUnit.objects.create(name="Park og idrett")
    index = civil_site.home.add_child(
        instance=VolunteerNeedIndexPage(
            title="Frivillig i Ullensaker",
            slug="frivillig",
            intro="<p>Oppdrag der lag, foreninger og kommunen trenger frivillige.</p>",
        )
    )
    index = forget_attempts(publish(index))
    start = next_week_at(hour=10)

    def need(title: str, **fields: Any) -> VolunteerNeedPage:
        page = index.add_child(instance=VolunteerNeedPage(title=title, live=False, **fields))
        return forget_attempts(publish(page))

    dugnad = need(
        "Dugnad i klubbhuset på Jessheim idrettspark – maling, rydding og vask av garderobene",
        unit=park,
        timing="one_off",
        start=start,
        end=start + dt.timedelta(hours=5),
        place="Jessheim idrettspark, klubbhuset",
        area="Jessheim",
        volunteers_needed=8,
        skills="Ingen spesielle ferdigheter trengs.",
        accessibility="Trinnfri inngang. Noe arbeid kan gjøres sittende.",
        contact_name="Ingrid Haugen",
        contact_email="frivillighet@example.org",
        contact_phone="+47 912 34 567",
        description="<p>Kommunen stiller med maling, verktøy og lunsj.</p>",
    )
    besok = need(
        "Besøksvenn for eldre som bor hjemme",
        organisation=lions,
        timing="ongoing",
        area="Hele kommunen",
        contact_email="frivillighet@example.org",
    )
    offer = VolunteerOffer.objects.create(
        index=index, need=dugnad, name="Sindre Løkkeberg", email="sindre@example.org",
        message="Jeg har egen stige.", language="nb",
    )  # fmt: skip
    return {"index": index, "dugnad": dugnad, "besok": besok, "offer": offer}


def test_offer_help_with_the_keyboard_alone(needs: dict[str, Any], open_page: Callable) -> None:
    need = needs["dugnad"]
    page = open_page(need.url, javascript=False)
    tab_to(page, "name")
    page.keyboard.type("Åse Sæther-Øverby")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "email"
    page.keyboard.press("Shift+Tab")
    assert focused(page)["name"] == "name"
    page.keyboard.press("Tab")
    page.keyboard.type("ase.saether@example.org")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "phone"
    page.keyboard.type("+47 912 34 568")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "message"
    page.keyboard.type("Jeg kan male, og har bil.")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "consent"
    # Send without ticking consent: the summary comes back focused, with a link to the box.
    page.keyboard.press("Tab")  # the honeypot is skipped
    assert focused(page)["tag"] == "button"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "civil-error-summary" in focused(page)["cls"]
    assert page.locator("#offer-name").input_value() == "Åse Sæther-Øverby"  # kept
    assert page.locator("#offer-message").input_value() == "Jeg kan male, og har bil."
    page.keyboard.press("Tab")  # the summary's link to the consent box
    assert focused(page)["tag"] == "a"
    page.keyboard.press("Enter")
    assert focused(page)["name"] == "consent"
    page.keyboard.press("Space")
    assert page.locator("#offer-consent").is_checked()
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "button"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith(need.url + "#offer")
    expect(page.locator("#civil-messages")).to_be_visible()
    offer = VolunteerOffer.objects.get(need=need, email="ase.saether@example.org")
    assert (offer.name, offer.phone, offer.status) == ("Åse Sæther-Øverby", "+47 912 34 568", "new")
    assert offer.message == "Jeg kan male, og har bil."


def _check(page: Any, look: str, axe_problems: Callable, problems: list[str]) -> None:
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 700})
        if report := axe_problems(page):
            problems.append(f"--- {look}, {width}px ---\n{report}")
        if width == 320 and (wide := _too_wide(page)):
            problems.append(f"{look}, 320px: content is {wide}px wide")


def test_the_pages_and_forms_pass_axe_and_fit_320px(
    needs: dict[str, Any], open_page: Callable, axe_problems: Callable[[Any], str]
) -> None:
    index = needs["index"]
    problems: list[str] = []
    for look, path in (
        ("need list", index.url),
        ("need list, filtered badly", index.url + "?area=Atlantis&when=x"),
        ("dated need", needs["dugnad"].url),
        ("ongoing need", needs["besok"].url),
        ("general offer", index.url + "offer/"),
        ("report a need", index.url + "report/"),
    ):
        _check(open_page(path, viewport="mobile"), look, axe_problems, problems)
    # The forms with their errors shown.
    page = open_page(needs["dugnad"].url, viewport="mobile")
    page.locator("#offer-email").fill("ikke-en-adresse")
    with page.expect_navigation():
        page.locator("#offer-email").press("Enter")
    _check(page, "offer with errors", axe_problems, problems)
    page = open_page(index.url + "report/", viewport="mobile")
    page.locator("#report-title").fill("Hjelpere til julemarkedet på Jessheim torg")
    page.locator("#report-end_time").fill("09:00")
    with page.expect_navigation():
        page.locator("form.civil-report-form [type=submit]").click()
    _check(page, "report with errors", axe_problems, problems)
    assert not problems, "\n".join(problems)


def test_without_javascript_filter_offer_and_report(
    needs: dict[str, Any], open_page: Callable
) -> None:
    index = needs["index"]
    page = open_page(index.url, javascript=False)
    page.locator("[name=timing]").select_option("ongoing")
    with page.expect_navigation():
        page.locator("form.civil-filters [type=submit]").click()
    assert "timing=ongoing" in page.url
    expect(page.locator("main .civil-need-card")).to_have_count(1)
    expect(page.locator("main .civil-need-card")).to_contain_text("Besøksvenn")

    page = open_page(index.url + "offer/", javascript=False)
    page.fill("[name=name]", "Bjørn Ødegård")
    page.fill("[name=email]", "bjorn@example.org")
    page.fill("[name=interests]", "Kjøring og idrettsarrangementer")
    page.check("[name=consent]")
    with page.expect_navigation():
        page.locator("form.civil-offer-form [type=submit]").click()
    expect(page.locator("#civil-messages")).to_be_visible()
    assert VolunteerOffer.objects.filter(need=None, email="bjorn@example.org").exists()

    page = open_page(index.url + "report/", javascript=False)
    day = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    for name, value in (
        ("poster_name", "Ullensaker Sanitetsforening"),
        ("title", "Vakter til julemarkedet"),
        ("description", "Vi trenger vakter ved inngangen."),
        ("date", day),
        ("start_time", "10:00"),
        ("end_time", "16:00"),
        ("contact_name", "Åsne Grøndahl"),
        ("contact_email", "asne@example.org"),
    ):
        page.fill(f"[name={name}]", value)
    page.check("[name=consent]")
    with page.expect_navigation():
        page.locator("form.civil-report-form [type=submit]").click()
    expect(page.locator("#civil-messages")).to_be_visible()
    draft = VolunteerNeedPage.objects.get(title="Vakter til julemarkedet")
    assert not draft.live and draft.poster_name == "Ullensaker Sanitetsforening"


def test_an_editor_marks_an_offer_accepted_in_swedish(
    needs: dict[str, Any],
    admin: Any,  # noqa: F811
) -> None:
    offer = needs["offer"]
    admin.goto("/admin/volunteer-offers/")
    expect(admin.locator("html")).to_have_attribute("lang", "sv")
    with admin.expect_navigation():
        admin.locator(f'a[href="/admin/volunteer-offers/edit/{offer.pk}/"]').first.click()
    expect(admin.locator("main")).to_contain_text("sindre@example.org")  # a superuser may
    admin.locator("[name=status]").select_option("accepted")
    with admin.expect_navigation():
        admin.locator("form#w-editor-form [type=submit]").first.click()
    assert admin.url.endswith("/admin/volunteer-offers/"), admin.locator("main").inner_text()[:800]
    offer.refresh_from_db()
    assert offer.status == "accepted"


def test_an_editor_writes_a_need_and_sees_a_bad_end_on_its_field(
    needs: dict[str, Any],
    admin: Any,  # noqa: F811
) -> None:
    """A need that ends before it starts is refused on the end's field, in Swedish, with what
    was typed kept; corrected, it is published."""
    index = needs["index"]
    admin.goto(f"/admin/pages/add/wagtail_civil/volunteerneedpage/{index.pk}/")
    admin.locator("[name=title]").press_sequentially("Ryddeaksjon langs Leira – Åsmund og Søren")
    admin.locator("[name=timing]").select_option("one_off")
    day = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    admin.locator("[name=start]").fill(f"{day} 12:00")
    admin.locator("[name=end]").fill(f"{day} 09:00")  # ends before it starts
    admin.locator("[name=end]").press("Escape")  # close the date picker
    admin.locator("[name=area]").fill("Kløfta")
    admin.locator("[name=contact_name]").fill("Ærlend Østby")
    admin.locator("[name=contact_name]").click()
    _publish(admin)

    field = admin.locator("[data-field-wrapper]", has=admin.locator("[name=end]"))
    with translation.override("sv"):
        expect(field).to_contain_text(gettext("The end must be after the start."))
    expect(admin.locator("[name=area]")).to_have_value("Kløfta")
    expect(admin.locator("[name=contact_name]")).to_have_value("Ærlend Østby")
    assert not VolunteerNeedPage.objects.filter(title__startswith="Ryddeaksjon", live=True).exists()

    admin.locator("[name=end]").fill(f"{day} 15:00")
    admin.locator("[name=end]").press("Escape")
    admin.locator("[name=contact_name]").click()
    _publish(admin)
    need = VolunteerNeedPage.objects.get(title__startswith="Ryddeaksjon")
    assert need.live and need.contact_name == "Ærlend Østby" and need.area == "Kløfta"
