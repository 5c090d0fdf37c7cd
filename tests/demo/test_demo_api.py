"""The demo through the read API, as a neighbouring municipality would read it: everything
public is there, the demo's password-protected and draft meetings are not, and the API and the
feeds agree on each meeting's identity and each commitment's state."""

from __future__ import annotations

import json

import pytest

from wagtail_civil import conf
from wagtail_civil.models import AgreementPage

pytestmark = pytest.mark.django_db

ENDPOINTS = ["meetings", "agreements", "organisations", "councils", "action-plans",
             "volunteer-needs"]  # fmt: skip


def test_every_endpoint_serves_the_demo_and_nothing_hidden(demo, client) -> None:
    for endpoint in ENDPOINTS:
        response = client.get(f"/api/v2/{endpoint}/?limit=100")
        assert response.status_code == 200, endpoint
        body = response.json()
        assert body["meta"]["total_count"] > 0, endpoint
        text = json.dumps(body, ensure_ascii=False)
        assert "Lösenordsskyddat" not in text and "Utkast:" not in text, endpoint


def test_the_meetings_uids_are_the_feeds(demo, client) -> None:
    items = client.get("/api/v2/meetings/?limit=100").json()["items"]
    feed = client.get("/calendar/all.ics").content.decode()
    upcoming = [item for item in items if f"UID:{item['uid']}" in feed]
    assert upcoming, "the all-meetings feed shares no UID with the API"
    for item in upcoming:
        assert item["start"][-6] in "+-" and item["timezone"] == conf.time_zone()


def test_the_commitment_states_are_the_pages(demo, client) -> None:
    for item in client.get("/api/v2/agreements/?limit=100").json()["items"]:
        page = AgreementPage.objects.get(pk=item["id"])
        assert [c["state"] for c in item["commitments"]] == [
            status.state.value for status in page.commitment_statuses()
        ]
