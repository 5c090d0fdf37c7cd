"""Volunteer need pages and their list: the rules editors meet, the list's filters, privacy,
search and API fields, and queries that do not grow with the number of needs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageViewRestriction

from civilsamhalle.enums import VolunteerNeedState
from tests.app.conftest import next_week_at, publish
from tests.app.volunteering import *  # noqa: F403 (the fixtures)
from wagtail_civil.models import MunicipalUnit, VolunteerNeedPage

pytestmark = pytest.mark.django_db


def titles(response: Any) -> list[str]:
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".civil-need-card h2 a")]


# --- rules -------------------------------------------------------------------------------------


def test_a_need_that_ends_before_it_starts_is_refused_on_the_end(need_index):
    start = next_week_at(hour=14)
    need = VolunteerNeedPage(title="Loppemarked", timing="one_off", start=start,
                             end=start - dt.timedelta(hours=2))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        need.clean()
    assert "end" in error.value.message_dict


def test_a_need_that_takes_offers_after_the_task_is_refused_on_open_until(need_index):
    start = next_week_at(hour=10)
    need = VolunteerNeedPage(title="Loppemarked", timing="one_off", start=start,
                             end=start + dt.timedelta(hours=3),
                             open_until=(start + dt.timedelta(days=3)).date())  # fmt: skip
    with pytest.raises(ValidationError) as error:
        need.clean()
    assert list(error.value.message_dict) == ["open_until"]


def test_a_one_off_need_needs_its_times_and_an_ongoing_one_keeps_none(need_index, make_need):
    with pytest.raises(ValidationError) as error:
        VolunteerNeedPage(title="Uten tid", timing="one_off").clean()
    assert {"start", "end"} <= set(error.value.message_dict)
    ongoing = make_need("Besøksvenn", timing="ongoing", start=next_week_at(), end=None)
    assert (ongoing.start, ongoing.end) == (None, None)
    assert ongoing.state_at() is VolunteerNeedState.OPEN


def test_the_uid_never_changes_and_sequence_rises_only_for_calendar_changes(make_need):
    need = make_need()
    uid = need.uid
    need.skills = "Gjerne erfaring med maling"
    need = publish(need)
    assert (need.uid, need.sequence) == (uid, 0)
    need.start += dt.timedelta(hours=1)
    need.end += dt.timedelta(hours=1)
    need = publish(need)
    assert (need.uid, need.sequence) == (uid, 1)
    copy = need.copy(update_attrs={"slug": "kopi", "title": "Kopi"})
    assert copy.uid != uid


def test_a_need_closes_when_enough_volunteers_are_accepted(make_need, make_offer):
    need = make_need(volunteers_needed=2)
    make_offer(need, status="accepted")
    make_offer(need, status="declined")
    assert need.state_at() is VolunteerNeedState.OPEN
    assert need.places_left == 1
    make_offer(need, status="accepted")
    assert need.state_at() is VolunteerNeedState.FILLED
    later = need.end + dt.timedelta(minutes=1)
    assert need.state_at(later) is VolunteerNeedState.CLOSED


def test_api_and_search_fields():
    api = {field.name for field in VolunteerNeedPage.api_fields}
    assert {"timing", "start", "end", "area", "volunteers_needed", "open_until", "state"} <= api
    assert not {"offers", "reported_by_public"} & api
    searched = {field.field_name for field in VolunteerNeedPage.search_fields}
    assert {"title", "description", "skills", "area"} <= searched


# --- the list ----------------------------------------------------------------------------------


@pytest.fixture
def needs(make_need, make_offer, make_organisation):
    lions = make_organisation("Lions Club Jessheim")
    park = MunicipalUnit.objects.create(name="Park og idrett")
    made = {
        "dugnad": make_need("Vårdugnad", unit=park, start=next_week_at(hour=10, days=3)),
        "marked": make_need(
            "Julemarked", organisation=lions, area="Kløfta", start=next_week_at(hour=11, days=20)
        ),  # fmt: skip
        "besok": make_need("Besøksvenn", timing="ongoing", area="Kløfta", organisation=lions),
        "fylt": make_need("Fylt oppdrag", volunteers_needed=1),
        "stengt": make_need(
            "Stengt oppdrag",
            timing="ongoing",
            open_until=timezone.localdate() - dt.timedelta(days=1),
        ),  # fmt: skip
        "utkast": make_need("Utkast", live=False),
        "privat": make_need("Privat oppdrag"),
    }
    make_offer(made["fylt"], status="accepted")
    PageViewRestriction.objects.create(
        page=made["privat"], restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )
    return {**made, "lions": lions, "park": park}


def test_the_list_shows_open_published_public_needs_soonest_first(client, need_index, needs):
    assert titles(client.get(need_index.url)) == ["Vårdugnad", "Julemarked", "Besøksvenn"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?area=Kløfta", ["Julemarked", "Besøksvenn"]),
        ("?timing=ongoing", ["Besøksvenn"]),
        ("?timing=one_off&when=week", ["Vårdugnad"]),
        ("?when=week", ["Vårdugnad", "Besøksvenn"]),
        ("?organisation=lions-club-jessheim", ["Julemarked", "Besøksvenn"]),
        ("?unit=park-og-idrett", ["Vårdugnad"]),
    ],
)
def test_the_filters(client, need_index, needs, query, expected):
    assert titles(client.get(need_index.url + query)) == expected


@pytest.mark.parametrize(
    "query",
    [
        "?area=Atlantis",
        "?when=tomorrow",
        "?timing=%00",
        "?organisation=finnes-ikke",
        "?unit=99999999999999999999",
        "?page=banan",
        "?area[]=x&when=" + "x" * 5000,
    ],
)
def test_garbage_filters_are_an_error_on_the_field_never_a_500(client, need_index, needs, query):
    response = client.get(need_index.url + query)
    assert response.status_code == 200
    shown = titles(response)
    assert "Utkast" not in shown and "Privat oppdrag" not in shown
    if "page=" not in query:
        assert BeautifulSoup(response.content.decode(), "html.parser").select(".civil-error")


def test_the_list_costs_the_same_queries_for_three_needs_or_thirty(
    client, need_index, make_need, django_assert_max_num_queries
):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(need_index.url + "?area=Jessheim").status_code == 200
        return len(captured)

    for i in range(3):
        make_need(f"Oppdrag {i}")
    few = count()
    for i in range(27):
        make_need(f"Flere oppdrag {i}", timing="ongoing" if i % 2 else "one_off")
    with django_assert_max_num_queries(few):
        client.get(need_index.url + "?area=Jessheim")


def test_a_need_page_costs_the_same_queries_with_many_offers(
    client, make_need, make_offer, django_assert_max_num_queries
):
    need = make_need(volunteers_needed=None)
    client.get(need.url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(need.url).status_code == 200
    for i in range(20):
        make_offer(need, status="accepted" if i % 2 else "new")
    with django_assert_max_num_queries(len(captured)):
        assert client.get(need.url).status_code == 200


def test_drafts_and_private_needs_are_not_served_to_the_public(client, needs):
    private = client.get(needs["privat"].url).content.decode()  # Wagtail's password form
    assert 'name="password"' in private
    assert "Kari Nordmann" not in private and "offer-name" not in private
    assert client.get("/frivillig/utkast/").status_code == 404
