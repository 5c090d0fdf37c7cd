"""Staff sign a caller up by phone through the real admin in Chromium, typing Nordic letters.

Fields are found by their names; the outcome is read from the database and from the page the
editor lands on (the listing with its message), then the printed confirmation is opened.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.app.conftest import CivilSite

from .test_admin_editing import admin, site  # noqa: F401 (fixtures: logged-in tab, site)

pytestmark = pytest.mark.browser


@pytest.fixture
def stormote(site: CivilSite, make_meeting: Any) -> Any:  # noqa: F811
    return make_meeting(
        "Stormöte om digitalt utanförskap",
        registration_kind="built_in",
        registration_capacity=40,
        contact_phone="0321-59 50 00",
        street_address="Storgatan 1",
        locality="Ulricehamn",
    )


def _type(page: Any, name: str, text: str) -> None:
    field = page.locator(f"[name={name}]")
    field.click()
    field.press_sequentially(text)


def test_a_phone_sign_up_typed_in_swedish(admin: Any, stormote: Any) -> None:  # noqa: F811
    from wagtail_civil.models import Registration

    # From the menu's list of meetings to this one's registrations, then "Add by hand".
    registrations = f"/admin/registrations/{stormote.pk}/"
    admin.goto("/admin/registrations/")
    with admin.expect_navigation():
        admin.locator(f'main a[href="{registrations}"]').first.click()
    expect(admin.locator("[data-count=confirmed]")).to_have_text("0 / 40")
    with admin.expect_navigation():
        admin.locator(f'a[href="{registrations}add/"]').first.click()
    _type(admin, "name", "Åsa Öberg-Ängquist")
    _type(admin, "phone", "0321-123 45")
    _type(admin, "organisation_name", "Byalaget i Gällstad")
    _type(admin, "access_needs", "Hörslinga, rullstolsplats närmast dörren")
    admin.locator("[name=source][value=phone]").check()
    with admin.expect_navigation():
        admin.locator("form#w-editor-form [type=submit]").first.click()

    assert admin.url.endswith(registrations), admin.locator("main").inner_text()[:1000]
    expect(admin.locator(".messages")).to_contain_text("Åsa Öberg-Ängquist har en plats.")
    expect(admin.locator("#listing-results")).to_contain_text("Byalaget i Gällstad")
    saved = Registration.objects.get(meeting=stormote)
    assert (saved.name, saved.source, saved.status) == ("Åsa Öberg-Ängquist", "phone", "confirmed")
    assert saved.access_needs == "Hörslinga, rullstolsplats närmast dörren"
    assert saved.added_by.username == "redaktor"

    admin.goto(f"/admin/registrations/{stormote.pk}/{saved.pk}/confirmation/")
    expect(admin.locator("main")).to_contain_text("Åsa Öberg-Ängquist")
    expect(admin.locator("main")).to_contain_text("0321-59 50 00")
