"""``/api/v2/agreements/``: signatures and the commitments' computed states."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

URL = "/api/v2/agreements/"


def test_an_agreement_with_signatures_and_a_commitment_at_risk(
    client, civil_site, make_agreement, make_organisation, make_category, make_meeting
) -> None:
    culture = make_category("Kulturföreningar", slug="kultur")
    theatre = make_organisation(
        "Teaterföreningen", categories=[culture], organisation_number="802400-1235"
    )
    hidden = make_organisation("Hemlig förening", live=False)
    agreement = make_agreement(
        "ÖK Idé Luleå",
        signatories=[theatre, hidden, "Luleå kommun"],
        commitments=[(2, "dialogue")],
        status="in_force",
        valid_from=dt.date(2020, 1, 1),
    )
    make_meeting("Dialog", agreement=agreement, start=timezone.now() - dt.timedelta(days=1))
    body = client.get(URL).json()
    item = next(i for i in body["items"] if i["id"] == agreement.pk)
    assert item["title"] == "ÖK Idé Luleå"
    assert item["status"] == "in_force"
    assert item["valid_from"] == "2020-01-01"
    assert item["valid_until"] is None
    assert item["meta"]["html_url"] == f"http://testserver{agreement.url}"
    assert item["feed_url"] == f"http://testserver/calendar/agreements/{agreement.pk}.ics"
    # The unpublished organisation is not named.
    assert [s["party"] for s in item["signatures"]] == ["Teaterföreningen", "Luleå kommun"]
    assert item["signatures"][0]["organisation"] == {
        "id": theatre.pk,
        "name": "Teaterföreningen",
        "organisation_number": "802400-1235",
    }
    assert item["signatures"][1]["organisation"] is None
    (commitment,) = item["commitments"]
    year = timezone.localdate().year
    assert commitment["description"] == "Minst 2 möten per år"
    assert commitment["meeting_kind"] == "dialogue"
    assert commitment["held"] == 1
    assert commitment["required"] == 2
    assert commitment["state"] in ("at_risk", "on_track")
    assert commitment["state"] == agreement.commitment_statuses()[0].state.value
    assert commitment["period"] == {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    assert client.get(f"{URL}{agreement.pk}/").json() == item

    def titles(query: str) -> list[str]:
        return [i["title"] for i in client.get(URL + query).json()["items"]]

    assert titles(f"?organisation={theatre.pk}") == ["ÖK Idé Luleå"]
    assert titles(f"?organisation={hidden.pk}") == []
    assert titles("?category=kultur") == ["ÖK Idé Luleå"]
    assert titles("?status=in_force") == ["ÖK Idé", "ÖK Idé Luleå"]  # the site's and this one
    assert titles("?status=expired") == []


@pytest.mark.parametrize(
    "query",
    ["?status=signed", "?organisation=x", "?category=%20", "?order=secret", "?start_after=1"],
)
def test_garbage_is_a_400(client, civil_site, query: str) -> None:
    response = client.get(URL + query)
    assert response.status_code == 400
    assert response.json()["message"]
