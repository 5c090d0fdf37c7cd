"""An editor imports a register's CSV through the real admin in Chromium: from the organisations'
listing to the preview, the confirmation and the run's report, with Swedish and Norwegian names
(å ä ö æ ø). The tasks backend is the immediate one, as on a site that configures none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.app.conftest import CivilSite

from .test_admin_editing import admin, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

CSV = (
    "Organisationsnummer;Föreningsnamn;Ändamål;Bildad;Kommun\r\n"
    "802001-2343;Årjängs hembygdsförening;Vårdar bygdens historia.;1923;Årjäng\r\n"
    "994000012;Bærum Øst idrettslag;Fotball for alle på Østerås.;2001;Bærum\r\n"
    "802001-2344;Fel i kontrollsiffran;;;\r\n"
)


def test_an_editor_previews_and_confirms_an_import(
    admin: Any,  # noqa: F811
    site: CivilSite,  # noqa: F811
    tmp_path: Path,
    settings: Any,
    axe_problems: Any,
) -> None:
    from wagtail_civil.models import Organisation, RegisterImportRun

    settings.WAGTAIL_CIVIL_IMPORT_DIR = str(tmp_path / "waiting")
    settings.WAGTAIL_CIVIL_TASK_BACKEND = "default"  # the import runs in the confirming request
    path = tmp_path / "föreningar.csv"
    path.write_bytes(CSV.encode("cp1252"))  # as Excel saves "CSV (semikolonavgränsad)"

    admin.goto("/admin/snippets/wagtail_civil/organisation/")
    admin.locator("header [data-w-dropdown-target=toggle]").first.click()
    admin.locator("a[href='/admin/civil-society/import-organisations/']").click()
    admin.set_input_files("[name=file]", str(path))
    with admin.expect_navigation():
        admin.locator("main form [type=submit]").click()

    main = admin.locator("main")
    expect(main).to_contain_text("Årjängs hembygdsförening")
    expect(main).to_contain_text("Bærum Øst idrettslag")
    rejected = main.locator("table").first
    expect(rejected).to_contain_text("4")  # the line of the bad check digit
    expect(rejected).to_contain_text("802001-2344")
    assert not Organisation.objects.exists()

    with admin.expect_navigation():
        admin.locator("form[action$='/confirm/'] [type=submit]").click()
    assert "/admin/civil-society/import-organisations/runs/" in admin.url
    main = admin.locator("main")
    expect(main.locator("[data-status=done]")).to_be_visible()
    expect(main).to_contain_text("Bærum Øst idrettslag")
    expect(main).to_contain_text("Årjängs hembygdsförening")
    expect(main.locator("table").first).to_contain_text("4")  # the rejected line, reported
    expect(admin.locator("progress")).to_have_count(0)
    assert not axe_problems(admin)
    names = set(Organisation.objects.filter(live=True).values_list("name", flat=True))
    assert names == {"Årjängs hembygdsförening", "Bærum Øst idrettslag"}
    assert not list((tmp_path / "waiting").iterdir())

    # A run a worker is busy with: its progress, readable without JavaScript's help.
    running = RegisterImportRun.objects.create(
        file_name="stort-register.csv", status="running", rows_total=800, rows_done=350
    )
    admin.goto(f"/admin/civil-society/import-organisations/runs/{running.pk}/")
    progress = admin.get_by_role("progressbar")
    expect(progress).to_have_attribute("value", "350")
    label = admin.locator(f"#{progress.get_attribute('aria-labelledby')}")
    expect(label).to_contain_text("350")  # "350 of 800 rows imported.", in the editor's language
    expect(label).to_contain_text("800")
    assert not axe_problems(admin)
    # The page fetches the run again every 5 seconds (js/import-run.js): no reload, no meta refresh.
    RegisterImportRun.objects.filter(pk=running.pk).update(status="done", rows_done=800)
    expect(admin.locator("main [data-status=done]")).to_be_visible()
    expect(admin.locator("[data-civil-import-announce]")).not_to_be_empty()
