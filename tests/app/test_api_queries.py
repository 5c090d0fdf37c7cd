"""A list of 50 items costs the queries of a list of 5, on every endpoint."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.app.api_content import *  # noqa: F403 (the fixtures)
from tests.app.conftest import next_week_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def makers(
    make_meeting, make_agreement, make_council, make_plan, make_need, make_organisation,
    make_category,
) -> dict[str, Any]:  # fmt: skip
    """``{endpoint: make(n)}``: the n-th item, with the relations its endpoint reads."""
    culture = make_category("Kulturföreningar", slug="kultur")
    org = make_organisation("Søndre Ås idrettslag", categories=[culture])
    other = make_organisation("Hemlig förening", live=False)

    def meeting(n: int) -> Any:
        agreement = make_agreement(f"Överenskommelse {n}", signatories=[org])
        return make_meeting(
            f"Möte {n}", hosts=[org, other], categories=[culture], agreement=agreement,
            start=next_week_at(days=n + 1),
        )  # fmt: skip

    def agreement(n: int) -> Any:
        return make_agreement(
            f"Överenskommelse {n}", signatories=[org, other, "Kommunen"],
            commitments=[(2, "dialogue"), (1, "")], valid_from=dt.date(2024, 1, 1),
        )  # fmt: skip

    def council(n: int) -> Any:
        holder = {"name": f"Åse {n}", "on_behalf_of": org}
        seats = [("Idretten", [holder], {"represents": "organisation", "organisation": org})]
        return make_council(f"Råd {n}", seats=seats)

    def plan(n: int) -> Any:
        actions = [{"title": "Nettside", "status": "started", "partners": [org, other]}]
        return make_plan(f"Plan {n}", slug=f"plan-{n}", actions=actions)

    def need(n: int) -> Any:
        return make_need(f"Dugnad {n}", organisation=org)

    def organisation(n: int) -> Any:
        return make_organisation(f"Förening {n}", categories=[culture], parent=org)

    return {
        "meetings": meeting,
        "agreements": agreement,
        "councils": council,
        "action-plans": plan,
        "volunteer-needs": need,
        "organisations": organisation,
    }


@pytest.mark.parametrize(
    "endpoint",
    ["meetings", "agreements", "councils", "action-plans", "volunteer-needs", "organisations"],
)
def test_fifty_items_cost_what_five_do(
    client, civil_site, makers, endpoint: str, django_assert_max_num_queries
) -> None:
    make = makers[endpoint]
    url = f"/api/v2/{endpoint}/?limit=100"
    for n in range(5):
        make(n)
    client.get(url)  # the site's root paths are cached after the first request
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    for n in range(5, 50):
        make(n)
    with django_assert_max_num_queries(len(five)):
        body = client.get(url).json()
    assert body["meta"]["total_count"] >= 50
