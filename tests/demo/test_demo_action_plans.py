"""The demo's action programme: Ullensaker 2022 as the seed gives it, in Bokmål, with history."""

from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup
from demo.action_plans import PLAN_SLUG

from wagtail_civil.models import ActionPlanPage, ActionStatusChange, MunicipalUnit


def _plan() -> ActionPlanPage:
    return ActionPlanPage.objects.get(slug=PLAN_SLUG)


def test_ullensakers_plan_has_the_six_actions_with_the_seeds_statuses(demo):
    plan = _plan()
    assert plan.live and plan.get_parent().specific == demo.home
    assert plan.title.startswith("Ullensaker: ")
    assert (plan.period_start.isoformat(), plan.period_end.isoformat()) == (
        "2022-01-01",
        "2022-12-31",
    )
    actions = list(plan.actions.order_by("sort_order"))
    assert [a.number for a in actions] == ["1", "2", "3", "4", "5", "6"]
    assert actions[1].title == "Etablere digital løsning for frivillighet"
    assert Counter(a.status for a in actions) == {"started": 2, "under_way": 3, "not_started": 1}
    assert all(a.target_year == 2022 for a in actions)


def test_the_units_and_partners_are_from_the_registers(demo):
    network = _plan().actions.get(number="3")
    assert {u.name for u in network.responsible_units.all()} == {
        "Park og idrett",
        "Kultur",
        "Kommunikasjon",
    }
    assert {o.name for o in network.partners.all()} == {
        "Frivillighetssentralen i Ullensaker",
        "Ullensaker idrettsråd",
        "Ullensaker kulturråd",
    }
    assert MunicipalUnit.objects.filter(name="Kommunale eiendommer").exists()


def test_each_action_has_a_status_history_ending_in_its_status(demo):
    for action in _plan().actions.all():
        history = list(action.status_changes.order_by("date", "pk"))
        assert history and history[-1].status == action.status
    assert ActionStatusChange.objects.filter(action__page=_plan()).count() == 9


def test_reloading_the_demo_adds_nothing(load):
    before = (ActionPlanPage.objects.count(), ActionStatusChange.objects.count())
    load()
    assert (ActionPlanPage.objects.count(), ActionStatusChange.objects.count()) == before
    assert MunicipalUnit.objects.filter(name="Kultur").count() == 1


def test_the_plan_page_reads_in_bokmal_and_filters(demo, client):
    plan = _plan()
    response = client.get(plan.url, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "nb"
    text = soup.main.get_text(" ", strip=True)
    assert "Bygge og promotere nettverk" in text and "Kommunestyret i Ullensaker" in text
    assert len(soup.main.find_all("li", class_="civil-plan-action")) == 6
    filtered = client.get(plan.url + "?unit=kommunale-eiendommer&status=under_way")
    assert [a.title for a in filtered.context["actions"]] == ["Utleiereglementet"]


def test_the_idrettsrad_page_lists_its_action(demo, client):
    from wagtail_civil.models import Organisation

    html = client.get(Organisation.objects.get(slug="ullensaker-idrettsrad").url).content.decode()
    assert "Bygge og promotere nettverk" in html
