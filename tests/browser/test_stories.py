"""Stories in Chromium: an editor writes one in the real admin, in Swedish; residents read the list
and a story with axe finding nothing, at 320 px without sideways scrolling, and without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.app.conftest import CivilSite, publish

from .test_admin_editing import _open_chooser, _publish, admin, site  # noqa: F401 (fixtures: logged-in tab, site)

pytestmark = pytest.mark.browser


def _story_list(site: CivilSite) -> Any:  # noqa: F811
    from wagtail_civil.models import InitiativeIndexPage

    index = InitiativeIndexPage(title="Exempel på samverkan", slug="exempel-pa-samverkan")
    site.home.add_child(instance=index)
    return publish(index)


@pytest.fixture
def stories(
    site: CivilSite,  # noqa: F811
    make_organisation: Any,
    make_category: Any,
    settings: Any,
    tmp_path: Any,
) -> dict[str, Any]:
    """A list with two stories, partners from both registers, figures and two images."""
    settings.MEDIA_ROOT = tmp_path  # images and renditions in the test's own directory
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from wagtail_civil.models import (
        InitiativeImage,
        InitiativeOrganisation,
        InitiativePage,
        InitiativeResult,
        InitiativeUnit,
        MunicipalUnit,
    )

    seniors = make_category("Pensionärsorganisationerna", slug="pensionarsorganisationerna")
    church = make_organisation("Svenska kyrkan i Ulricehamn", slug="svenska-kyrkan")
    red_cross = make_organisation("Røde Kors Ullensaker", slug="rode-kors")
    unit = MunicipalUnit.objects.create(name="Kultur- och fritidsförvaltningen")
    index = _story_list(site)
    image = get_image_model().objects.create(title="Telefon", file=get_test_image_file())
    made = {}
    for title, start, end, partners, results in (
        ("Ring en vän", dt.date(2022, 9, 1), None, [church],
         [("Telefonsamtal", Decimal(500), "per år")]),
        ("Klädutlämning till flyktingar", dt.date(2022, 2, 28), dt.date(2022, 3, 6),
         [church, red_cross], [("Organisationer som hjälpte till", Decimal(4), "")]),
    ):  # fmt: skip
        story = InitiativePage(
            title=title,
            summary="Eldsjälar ringer runt till äldre för en pratstund och bjuder in till fika.",
            body="<p>En fika tillsammans, en konsert eller bussresa.</p>",
            start_date=start,
            end_date=end,
        )
        story.partner_links = [InitiativeOrganisation(organisation=o) for o in partners]
        story.unit_links = [InitiativeUnit(unit=unit)]
        story.results = [InitiativeResult(label=lb, number=n, unit=u) for lb, n, u in results]
        story.images = [
            InitiativeImage(image=image, alt_text="En gammaldags telefon med nummerskiva"),
            InitiativeImage(image=image, decorative=True, caption="Illustration: kommunen"),
        ]
        story.categories.set([seniors])
        index.add_child(instance=story)
        made[title] = publish(story)
    return {"index": index, "story": made["Ring en vän"], "unit": unit, "church": church}


# --- residents ------------------------------------------------------------------------------------


def _pages(stories: dict[str, Any]) -> dict[str, str]:
    return {
        "list": stories["index"].url,
        "filtered list": stories["index"].url + "?organisation=rode-kors",
        "list with a bad filter": stories["index"].url + "?unit=finns-inte",
        "story": stories["story"].url,
    }


def test_the_list_and_a_story_pass_axe(
    stories: dict[str, Any], open_page: Callable[..., Any], axe_problems: Any, subtests: Any
) -> None:
    for name, path in _pages(stories).items():
        for viewport in ("desktop", "mobile"):
            with subtests.test(page=name, viewport=viewport):
                page = open_page(path, viewport=viewport)
                expect(page.locator("main")).to_contain_text(
                    "Klädutlämning till flyktingar"
                    if "filter" in name and "bad" not in name
                    else "Ring en vän"
                )
                assert not (problems := axe_problems(page)), problems


def test_the_list_and_a_story_fit_320_px(
    stories: dict[str, Any], open_page: Callable[..., Any], subtests: Any
) -> None:
    """WCAG 1.4.10 Reflow: nothing scrolls sideways in a 320 px window."""
    for name, path in _pages(stories).items():
        with subtests.test(page=name):
            page = open_page(path, viewport="mobile")
            page.set_viewport_size({"width": 320, "height": 640})
            width = page.evaluate(
                "Math.max(document.documentElement.scrollWidth, window.innerWidth)"
            )
            assert width <= 320, f"{path} is {width}px wide at 320px"


def test_the_list_filters_without_javascript(
    stories: dict[str, Any], open_page: Callable[..., Any]
) -> None:
    page = open_page(stories["index"].url, javascript=False)
    form = page.locator("main form").filter(has=page.locator("select[name=organisation]"))
    form.locator("select[name=organisation]").select_option("rode-kors")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert parse_qs(urlsplit(page.url).query)["organisation"] == ["rode-kors"]
    titles = page.locator("main .civil-initiative-card h2").all_inner_texts()
    assert titles == ["Klädutlämning till flyktingar"]
    assert page.locator("main select[name=organisation]").input_value() == "rode-kors"
    # The story itself needs no script either: its figures and partners are in the HTML.
    with page.expect_navigation():
        page.locator("main .civil-initiative-card a").first.click()
    main = page.locator("main")
    expect(main).to_contain_text("Røde Kors Ullensaker")
    expect(main).to_contain_text("Kultur- och fritidsförvaltningen")
    expect(main.locator(".civil-result-number")).to_have_text("4")


# --- the editor -----------------------------------------------------------------------------------


def test_an_editor_writes_a_story_with_a_bad_figure_shown_on_its_field(
    admin: Any,  # noqa: F811
    site: CivilSite,  # noqa: F811
    make_organisation: Any,
) -> None:
    """Partners picked in the choosers, "femhundra" refused on the number in Swedish with all
    the typing kept; corrected to 500, the story is published and shows it."""
    from wagtail_civil.models import InitiativePage, MunicipalUnit

    make_organisation("Svenska kyrkan i Ulricehamn")
    make_organisation("Bærum frivilligsentral Østre")
    make_organisation("Röda Korset")
    MunicipalUnit.objects.create(name="Kultur- och fritidsförvaltningen")
    index = _story_list(site)

    admin.goto(f"/admin/pages/add/wagtail_civil/initiativepage/{index.pk}/")
    admin.locator("[name=title]").press_sequentially("Ring en vän")
    summary = "Eldsjälar i seniorföreningarna ringer till äldre för en pratstund."
    admin.locator("[name=summary]").fill(summary)
    admin.locator("[name=start_date]").fill("2022-09-01")
    admin.keyboard.press("Escape")  # close the date picker

    modal = _open_chooser(admin, "partner_links")
    for name in ("Svenska kyrkan i Ulricehamn", "Bærum frivilligsentral Østre"):
        modal.locator("tr", has_text=name).locator("[data-multiple-choice-select]").check()
    modal.locator("[data-multiple-choice-submit]").click()
    partners = admin.locator("#id_partner_links-FORMS")
    expect(partners).to_contain_text("Svenska kyrkan i Ulricehamn")
    expect(partners).to_contain_text("Bærum frivilligsentral Østre")

    modal = _open_chooser(admin, "unit_links")
    modal.locator("tr", has_text="Kultur- och fritidsförvaltningen").locator(
        "[data-multiple-choice-select]"
    ).check()
    modal.locator("[data-multiple-choice-submit]").click()
    expect(admin.locator("#id_unit_links-FORMS")).to_contain_text(
        "Kultur- och fritidsförvaltningen"
    )

    admin.locator("#id_results-ADD").click()
    admin.locator("[name=results-0-label]").fill("Telefonsamtal")
    admin.locator("[name=results-0-number]").fill("femhundra")
    admin.locator("[name=results-0-unit]").fill("per år")
    _publish(admin)

    # The error stands at the number, in the editor's language; nothing is published (Wagtail's
    # autosave may have kept a draft of what was typed before, as it does for every page).
    number = admin.locator("[name=results-0-number]")
    field = admin.locator("[data-field-wrapper]", has=number)
    with translation.override("sv"):
        expect(field).to_contain_text(gettext("Enter a number."))
    assert not InitiativePage.objects.filter(live=True).exists()
    assert not InitiativePage.objects.filter(results__isnull=False).exists()
    expect(admin.locator("[name=title]")).to_have_value("Ring en vän")
    expect(admin.locator("[name=summary]")).to_have_value(summary)
    expect(admin.locator("[name=results-0-label]")).to_have_value("Telefonsamtal")
    expect(admin.locator("[name=results-0-unit]")).to_have_value("per år")
    expect(admin.locator("#id_partner_links-FORMS")).to_contain_text("Bærum frivilligsentral Østre")

    number.fill("500")
    _publish(admin)

    story = InitiativePage.objects.get()
    assert story.live and story.slug == "ring-en-vän"
    assert sorted(p.name for p in story.public_partners) == [
        "Bærum frivilligsentral Østre", "Svenska kyrkan i Ulricehamn",
    ]  # fmt: skip
    assert [u.name for u in story.units] == ["Kultur- och fritidsförvaltningen"]
    assert [(r.label, r.number, r.unit) for r in story.results.all()] == [
        ("Telefonsamtal", Decimal(500), "per år")
    ]
    response = admin.goto(story.url)
    assert response is not None and response.status == 200
    expect(admin.locator("main")).to_contain_text("Telefonsamtal: 500 per år")
