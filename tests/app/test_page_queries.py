"""A public page costs the same number of queries for 3 items as for 20.

Lists are what residents open most after the feeds; one query per meeting card, signatory or
organisation would make a municipality's busiest page the slowest one.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.app.conftest import next_week_at
from wagtail_civil.models import AgreementSignature, MeetingSpeaker


@pytest.fixture
def grow(civil_site, make_meeting, make_organisation, make_category, make_agreement):
    """``grow(n)`` adds n organisations, n meetings they host and n signatures; ``grow.pages``
    names the public pages to measure."""
    culture = make_category("Kultur", slug="kultur")
    first = make_organisation("Värd 0", categories=[culture])
    agreement = make_agreement("ÖK Idé", signatories=[first])
    made: list = [first]

    def add(n: int) -> None:
        for _ in range(n):
            i = len(made)
            organisation = make_organisation(f"Värd {i}", categories=[culture])
            made.append(organisation)
            AgreementSignature.objects.create(
                page=agreement, organisation=organisation, signatory=f"Ordförande {i}"
            )
            meeting = make_meeting(
                f"Möte {i}",
                start=next_week_at(days=1 + i),
                hosts=[first, organisation],
                categories=[culture],
                agreement=agreement,
                programme=[(dt.time(18), "Välkommen")],
            )
            MeetingSpeaker.objects.create(page=meeting, name="Talare", organisation=organisation)

    add.pages = {  # type: ignore[attr-defined]
        "meeting list": civil_site.meeting_index.url,
        "meeting list by category": civil_site.meeting_index.url + "?category=kultur",
        "directory": civil_site.organisation_index.url,
        "directory by category": civil_site.organisation_index.url + "?category=kultur",
        "agreement": agreement.url,
        "organisation": first.get_url(),
    }
    return add


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def test_every_page_takes_the_same_queries_for_3_or_20_items(client, grow, subtests):
    """Every list page over the same content: made once, as making 20 pages takes seconds."""
    grow(3)
    few = {}
    for page, path in grow.pages.items():
        client.get(path)  # warm what a site caches once (site root paths)
        few[page] = _queries(client, path)
    grow(17)
    for page, path in grow.pages.items():
        with subtests.test(page=page):
            many = _queries(client, path)
            assert many <= few[page], f"{page}: {few[page]} queries for 3 items, {many} for 20"
