"""A council in the browser: made through the real admin in Swedish with Nordic names, a term
that ends before it starts refused on its field; the public page passes axe, fits 320 px and
works without JavaScript."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.app.conftest import CivilSite, next_week_at, publish
from tests.browser.conftest import _leave_the_database_as_migrated  # noqa: F401 (autouse)

from .test_admin_editing import _publish, admin, site  # noqa: F401 (fixtures: tab, site)
from .test_mobile import CULPRITS_JS, _too_wide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TODAY = timezone.localdate()


@pytest.fixture
def council_page(
    transactional_db: Any,
    django_db_serialized_rollback: Any,
    civil_site: CivilSite,
    make_category: Callable[..., Any],
    make_organisation: Callable[..., Any],
    make_meeting: Callable[..., Any],
) -> Any:
    """Pensionärsorganisationernas råd with four seats (one vacant), holders past and present,
    a planned and a held meeting: the long Swedish names real pages have."""
    from wagtail_civil.models import CouncilPage, CouncilSeat, CouncilSeatHolder

    pensioners = make_category("Pensionärsorganisationer")
    pro = make_organisation("PRO Ulricehamns pensionärsförening", categories=[pensioners])
    council = CouncilPage(
        title="Pensionärsorganisationernas råd",
        kind="council",
        purpose="<p>Rådet ger kommunen råd i frågor som rör äldre.</p>",
        composition="<p>Fyra platser för pensionärsorganisationerna och två för kommunen.</p>",
        live=False,
    )
    civil_site.home.add_child(instance=council)
    council = publish(council)
    seats = [
        ("Pensionärsorganisationerna", "category", [
            CouncilSeatHolder(name="Åsa Öberg", on_behalf_of=pro, role="chair",
                              term_from=TODAY - dt.timedelta(days=400)),
            CouncilSeatHolder(name="Gunnel Ängqvist", on_behalf_of=pro,
                              term_to=TODAY - dt.timedelta(days=401)),
        ]),
        ("Kommunstyrelsen, förtroendevald", "municipality", [
            CouncilSeatHolder(name="Øystein Ærø-Lindqvist", party="Socialdemokraterna",
                              role="vice_chair"),
        ]),
        ("Kommunen, tjänsteperson", "municipality", [
            CouncilSeatHolder(name="Märta Sjöholm", role="secretary",
                              title="Utvecklingsledare på kultur- och fritidsförvaltningen"),
        ]),
        ("Landsbygdsorganisationerna", "municipality", []),
    ]  # fmt: skip
    for n, (label, represents, holders) in enumerate(seats):
        seat = CouncilSeat(council=council, label=label, sort_order=n, represents=represents)
        if represents == "category":
            seat.category = pensioners
        seat.holders = holders
        seat.save()
    make_meeting("Rådets möte om äldreomsorgens mötesplatser", council=council,
                 start=next_week_at(hour=14))  # fmt: skip
    make_meeting("Rådets möte i våras", council=council,
                 start=timezone.now() - dt.timedelta(days=60))  # fmt: skip
    return council


def test_the_council_page_passes_axe_and_fits_320px(
    council_page: Any, open_page: Callable[..., Any], axe_problems: Callable[[Any], str]
) -> None:
    page = open_page(council_page.url, viewport="mobile")
    main = page.locator("main")
    for text in (
        "Åsa Öberg",
        "Øystein Ærø-Lindqvist",
        "Gunnel Ängqvist",
        "Rådets möte om äldreomsorgens mötesplatser",
        "Rådets möte i våras",
    ):
        expect(main).to_contain_text(text)  # fmt: skip
    expect(main.locator("tr.civil-seat-vacant")).to_have_count(1)
    problems = []
    for width, height in ((1280, 800), (320, 667)):
        page.set_viewport_size({"width": width, "height": height})
        if report := axe_problems(page):
            problems.append(f"--- {width}px wide ---\n{report}")
    assert not problems, "\n\n".join(problems)
    # No sideways scrolling at 320 px (WCAG 1.4.10 Reflow).
    assert _too_wide(page) is None, page.evaluate(CULPRITS_JS, 320)


def test_the_council_page_works_without_javascript(
    council_page: Any, open_page: Callable[..., Any]
) -> None:
    page = open_page(council_page.url, javascript=False)
    table = page.locator("table.civil-council-members")
    expect(table).to_contain_text("Åsa Öberg")
    expect(page.locator("#civil-former-heading")).to_be_visible()
    copy = page.locator("section.civil-subscribe input[readonly]")
    assert copy.input_value().endswith(f"/calendar/councils/{council_page.pk}.ics")
    with page.expect_navigation():
        page.locator(f'a[href="{council_page.url}popolo/"]').click()
    assert "Åsa Öberg" in page.content()


def _in_swedish(message: str, **params: Any) -> str:
    with translation.override("sv"):
        return gettext(message) % params


def test_a_council_with_seats_and_holders_is_made_in_the_admin(admin: Any, site: CivilSite) -> None:  # noqa: F811
    from wagtail_civil.models import CouncilPage, CouncilSeat

    admin.goto(f"/admin/pages/add/wagtail_civil/councilpage/{site.home.pk}/")
    admin.locator("[name=title]").press_sequentially("Pensionärsorganisationernas råd")
    admin.locator("[name=kind]").select_option("council")
    _publish(admin)
    council = CouncilPage.objects.get(title="Pensionärsorganisationernas råd")
    assert council.live

    admin.goto(f"/admin/pages/{council.pk}/edit/")
    with admin.expect_navigation():
        admin.locator(f'a[href$="councilseat/add/?council={council.pk}"]').click()
    expect(admin.locator("[name=council]")).to_have_value(str(council.pk))
    admin.locator("[name=label]").press_sequentially("Kommunstyrelsen, förtroendevald")
    admin.locator("[name=represents]").select_option("municipality")
    admin.locator("#id_holders-ADD").click()
    admin.locator("[name=holders-0-name]").press_sequentially("Åsa Öberg")
    admin.locator("[name=holders-0-party]").press_sequentially("Centerpartiet")
    admin.locator("[name=holders-0-role]").select_option("chair")
    admin.locator("[name=holders-0-term_from]").fill("2027-01-01")
    admin.locator("[name=holders-0-term_to]").fill("2026-12-31")
    admin.locator("[name=holders-0-name]").click()  # close the date picker over the add button
    admin.locator("#id_holders-ADD").click()
    admin.locator("[name=holders-1-name]").press_sequentially("Øystein Ærø")
    admin.locator("[name=holders-1-substitute]").check()
    _publish(admin)

    # The error stands at the field, in the editor's language; what was typed is kept.
    message = _in_swedish(
        "The term cannot end before it starts (%(start)s).",
        start=date_format(dt.date(2027, 1, 1), "SHORT_DATE_FORMAT"),
    )
    field = admin.locator("[data-field-wrapper]", has=admin.locator("[name=holders-0-term_to]"))
    expect(field).to_contain_text(message)
    expect(admin.locator("[name=holders-0-name]")).to_have_value("Åsa Öberg")
    expect(admin.locator("[name=holders-1-name]")).to_have_value("Øystein Ærø")
    expect(admin.locator("[name=label]")).to_have_value("Kommunstyrelsen, förtroendevald")
    assert not CouncilSeat.objects.exists()

    admin.locator("[name=holders-0-term_to]").fill("2030-12-31")
    _publish(admin)
    seat = CouncilSeat.objects.get(council=council)
    holders = {h.name: h for h in seat.holders.all()}
    assert holders["Åsa Öberg"].term_to == dt.date(2030, 12, 31)
    assert holders["Åsa Öberg"].party == "Centerpartiet" and holders["Øystein Ærø"].substitute

    response = admin.goto(council.url)
    assert response is not None and response.status == 200
    expect(admin.locator("main")).to_contain_text("Kommunstyrelsen, förtroendevald")
