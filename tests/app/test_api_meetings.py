"""``/api/v2/meetings/``: the contract's shape (API_CONTRACT, docs/api.md), filters, 400s."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wagtail_civil.models import MeetingPage

pytestmark = pytest.mark.django_db

URL = "/api/v2/meetings/"


def items(client: Any, query: str = "") -> list[dict[str, Any]]:
    response = client.get(URL + query)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_a_meeting_has_the_contracts_shape(client, dialogue) -> None:
    meeting = dialogue["meeting"]
    body = client.get(URL).json()
    assert body["meta"] == {"total_count": 1}
    (item,) = body["items"]
    assert item["id"] == meeting.pk
    assert item["meta"]["type"] == "wagtail_civil.MeetingPage"
    assert item["meta"]["detail_url"] == f"http://testserver/api/v2/meetings/{meeting.pk}/"
    assert item["meta"]["html_url"] == f"http://testserver{meeting.url}"
    assert item["meta"]["locale"] == "sv"
    assert item["title"] == "Dialogmöte om lokaler"
    assert item["uid"] == f"{meeting.uid}@test.example.org"
    assert item["status"] == "scheduled"
    # 16:00 UTC on 13 October is 18:00 in Sweden's summer time.
    assert item["start"].endswith("T18:00:00+02:00")
    assert item["end"].endswith("T21:00:00+02:00")
    assert item["timezone"] == "Europe/Stockholm"
    assert item["kind"] == "dialogue"
    assert item["mode"] == "in_person"
    assert item["venue"] == {
        "name": "Folkets Hus",
        "street_address": "Norra Drottninggatan 12",
        "postal_code": "451 30",
        "locality": "Uddevalla",
        "latitude": None,
        "longitude": None,
        "directions": "",
    }
    assert item["online_url"] == ""
    assert item["feed_url"] == f"http://testserver/calendar/meeting/{meeting.pk}.ics"
    agreement = dialogue["agreement"]
    assert item["agreement"] == {
        "id": agreement.pk,
        "title": "ÖK Idé",
        "html_url": f"http://testserver{agreement.url}",
    }
    assert item["council"] is None
    # The unpublished host is not named.
    assert item["organisations"] == [
        {"id": dialogue["org"].pk, "name": "Röda Korset", "organisation_number": ""}
    ]
    assert item["municipal_hosts"] == ["Kultur- och fritidsförvaltningen"]
    assert item["categories"] == ["Pensionärsorganisationer"]
    assert item["last_published_at"].endswith(("+01:00", "+02:00"))
    assert client.get(item["meta"]["detail_url"]).json() == item


def test_the_feed_url_answers_with_the_same_uid(client, dialogue) -> None:
    (item,) = items(client)
    feed = client.get(item["feed_url"].removeprefix("http://testserver"))
    assert f"UID:{item['uid']}" in feed.content.decode()


def test_filters(client, civil_site, make_meeting, make_organisation, make_category) -> None:
    culture = make_category("Kulturföreningar", slug="kultur")
    theatre = make_organisation("Teaterföreningen", categories=[culture])
    start = dt.datetime(2031, 3, 10, 17, 0, tzinfo=dt.UTC)
    hosted = make_meeting("Teaterdialog", start=start, hosts=[theatre])
    later = make_meeting(
        "Hearing",
        start=start + dt.timedelta(days=30),
        kind="hearing",
        status="cancelled",
        agreement=civil_site.agreement,
    )

    def titles(query: str) -> list[str]:
        return [item["title"] for item in items(client, query)]

    assert titles("") == ["Teaterdialog", "Hearing"]
    assert titles("?start_after=2031-03-11") == ["Hearing"]
    assert titles("?start_before=2031-03-11") == ["Teaterdialog"]
    assert titles("?start_after=2031-03-10T18:00:00%2B01:00") == ["Teaterdialog", "Hearing"]
    assert titles("?start_after=2031-03-10T18:00:01%2B01:00") == ["Hearing"]
    assert titles(f"?organisation={theatre.pk}") == ["Teaterdialog"]
    assert titles("?category=kultur") == ["Teaterdialog"]
    assert titles("?category=okand") == []
    assert titles(f"?agreement={civil_site.agreement.pk}") == ["Hearing"]
    assert titles("?status=cancelled&kind=hearing") == ["Hearing"]
    assert titles("?order=-start") == ["Hearing", "Teaterdialog"]
    assert titles("?limit=1&offset=1") == ["Hearing"]
    assert hosted.pk != later.pk


@pytest.mark.parametrize(
    "query",
    [
        "?start_after=igår",
        "?start_after=2031-02-30",
        "?start_before=0001-01-01",
        "?start_before=99999-01-01",
        "?organisation=abc",
        "?organisation=-1",
        "?organisation=99999999999999999999",
        "?agreement=1.5",
        "?category=<script>",
        "?category=a%00b",
        "?status=confirmed",
        "?mode=teleport",
        "?order=password",
        "?limit=-1",
        "?limit=abc",
        "?offset=x",
        "?fields=nonexistent",
        "?type=wagtailcore.Page",
        "?search=x",
        "?whatever=1",
    ],
)
def test_garbage_is_a_400_with_a_message(client, dialogue, query: str) -> None:
    response = client.get(URL + query)
    assert response.status_code == 400
    assert response.json()["message"]


def test_a_message_is_in_the_requesters_language(client, dialogue) -> None:
    response = client.get(URL + "?organisation=abc", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["message"] == (
        "organisation must be the id of an item, a positive whole number."
    )


def test_unknown_ids_are_404(client, dialogue) -> None:
    assert client.get(URL + "999999/").status_code == 404
    assert client.get(URL + "99999999999999999999/").status_code == 404
    assert MeetingPage.objects.count() == 1
