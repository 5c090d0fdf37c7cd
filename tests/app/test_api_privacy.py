"""The API serves only what residents may see: a draft, an unpublished page, a page behind a
view restriction and an unpublished organisation are in no list, no detail and no filter."""

from __future__ import annotations

import json
from typing import Any

import pytest
from wagtail.models import Page, PageViewRestriction

from tests.app.api_content import *  # noqa: F403 (the fixtures)
from tests.app.conftest import publish
from wagtail_civil.models import MeetingIndexPage, VolunteerNeedIndexPage

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "meetings": "meeting",
    "agreements": "agreement",
    "councils": "council",
    "action-plans": "plan",
    "volunteer-needs": "need",
    "organisations": "organisation",
}


@pytest.fixture
def hidden(
    one_of_each, make_meeting, make_agreement, make_council, make_plan, make_need,
    make_organisation,
) -> dict[str, list[Any]]:  # fmt: skip
    """For each endpoint: a draft, a page published then unpublished, and one in a section
    behind a password (a view restriction); an organisation that is only a draft."""
    site = one_of_each["site"]
    section = site.home.add_child(instance=Page(title="Intern", slug="intern"))
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="hemlig"
    )
    private_meetings = section.add_child(instance=MeetingIndexPage(title="Interna möten"))
    private_needs = section.add_child(instance=VolunteerNeedIndexPage(title="Interna uppdrag"))
    secret_org = make_organisation("Hemliga sällskapet", live=False)
    found: dict[str, list[Any]] = {key: [] for key in ENDPOINTS.values()}

    def three(key: str, make: Any, private_parent: Any, **fields: Any) -> None:
        draft = make(f"Hemligt utkast {key}", live=False, **fields)
        withdrawn = make(f"Hemligt tillbakadraget {key}", **fields)
        withdrawn.unpublish()
        private = make(f"Hemligt internt {key}", parent=private_parent, **fields)
        found[key] += [draft, withdrawn, private]

    three("meeting", make_meeting, private_meetings, hosts=[secret_org])
    three("agreement", make_agreement, section, signatories=[secret_org])
    three("council", make_council, section)
    for n, (title, options) in enumerate(
        [("Hemligt utkast plan", {"live": False}), ("Hemligt tillbakadraget plan", {}),
         ("Hemligt internt plan", {"parent": section})]
    ):  # fmt: skip
        plan = make_plan(title, slug=f"hemlig-{n}", **options)
        if title.startswith("Hemligt tillbakadraget"):
            plan.unpublish()
        found["plan"].append(plan)
    three("need", make_need, private_needs)
    found["organisation"].append(secret_org)
    # A public meeting hosted by the secret organisation only: listed, its host not named.
    make_meeting("Öppet möte", hosts=[secret_org])
    return found


def test_nothing_hidden_is_listed_or_named(client, one_of_each, hidden) -> None:
    for endpoint, key in ENDPOINTS.items():
        response = client.get(f"/api/v2/{endpoint}/?limit=100")
        assert response.status_code == 200
        text = json.dumps(response.json(), ensure_ascii=False)
        assert "Hemlig" not in text, endpoint
        ids = {item["id"] for item in response.json()["items"]}
        assert one_of_each[key].pk in ids
        assert not ids & {obj.pk for obj in hidden[key]}, endpoint


def test_no_hidden_detail_answers(client, one_of_each, hidden) -> None:
    for endpoint, key in ENDPOINTS.items():
        for obj in hidden[key]:
            response = client.get(f"/api/v2/{endpoint}/{obj.pk}/")
            assert response.status_code == 404, (endpoint, obj)
            assert "Hemlig" not in response.content.decode()
        assert client.get(f"/api/v2/{endpoint}/{one_of_each[key].pk}/").status_code == 200


def test_a_filter_on_something_hidden_finds_nothing(client, one_of_each, hidden) -> None:
    secret_org = hidden["organisation"][0]
    for endpoint in ("meetings", "agreements", "councils", "action-plans", "volunteer-needs"):
        body = client.get(f"/api/v2/{endpoint}/?organisation={secret_org.pk}").json()
        assert body["items"] == [], endpoint
    for agreement in hidden["agreement"]:
        assert client.get(f"/api/v2/meetings/?agreement={agreement.pk}").json()["items"] == []
    for council in hidden["council"]:
        assert client.get(f"/api/v2/meetings/?council={council.pk}").json()["items"] == []


def test_publishing_the_draft_organisation_shows_it(client, one_of_each, hidden) -> None:
    """The other side of the test above: the same object, once published, is served."""
    secret_org = publish(hidden["organisation"][0])
    body = client.get(f"/api/v2/organisations/{secret_org.pk}/").json()
    assert body["name"] == "Hemliga sällskapet"
