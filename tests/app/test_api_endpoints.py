"""``/api/v2/organisations/``, ``councils/``, ``action-plans/``, ``volunteer-needs/``: their
items' shapes, filters, and 400 for garbage (meetings and agreements: their own modules)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.app.api_content import *  # noqa: F403 (the fixtures)

pytestmark = pytest.mark.django_db


def get(client: Any, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["ETag"]
    return response.json()


def only_item(client: Any, url: str) -> dict[str, Any]:
    body = get(client, url)
    assert body["meta"]["total_count"] == 1
    (item,) = body["items"]
    assert get(client, item["meta"]["detail_url"].removeprefix("http://testserver")) == item
    return item


def test_an_organisation(client, one_of_each) -> None:
    org = one_of_each["organisation"]
    item = only_item(client, "/api/v2/organisations/")
    assert item["id"] == org.pk
    assert item["meta"]["type"] == "wagtail_civil.Organisation"
    assert item["name"] == "Søndre Ås idrettslag"
    assert item["slug"] == org.slug
    assert item["country"] == "NO"
    assert item["organisation_number"] == "920697143"
    assert item["categories"] == [{"slug": "kultur", "name": "Kulturföreningar"}]
    assert item["parent"] is None
    assert item["website"] == "https://example.org/idrett/"
    # The directory's page of the organisation, its Norwegian letters percent-encoded.
    assert item["html_url"] == "http://testserver/organisationer/s%C3%B8ndre-%C3%A5s-idrettslag/"
    assert [i["name"] for i in get(client, "/api/v2/organisations/?category=kultur")["items"]] == [
        "Søndre Ås idrettslag"
    ]
    assert get(client, "/api/v2/organisations/?country=SE")["items"] == []
    assert get(client, "/api/v2/organisations/?kind=association")["meta"]["total_count"] == 1


def test_a_council(client, one_of_each) -> None:
    council, org = one_of_each["council"], one_of_each["organisation"]
    item = only_item(client, "/api/v2/councils/")
    assert item["title"] == "Frivillighetsrådet"
    assert item["kind"] == "council"
    assert item["agreement"]["id"] == one_of_each["agreement"].pk
    assert item["feed_url"] == f"http://testserver/calendar/councils/{council.pk}.ics"
    (seat,) = item["seats"]
    assert seat["label"] == "Idretten"
    assert seat["represents"] == "organisation"
    assert seat["represented"] == "Søndre Ås idrettslag"
    assert seat["vacant"] is False
    (holder,) = seat["holders"]
    assert holder["name"] == "Åse Ødegård"
    assert holder["role"] == "chair"
    assert holder["state"] == "current"
    assert holder["on_behalf_of"]["id"] == org.pk
    assert get(client, f"/api/v2/councils/?organisation={org.pk}")["meta"]["total_count"] == 1
    assert get(client, "/api/v2/councils/?kind=working_group")["items"] == []


def test_an_action_plan(client, one_of_each) -> None:
    item = only_item(client, "/api/v2/action-plans/")
    assert item["title"] == "Handlingsprogram 2027"
    assert item["period_start"] == "2027-01-01"
    assert item["period_end"] == "2027-12-31"
    assert item["progress"]["total"] == 2
    assert item["progress"]["done"] == 1
    assert item["progress"]["by_status"] == {"started": 1, "done": 1}
    first, second = item["actions"]
    assert first["title"] == "Ny nettside"
    assert first["status"] == "started"
    assert first["progress"] == 40
    assert first["partners"][0]["name"] == "Søndre Ås idrettslag"
    assert first["responsible_units"] == [
        {"name": "Kultur- och fritidsförvaltningen", "slug": "kultur"}
    ]
    assert second["partners"] == []
    org = one_of_each["organisation"]
    assert get(client, f"/api/v2/action-plans/?organisation={org.pk}")["meta"]["total_count"] == 1
    assert (
        get(client, "/api/v2/action-plans/?period_includes=2027-06-01")["meta"]["total_count"] == 1
    )
    assert get(client, "/api/v2/action-plans/?period_includes=2028-01-01")["items"] == []


def test_a_volunteer_need(client, one_of_each) -> None:
    need = one_of_each["need"]
    item = only_item(client, "/api/v2/volunteer-needs/")
    assert item["title"] == "Vårdugnad på idrettsplassen"
    assert item["uid"] == f"volunteer-need-{need.uid}@test.example.org"
    assert item["timing"] == "one_off"
    assert item["start"].endswith(("T10:00:00+01:00", "T10:00:00+02:00"))
    assert item["state"] == "open"
    assert item["volunteers_needed"] == 4
    assert item["places_left"] == 4
    assert item["poster"]["organisation"]["name"] == "Søndre Ås idrettslag"
    assert item["feed_url"].startswith("http://testserver/calendar/volunteer-needs/")
    assert get(client, "/api/v2/volunteer-needs/?open=true")["meta"]["total_count"] == 1
    assert get(client, "/api/v2/volunteer-needs/?open=false")["items"] == []
    assert get(client, "/api/v2/volunteer-needs/?timing=ongoing")["items"] == []


def test_the_volunteer_needs_etag_follows_the_answer(client, one_of_each) -> None:
    url = "/api/v2/volunteer-needs/"
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/organisations/?category=ä ö",
        "/api/v2/organisations/?country=DK",
        "/api/v2/organisations/?kind=mafia",
        "/api/v2/organisations/?parent=ett",
        "/api/v2/organisations/?live=false",
        "/api/v2/organisations/?order=email",
        "/api/v2/councils/?agreement=x",
        "/api/v2/councils/?organisation=0",
        "/api/v2/councils/?kind=cabal",
        "/api/v2/action-plans/?period_includes=2027-13-01",
        "/api/v2/action-plans/?organisation=1e3",
        "/api/v2/volunteer-needs/?open=kanskje",
        "/api/v2/volunteer-needs/?start_after=i+morgen",
        "/api/v2/volunteer-needs/?unit=%F0%9F%92%A9",
        "/api/v2/volunteer-needs/?timing=sometimes",
        "/api/v2/volunteer-needs/?contact_email=x",
    ],
)
def test_garbage_is_a_400(client, one_of_each, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["message"]
