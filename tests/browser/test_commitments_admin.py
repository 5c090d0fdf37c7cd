"""Commitment follow-up and the liaison in Chromium: the dashboard panel in Swedish with its
link to a prefilled "add a meeting" form, a liaison added in the admin with Nordic letters (a bad
address first, shown on the field), and the directory with the liaison checked by axe, at
320 px and without JavaScript."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.app.conftest import CivilSite, publish

from . import test_admin_editing
from .test_admin_editing import admin, site  # noqa: F401 (fixtures: logged-in tab, site)
from .test_mobile import _too_wide

pytestmark = pytest.mark.browser


@pytest.fixture
def lulea(site: CivilSite, make_agreement: Any, make_meeting: Any) -> Any:  # noqa: F811
    agreement = make_agreement(
        "Lokal överenskommelse i Luleå", commitments=[(2, "dialogue")], status="in_force"
    )
    # Today: planned, and in this year whatever the date.
    start = dt.datetime.combine(timezone.localdate(), dt.time(13), ZoneInfo("Europe/Stockholm"))
    make_meeting("Dialog om föreningslokaler", start=start, kind="dialogue", agreement=agreement)
    return agreement


def test_the_dashboard_panel_in_swedish_leads_to_a_prefilled_meeting(
    admin: Any,  # noqa: F811
    lulea: Any,
) -> None:
    admin.goto("/admin/")
    panel = admin.locator("#civil-commitments-section")
    expect(panel.locator("h2")).to_have_text("Åtaganden att följa upp")
    row = panel.locator("tr.civil-state-at_risk")
    expect(row).to_contain_text("Lokal överenskommelse i Luleå")
    expect(row).to_contain_text("0 av 2 genomförda, 1 planerat")
    expect(row).to_contain_text("I riskzonen")
    with admin.expect_navigation():
        row.get_by_role("link", name="Planera").click()
    assert "/admin/pages/add/wagtail_civil/meetingpage/" in admin.url
    expect(admin.locator("[name=kind]")).to_have_value("dialogue")
    expect(admin.locator("[name=agreement]")).to_have_value(str(lulea.pk))


def _type(page: Any, name: str, text: str) -> None:
    field = page.locator(f"[name={name}]")
    field.click()
    field.press_sequentially(text)


def test_an_editor_adds_a_liaison_with_nordic_letters(admin: Any, site: CivilSite) -> None:  # noqa: F811
    from wagtail_civil.models import Liaison

    admin.goto("/admin/snippets/wagtail_civil/liaison/add/")
    _type(admin, "name", "Åse Ødegård")
    _type(admin, "role", "Los for frivilligheten")
    _type(admin, "area", "Lag, foreninger og frivillige i Ullensaker")
    _type(admin, "email", "åse.ødegård@")
    with admin.expect_navigation():
        admin.locator("form#w-editor-form [type=submit]").first.click()
    error = admin.locator("[data-field-wrapper]:has([name=email]) .error-message")
    expect(error).to_contain_text("Fyll i en giltig e-postadress.")
    expect(admin.locator("[name=name]")).to_have_value("Åse Ødegård")
    assert not Liaison.objects.exists()

    admin.locator("[name=email]").fill("ase.odegard@example.org")
    test_admin_editing._publish(admin)
    liaison = Liaison.objects.get()
    assert (liaison.name, liaison.live) == ("Åse Ødegård", True)
    assert liaison.area == "Lag, foreninger og frivillige i Ullensaker"


@pytest.fixture
def directory_with_liaison(site: CivilSite) -> str:  # noqa: F811
    from wagtail_civil.models import Liaison, MunicipalUnit

    unit = MunicipalUnit.objects.create(name="Kultur og fritid")
    liaison = Liaison(
        name="Åse Ødegård", role="Los for frivilligheten", unit=unit, live=False,
        area="Lag og foreninger", email="ase.odegard@example.org", phone="+47 66 10 80 00",
        description="Første kontakt for lag og foreninger som vil samarbeide med kommunen.",
    )  # fmt: skip
    liaison.save()
    publish(liaison)
    return site.organisation_index.url


def test_the_directory_with_a_liaison_passes_axe_at_320px_and_without_javascript(
    directory_with_liaison: str,
    open_page: Callable[..., Any],
    axe_problems: Callable[[Any], str],
) -> None:
    page = open_page(directory_with_liaison, viewport="desktop")
    expect(page.locator("main .civil-liaisons")).to_contain_text("Åse Ødegård")
    problems = []
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 700})
        if report := axe_problems(page):
            problems.append(f"--- {width}px wide ---\n{report}")
    assert not problems, "\n\n".join(problems)

    phone = open_page(directory_with_liaison, viewport="mobile")
    phone.set_viewport_size({"width": 320, "height": 667})
    assert _too_wide(phone) is None

    static = open_page(directory_with_liaison, javascript=False)
    card = static.locator("main .civil-liaison")
    expect(card).to_contain_text("Los for frivilligheten, Kultur og fritid")
    expect(card.locator("a[href='mailto:ase.odegard@example.org']")).to_be_visible()
