"""Fixtures of the API tests: one published item of every kind the API serves, each with what
its endpoint computes (hosts, signatures, seats, actions, offers), and a maker for many.

Imported by the API test modules (``from tests.app.api_content import *``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from wagtail.models import Page

from tests.app.conftest import CivilSite, next_week_at, publish
from tests.app.volunteering import forget_attempts, make_need, need_index  # noqa: F401
from wagtail_civil.models import (
    ActionPlanPage,
    CouncilPage,
    CouncilSeat,
    CouncilSeatHolder,
    MunicipalUnit,
    PlanAction,
)

__all__ = ["make_council", "make_need", "make_plan", "need_index", "one_of_each"]


@pytest.fixture
def make_council(civil_site: CivilSite) -> Callable[..., CouncilPage]:
    """``make_council("Samrådet", seats=[("Pensionärer", [holder kwargs…], seat kwargs)])``."""

    def make(
        title: str = "Samrådet", *, seats: Any = (), live: bool = True, parent: Page | None = None,
        **fields: Any,
    ) -> CouncilPage:  # fmt: skip
        council = CouncilPage(title=title, live=False, **fields)
        (parent or civil_site.home).add_child(instance=council)
        if live:
            council = publish(council)
        else:
            council.save_revision()
        for n, (label, holders, options) in enumerate(seats):
            seat = CouncilSeat(council=council, label=label, sort_order=n, **options)
            seat.holders = [CouncilSeatHolder(sort_order=i, **h) for i, h in enumerate(holders)]
            seat.save()
        return council

    return make


@pytest.fixture
def make_plan(civil_site: CivilSite) -> Callable[..., ActionPlanPage]:
    """``make_plan("Handlingsprogram", actions=[{"title", "status", "partners": [...]}])``."""

    def make(
        title: str = "Handlingsprogram 2027", *, actions: Any = (), live: bool = True,
        parent: Page | None = None, **fields: Any,
    ) -> ActionPlanPage:  # fmt: skip
        fields.setdefault("period_start", dt.date(2027, 1, 1))
        fields.setdefault("period_end", dt.date(2027, 12, 31))
        return add_plan(parent or civil_site.home, title, actions, live=live, **fields)

    return make


def add_plan(
    parent: Page, title: str, actions: Any, *, live: bool, ordered: bool = True, **fields: Any
) -> ActionPlanPage:
    """An action plan under ``parent`` with ``actions`` (dicts of PlanAction's fields, with
    ``partners`` and ``units`` lists), numbered 1, 2, …; published when ``live``, else saved as a
    draft revision. ``ordered`` gives the actions their place as the admin's formset does; without
    it they keep Orderable's default, as actions made by code do."""
    plan = ActionPlanPage(title=title, live=False, **fields)
    for number, spec in enumerate(actions, start=1):
        spec = dict(spec)
        partners, units = spec.pop("partners", []), spec.pop("units", [])
        if ordered:
            spec.setdefault("sort_order", number)
        action = PlanAction(number=str(number), **spec)
        action.partners, action.responsible_units = partners, units
        plan.actions.add(action)
    parent.add_child(instance=plan)
    if live:
        return publish(plan)
    plan.save_revision()
    return plan


@pytest.fixture
def one_of_each(
    civil_site: CivilSite,
    make_meeting: Any,
    make_agreement: Any,
    make_organisation: Any,
    make_category: Any,
    make_council: Any,
    make_plan: Any,
    make_need: Any,
) -> dict[str, Any]:
    """One published, public item per endpoint, Norwegian and Swedish letters in the names."""
    culture = make_category("Kulturföreningar", slug="kultur")
    org = make_organisation(
        "Søndre Ås idrettslag", categories=[culture], country="NO",
        organisation_number="920697143", website="https://example.org/idrett/",
    )  # fmt: skip
    unit = MunicipalUnit.objects.create(name="Kultur- och fritidsförvaltningen", slug="kultur")
    agreement = make_agreement(
        "Överenskommelse om lokaler", signatories=[org, "Ås kommune"],
        commitments=[(2, "dialogue")], status="in_force", valid_from=dt.date(2024, 1, 1),
    )  # fmt: skip
    council = make_council(
        "Frivillighetsrådet",
        agreement=agreement,
        seats=[
            ("Idretten", [{"name": "Åse Ødegård", "on_behalf_of": org, "role": "chair",
                           "term_from": timezone.localdate() - dt.timedelta(days=30)}],
             {"represents": "organisation", "organisation": org}),
        ],
    )  # fmt: skip
    meeting = make_meeting(
        "Dialogmøte om lokaler", hosts=[org], agreement=agreement, council=council,
        start=next_week_at(18),
    )  # fmt: skip
    plan = make_plan(
        actions=[
            {"title": "Ny nettside", "status": "started", "progress": 40, "partners": [org],
             "units": [unit]},
            {"title": "Frivillighetsbørs", "status": "done"},
        ],
    )  # fmt: skip
    need = make_need("Vårdugnad på idrettsplassen", organisation=org)
    return {
        "organisation": org,
        "category": culture,
        "unit": unit,
        "agreement": agreement,
        "council": council,
        "meeting": meeting,
        "plan": plan,
        "need": need,
        "site": civil_site,
    }
