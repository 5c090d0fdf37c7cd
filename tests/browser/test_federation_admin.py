"""An editor follows another municipality's site through the real admin in Chromium: a name with
å ä ö æ ø, an API address with a query refused on the field in Swedish with the typing kept."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.app.conftest import CivilSite

from .test_admin_editing import admin, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

ADD = "/admin/snippets/wagtail_civil/followedsite/add/"


def test_an_editor_follows_a_site_with_a_nordic_name(
    admin: Any,  # noqa: F811
    site: CivilSite,  # noqa: F811
) -> None:
    from wagtail_civil.models import FollowedSite

    admin.goto(ADD)
    admin.fill("[name=name]", "Bærum og Ås kommune – Øst")
    admin.fill("[name=api_url]", "https://baerum.example.no/api/v2/?limit=5")
    with admin.expect_navigation():
        admin.locator("main form button[type=submit]").first.click()
    error = admin.locator("#panel-child-api_url-section, [data-field-wrapper]").filter(has_text="?")
    expect(error.first).to_contain_text("Ange API-adressen utan delar med ? eller #.")
    assert admin.input_value("[name=api_url]") == "https://baerum.example.no/api/v2/?limit=5"
    assert admin.input_value("[name=name]") == "Bærum og Ås kommune – Øst"
    assert not FollowedSite.objects.exists()

    admin.fill("[name=api_url]", "https://baerum.example.no/api/v2/")
    with admin.expect_navigation():
        admin.locator("main form button[type=submit]").first.click()
    expect(admin.locator("main")).to_contain_text("Bærum og Ås kommune – Øst")
    followed = FollowedSite.objects.get()
    assert (followed.name, followed.api_url) == (
        "Bærum og Ås kommune – Øst",
        "https://baerum.example.no/api/v2/",
    )
