"""An action plan's public page in Chromium: axe finds nothing, it fits 320 px, and its filters
work without JavaScript."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.app.conftest import CivilSite, publish

from .test_mobile import _culprits, _too_wide

pytestmark = pytest.mark.browser


@pytest.fixture
def plan_path(
    transactional_db: Any,
    django_db_serialized_rollback: Any,
    civil_site: CivilSite,
    make_organisation: Callable[..., Any],
) -> str:
    from wagtail_civil.models import ActionPlanPage, MunicipalUnit, PlanAction

    health = MunicipalUnit.objects.create(
        name="Helsevern og sosial omsorg, bo- og aktivitetssentrene", slug="helse"
    )
    property_unit = MunicipalUnit.objects.create(name="Kommunale eiendommer", slug="eiendom")
    partner = make_organisation("Frivillighetssentralen i Ullensaker")
    plan = ActionPlanPage(
        title="Handlingsprogram for frivillighetsstrategien 2022",
        slug="handlingsprogram-2022",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        adopted_by="Kommunestyret i Ullensaker",
        adopted_on=dt.date(2021, 12, 14),
        intro="<p>Frivillighetsåret 2022 nærmer seg med stormskritt.</p>",
        live=False,
    )
    for number, (title, status, progress, unit) in enumerate(
        [
            ("Jobbe aktivt med frivillighetsarbeid i helsetjenestene", "started", 20, health),
            ("Utleiereglementet for kommunale bygg og anlegg", "under_way", 55, property_unit),
            ("Forbedre kommunens nettside rettet mot frivillighet", "done", None, health),
            ("Kommunikasjonsplattformsutviklingsprosjektet", "dropped", None, property_unit),
        ],
        start=1,
    ):
        action = PlanAction(
            number=str(number),
            title=title,
            status=status,
            progress=progress,
            target_year=2022,
            description="<p>Styrke samhandlingen mellom frivilligheten og kommunen.</p>",
            milestones=[("milestone", {"date": dt.date(2022, 6, 1), "text": "Første møte"})],
        )
        action.responsible_units = [unit]
        action.partners = [partner]
        plan.actions.add(action)
    civil_site.home.add_child(instance=plan)
    return publish(plan).url


def test_axe_finds_nothing_on_the_plan_page(plan_path, open_page, axe_problems) -> None:
    problems = [axe_problems(open_page(plan_path))]
    problems.append(axe_problems(open_page(plan_path + "?status=finished", viewport="mobile")))
    assert not any(problems), "\n".join(problems)


def test_the_plan_page_fits_320_px(plan_path, open_page) -> None:
    page = open_page(plan_path, viewport="mobile")
    for width in (375, 320):
        page.set_viewport_size({"width": width, "height": 667})
        content = _too_wide(page)
        assert content is None, _culprits(open_page, plan_path, width, False)
    bar = page.locator("main svg.civil-progress-bar").first.bounding_box()
    assert bar is not None and bar["width"] > 100


def test_the_filters_work_without_javascript(plan_path, open_page) -> None:
    page = open_page(plan_path, javascript=False)
    assert page.locator("main li.civil-plan-action").count() == 4
    page.select_option("main form [name=unit]", "eiendom")
    page.select_option("main form [name=status]", "under_way")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert "unit=eiendom" in page.url and "status=under_way" in page.url
    titles = page.locator("main li.civil-plan-action h3").all_inner_texts()
    assert titles == ["2. Utleiereglementet for kommunale bygg og anlegg"]
    # The plan's progress is still the whole plan's, in words beside the bar.
    progress = page.locator("main .civil-plan-progress").inner_text()
    assert "58" in progress  # (20 + 55 + 100) / 3, the dropped action left out
