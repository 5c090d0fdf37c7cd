"""Action plans: the page and its actions, validation in the admin, the status history written on
publish, the rolled-up progress, the filters, copying to the next period and the organisation's
list of actions it is a partner in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from tests.app.api_content import add_plan
from tests.app.conftest import publish
from tests.app.page_html import assert_well_formed_page, parse
from wagtail_civil.action_plan_copy import copy_plan, next_title_and_slug
from wagtail_civil.models import (
    ActionPlanPage,
    ActionStatusChange,
    MunicipalUnit,
    PlanAction,
)
from wagtail_civil.models.action_plan_actions import record_status_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(db):
    return {
        slug: MunicipalUnit.objects.create(name=name, slug=slug)
        for slug, name in [
            ("park-og-idrett", "Park og idrett"),
            ("kultur", "Kultur"),
            ("kommunikasjon", "Kommunikasjon"),
        ]
    }


@pytest.fixture
def make_plan(civil_site):
    """``make_plan(actions=[{"title": ..., "status": ..., "units": [...]}], live=True)``."""

    def make(title="Handlingsprogram 2022", *, actions=(), live=True, parent=None, **fields):
        fields.setdefault("period_start", dt.date(2022, 1, 1))
        fields.setdefault("period_end", dt.date(2022, 12, 31))
        fields.setdefault("slug", "handlingsprogram-2022")
        parent = parent or civil_site.home
        return add_plan(parent, title, actions, live=live, ordered=False, **fields)

    return make


# --- the model and the core's rules -------------------------------------------------------------


def test_the_plan_rolls_its_progress_up_from_its_actions(make_plan):
    plan = make_plan(
        actions=[
            {"title": "Nettside", "status": "done", "progress": 40},
            {"title": "Digital løsning", "status": "started", "progress": 20},
            {"title": "Nettverk", "status": "under_way"},
            {"title": "Utleie", "status": "dropped", "progress": 90},
        ]
    )
    progress = plan.progress()
    # (100 + 20 + 0) / 3 = 40; the dropped action is left out; done counts as 100.
    assert progress.percent == 40
    assert (progress.done, progress.total, progress.counted, progress.dropped) == (1, 4, 3, 1)
    assert progress.open == 2


def test_a_plan_without_actions_has_no_progress_figure(make_plan, client):
    plan = make_plan()
    assert plan.progress().percent is None
    soup = parse(client.get(plan.url))
    assert not soup.main.find("svg")


@pytest.mark.parametrize("value", [-1, 101, 150])
def test_progress_outside_0_to_100_is_an_error_on_the_field(make_plan, value):
    plan = make_plan(actions=[{"title": "Nettside"}])
    action = plan.actions.get()
    action.progress = value
    with pytest.raises(Exception) as raised:
        action.full_clean(exclude=["page"])
    assert "progress" in raised.value.message_dict


def test_a_target_is_a_date_or_a_year_not_both(make_plan):
    plan = make_plan(actions=[{"title": "Nettside"}])
    action = plan.actions.get()
    action.target_date, action.target_year = dt.date(2022, 6, 1), 2022
    with pytest.raises(Exception) as raised:
        action.full_clean(exclude=["page"])
    assert list(raised.value.message_dict) == ["target_year"]


# --- the admin ----------------------------------------------------------------------------------


def _in_swedish(message: str, **params) -> str:
    with translation.override("sv"):
        return gettext(message) % params if params else gettext(message)


def _add_url(civil_site) -> str:
    return f"/admin/pages/add/wagtail_civil/actionplanpage/{civil_site.home.pk}/"


def _plan_form(editor, civil_site, *, period_end="2022-12-31", progress="30", milestone=None):
    response = editor.get(_add_url(civil_site))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    milestones = [("milestone", {"date": milestone, "text": "Kravspesifikasjon klar"})]
    action = {
        "number": "2",
        "title": "Etablere digital løsning for frivillighet",
        "description": rich_text("<p>Gjøre det enklere å melde seg.</p>"),
        "status": "started",
        "progress": progress,
        "target_date": "",
        "target_year": "2022",
        "responsible_units": [],
        "partners": [],
        "milestones": streamfield(milestones if milestone else []),
    }
    data.update(
        nested_form_data(
            {
                "title": "Handlingsprogram for frivillighet 2022",
                "slug": "handlingsprogram-2022",
                "period_start": "2022-01-01",
                "period_end": period_end,
                "adopted_by": "Kommunestyret i Ullensaker",
                "intro": rich_text("<p>Frivillighetsstrategien.</p>"),
                "actions": inline_formset([action]),
            }
        )
    )
    data["action-publish"] = "action-publish"
    return data


def test_an_editor_publishes_a_plan_and_its_history_starts(editor, civil_site, admin_user):
    response = editor.post(_add_url(civil_site), _plan_form(editor, civil_site))
    assert response.status_code == 302, response.context["form"].errors
    plan = ActionPlanPage.objects.get()
    assert plan.live
    action = plan.actions.get()
    assert (action.status, action.progress, action.target_year) == ("started", 30, 2022)
    (change,) = ActionStatusChange.objects.all()
    assert (change.action, change.status, change.previous_status) == (action, "started", "")
    assert change.user == admin_user and change.date == timezone.localdate()


def test_bad_progress_is_shown_on_the_field_with_the_typing_kept(editor, civil_site):
    data = _plan_form(editor, civil_site, progress="150")
    response = editor.post(_add_url(civil_site), data)
    assert response.status_code == 200
    formset = response.context["form"].formsets["actions"]
    expected = _in_swedish("Progress is a percentage from 0 to 100, not %(value)s.", value=150)
    assert formset.forms[0].errors["progress"] == [expected]
    html = response.content.decode()
    assert "Etablere digital løsning for frivillighet" in html and 'value="150"' in html
    assert not ActionPlanPage.objects.exists() and not PlanAction.objects.exists()


def test_a_period_that_ends_before_it_starts_is_an_error_on_the_end(editor, civil_site):
    response = editor.post(
        _add_url(civil_site), _plan_form(editor, civil_site, period_end="2021-12-31")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["period_end"] == [
        _in_swedish("The plan's period cannot end before it starts.")
    ]
    assert "2021-12-31" in response.content.decode()
    assert not ActionPlanPage.objects.exists()


def test_a_milestone_after_the_period_is_an_error_on_that_milestone(editor, civil_site):
    data = _plan_form(editor, civil_site, milestone="2023-03-01")
    response = editor.post(_add_url(civil_site), data)
    assert response.status_code == 200
    action_form = response.context["form"].formsets["actions"].forms[0]
    error = action_form.errors.as_data()["milestones"][0]
    date_error = error.block_errors[0].block_errors["date"]
    assert "2023" in date_error.messages[0] and "2022" in date_error.messages[0]
    assert "Kravspesifikasjon klar" in response.content.decode()
    assert not ActionPlanPage.objects.exists()


def test_a_milestone_inside_the_period_is_fine(editor, civil_site):
    response = editor.post(
        _add_url(civil_site), _plan_form(editor, civil_site, milestone="2022-12-31")
    )
    assert response.status_code == 302
    assert PlanAction.objects.get().milestones[0].value["date"] == dt.date(2022, 12, 31)


# --- the status history -------------------------------------------------------------------------


def test_a_draft_change_is_not_history_until_it_is_published(make_plan):
    plan = make_plan(actions=[{"title": "Nettverk", "status": "started"}])
    action = plan.actions.get()
    assert list(action.status_changes.values_list("status", flat=True)) == ["started"]

    draft = plan.get_latest_revision_as_object()
    [edited] = draft.actions.all()
    edited.status = "under_way"
    draft.actions = [edited]  # as the admin's form sets the inlines
    revision = draft.save_revision()
    assert revision.as_object().actions.all()[0].status == "under_way"
    assert list(action.status_changes.values_list("status", flat=True)) == ["started"]
    assert ActionPlanPage.objects.get(pk=plan.pk).actions.get().status == "started"

    revision.publish()
    changes = list(action.status_changes.values_list("previous_status", "status"))
    assert changes == [("", "started"), ("started", "under_way")]


def test_publishing_without_a_status_change_adds_no_history(make_plan):
    plan = make_plan(actions=[{"title": "Nettverk", "status": "started"}])
    plan.title = "Handlingsprogram 2022 (revidert)"
    publish(plan)
    assert ActionStatusChange.objects.count() == 1
    assert record_status_changes(plan) == 0


def test_the_page_shows_each_actions_history_in_order(make_plan, client):
    plan = make_plan(actions=[{"title": "Nettverk", "status": "under_way"}])
    action = plan.actions.get()
    action.status_changes.all().delete()
    ActionStatusChange.objects.create(action=action, status="started", date=dt.date(2022, 2, 1))
    ActionStatusChange.objects.create(
        action=action, status="under_way", previous_status="started", date=dt.date(2022, 9, 1)
    )
    soup = parse(client.get(plan.url))
    history = soup.main.find("ul", class_="civil-history")
    assert [t["datetime"] for t in history.find_all("time")] == ["2022-02-01", "2022-09-01"]


# --- the public page ----------------------------------------------------------------------------


def test_the_page_draws_progress_as_bars_with_the_same_facts_in_text(make_plan, client, units):
    plan = make_plan(
        actions=[
            {"title": "Nettside", "status": "done", "units": [units["kommunikasjon"]]},
            {"title": "Nettverk", "status": "under_way", "progress": 40},
        ]
    )
    response = client.get(plan.url)
    assert response.status_code == 200
    soup = parse(response)
    assert_well_formed_page(soup)
    progress = soup.main.find("section", class_="civil-plan-progress")
    assert "70" in progress.get_text()  # (100 + 40) / 2
    bars = soup.main.find_all("svg", class_="civil-progress-bar")
    assert all(bar["aria-hidden"] == "true" for bar in bars)
    widths = [bar.find_all("rect")[1]["width"] for bar in bars]
    assert widths == ["70", "100", "40"]
    actions = soup.main.find_all("li", class_="civil-plan-action")
    assert "Kommunikasjon" in actions[0].get_text()
    with translation.override("sv"):
        assert pgettext("action status", "Done") in actions[0].get_text()


def test_the_page_filters_by_status_and_by_unit(make_plan, client, units):
    plan = make_plan(
        actions=[
            {"title": "Nettside", "status": "done", "units": [units["kommunikasjon"]]},
            {
                "title": "Nettverk",
                "status": "under_way",
                "units": [units["park-og-idrett"], units["kultur"]],
            },
            {"title": "Helse", "status": "started", "units": [units["kultur"]]},
        ]
    )

    def titles(query):
        response = client.get(plan.url + query)
        assert response.status_code == 200
        return [a.title for a in response.context["actions"]]

    assert titles("") == ["Nettside", "Nettverk", "Helse"]
    assert titles("?status=under_way") == ["Nettverk"]
    assert titles("?unit=kultur") == ["Nettverk", "Helse"]
    assert titles("?unit=kultur&status=started") == ["Helse"]
    # Only the units of this plan are offered; another plan's unit is not a choice here.
    MunicipalUnit.objects.create(name="Skolefritidsordningen", slug="sfo")
    form = client.get(plan.url).context["filter"].form
    assert [u.slug for u in form.fields["unit"].queryset] == [
        "kommunikasjon",
        "kultur",
        "park-og-idrett",
    ]
    assert client.get(plan.url + "?unit=sfo").context["filter"].errors
    # The roll-up is the plan's, whatever the filter shows.
    assert client.get(plan.url + "?status=done").context["plan_progress"].total == 3


@pytest.mark.parametrize(
    "query",
    [
        "?status=finished",
        "?unit=no-such-unit",
        "?unit=99999999999999999999",
        "?status=%00",
        "?unit[]=x&status=done&status=started",
        "?page=abc",
    ],
)
def test_garbage_in_the_filters_never_errors(make_plan, client, units, query):
    plan = make_plan(actions=[{"title": "Nettside", "status": "done"}])
    response = client.get(plan.url + query)
    assert response.status_code in (200, 400)
    if response.status_code == 200 and "status=finished" in query:
        assert response.context["filter"].errors


def test_drafts_private_pages_and_draft_partners_stay_out(
    make_plan, client, make_organisation, civil_site
):
    live_org = make_organisation("Frivillighetssentralen i Ullensaker")
    draft_org = make_organisation("Hemmelig forening", live=False)
    plan = make_plan(actions=[{"title": "Nettverk", "partners": [live_org, draft_org]}])
    html = client.get(plan.url).content.decode()
    assert "Frivillighetssentralen i Ullensaker" in html and "Hemmelig forening" not in html

    draft = make_plan("Utkast 2023", slug="utkast-2023", live=False, actions=[{"title": "Utkast"}])
    assert client.get(f"/{draft.slug}/").status_code == 404

    private = make_plan(
        "Lukket 2024", slug="lukket-2024", actions=[{"title": "Hemmelig", "partners": [live_org]}]
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    organisation_page = client.get(live_org.url).content.decode()
    assert "Nettverk" in organisation_page
    assert "Hemmelig" not in organisation_page and "Utkast" not in organisation_page


def _organisation_actions(soup):
    section = soup.main.find("section", attrs={"aria-labelledby": "civil-partner-actions-heading"})
    return [a.get_text(strip=True) for a in section.find_all("a")] if section else []


def test_the_organisation_page_lists_the_actions_it_is_a_partner_in(
    make_plan, client, make_organisation
):
    partner = make_organisation("Ullensaker idrettsråd")
    other = make_organisation("Ullensaker kulturråd")
    plan = make_plan(
        actions=[
            {"title": "Bygge nettverk", "partners": [partner, other]},
            {"title": "Utleiereglementet", "partners": [other]},
        ]
    )
    soup = parse(client.get(partner.url))
    assert _organisation_actions(soup) == ["1. Bygge nettverk"]
    link = soup.main.find("a", string=lambda s: s and "Bygge nettverk" in s)
    assert link["href"] == f"{plan.url}#action-{plan.actions.get(title='Bygge nettverk').pk}"


@pytest.mark.parametrize("count", [5, 50])
def test_the_page_takes_the_same_queries_for_5_or_50_actions(
    make_plan, client, units, make_organisation, django_assert_max_num_queries, count
):
    partner = make_organisation("Frivillighetssentralen i Ullensaker")
    plan = make_plan(
        actions=[
            {
                "title": f"Tiltak {n}",
                "status": ["started", "under_way", "done"][n % 3],
                "progress": n % 100,
                "units": [units["kultur"], units["kommunikasjon"]],
                "partners": [partner],
            }
            for n in range(count)
        ]
    )
    client.get(plan.url)  # warm the site caches
    with django_assert_max_num_queries(14):
        response = client.get(plan.url + "?unit=kultur")
    assert len(response.context["actions"]) == count


@pytest.mark.parametrize("count", [5, 50])
def test_the_organisation_list_takes_the_same_queries_for_5_or_50_actions(
    make_plan, client, make_organisation, django_assert_max_num_queries, count
):
    partner = make_organisation("Frivillighetssentralen i Ullensaker")
    make_plan(actions=[{"title": f"Tiltak {n}", "partners": [partner]} for n in range(count)])
    client.get(partner.url)
    with django_assert_max_num_queries(21):  # the page also lists stories and meetings
        response = client.get(partner.url)
    assert response.content.decode().count("#action-") == count


def test_the_preview_shows_actions_not_saved_yet(make_plan, editor, civil_site):
    plan = make_plan(actions=[{"title": "Nettside", "status": "done"}])
    draft = plan.get_latest_revision_as_object()
    draft.actions = [
        *draft.actions.all(),
        PlanAction(title="Nytt tiltak i forhåndsvisning", status="started"),
    ]
    context = draft.get_context(editor.get("/").wsgi_request)
    assert [a.title for a in context["actions"]] == ["Nettside", "Nytt tiltak i forhåndsvisning"]
    assert context["plan_progress"].total == 2


# --- copying to the next period -----------------------------------------------------------------


def test_copy_carries_the_unfinished_actions_over_as_a_draft(make_plan, units, make_organisation):
    partner = make_organisation("Ullensaker kulturråd")
    plan = make_plan(
        actions=[
            {"title": "Nettside", "status": "done"},
            {
                "title": "Nettverk",
                "status": "under_way",
                "progress": 60,
                "units": [units["kultur"]],
                "partners": [partner],
                "milestones": [
                    ("milestone", {"date": dt.date(2022, 5, 1), "text": "Passert"}),
                    ("milestone", {"date": dt.date(2022, 12, 31), "text": "Også passert"}),
                ],
            },
            {"title": "Utleie", "status": "dropped"},
            {"title": "Helse", "status": "postponed"},
        ],
        adopted_by="Kommunestyret",
    )
    title, slug = next_title_and_slug(plan)
    assert (title, slug) == ("Handlingsprogram 2023", "handlingsprogram-2023")
    new = copy_plan(plan, title, slug)
    assert not new.live and new.get_parent().pk == plan.get_parent().pk
    assert (new.period_start, new.period_end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert new.adopted_by == "" and new.adopted_on is None
    carried = list(new.actions.order_by("sort_order"))
    assert [(a.title, a.status) for a in carried] == [
        ("Nettverk", "under_way"),
        ("Helse", "postponed"),
    ]
    assert carried[0].progress == 60 and list(carried[0].responsible_units.all()) == [
        units["kultur"]
    ]
    assert list(carried[0].partners.all()) == [partner]
    assert carried[0].carried_over_from_id == plan.pk
    assert len(carried[0].milestones) == 0
    assert not ActionStatusChange.objects.filter(action__page=new).exists()
    assert new.get_latest_revision() is not None


def test_copy_view_confirms_then_refuses_a_clash(make_plan, editor):
    plan = make_plan(actions=[{"title": "Nettverk", "status": "started"}])
    url = f"/admin/action-plans/{plan.pk}/copy/"
    response = editor.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "handlingsprogram-2023" in html and "Nettverk" in html

    response = editor.post(url, {"title": "Handlingsprogram 2023", "slug": "handlingsprogram-2023"})
    assert response.status_code == 302
    new = ActionPlanPage.objects.get(slug="handlingsprogram-2023")
    assert response["Location"] == f"/admin/pages/{new.pk}/edit/"

    response = editor.post(url, {"title": "Handlingsprogram 2023", "slug": "handlingsprogram-2023"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["slug"] and "Handlingsprogram 2023" in errors["slug"][0]
    assert ActionPlanPage.objects.filter(slug="handlingsprogram-2023").count() == 1


def test_copy_button_is_on_the_plan_in_the_admin(make_plan, editor):
    plan = make_plan()
    html = editor.get(f"/admin/pages/{plan.pk}/edit/").content.decode()
    assert f"/admin/action-plans/{plan.pk}/copy/" in html
    listing = editor.get(f"/admin/pages/{plan.get_parent().pk}/").content.decode()
    assert f"/admin/action-plans/{plan.pk}/copy/" in listing


def test_copy_needs_permission_to_add_a_page_beside_the_plan(make_plan, client, django_user_model):
    plan = make_plan()
    user = django_user_model.objects.create_user("lesar", password="x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail's admin answers a PermissionDenied by sending the user back to the dashboard.
    response = client.post(f"/admin/action-plans/{plan.pk}/copy/", {"title": "X", "slug": "x"})
    assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"
    assert ActionPlanPage.objects.count() == 1
    assert client.get("/admin/action-plans/999999/copy/").status_code == 404


def test_every_action_status_has_one_translated_choice():
    from civilsamhalle.enums import ActionStatus
    from wagtail_civil.choices import ACTION_STATUS_CHOICES

    assert [value for value, _ in ACTION_STATUS_CHOICES] == [s.value for s in ActionStatus]


def test_the_api_gives_only_published_partners(make_plan, make_organisation, units):
    live = make_organisation("Ullensaker idrettsråd")
    draft = make_organisation("Hemmelig forening", live=False)
    plan = make_plan(
        actions=[{"title": "Nettverk", "partners": [live, draft], "units": [units["kultur"]]}]
    )
    action = plan.actions.get()
    assert action.public_partners == [{"name": "Ullensaker idrettsråd", "slug": live.slug}]
    assert action.responsible_unit_list == [{"name": "Kultur", "slug": "kultur"}]


def test_the_plan_is_in_the_api_fields_and_search_fields():
    names = {field.name for field in ActionPlanPage.api_fields}
    assert {"period_start", "period_end", "adopted_by", "actions"} <= names
    assert {field.name for field in PlanAction.api_fields} >= {"status", "progress", "milestones"}
    searched = {getattr(f, "field_name", None) for f in ActionPlanPage.search_fields}
    assert "actions" in searched
