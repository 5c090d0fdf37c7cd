"""The agreement page: who signed, whether each commitment is kept, and its meetings.

Rendered by the real templates through Wagtail's serving and checked on the HTML, plus the
context the page gives its template.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.app.page_html import assert_feeds_answer, assert_well_formed_page, parse, subscribe_boxes
from wagtail_civil.models import AgreementPage
from wagtail_civil.templatetags.civil_tags import civil_commitment_state

pytestmark = pytest.mark.django_db


def test_agreement_page_shows_signatories_and_commitments(
    client, make_agreement, make_organisation, make_meeting
):
    org = make_organisation("Frivilligcentrum")
    draft = make_organisation("Utkast AB", live=False)
    agreement = make_agreement(
        "Lokal överenskommelse",
        signatories=[org, draft, "Uddevalla kommun"],
        commitments=[(1, "hearing")],
        status="in_force",
        valid_from=dt.date(2024, 1, 1),
        purpose="<p>Att samverka.</p>",
    )
    signature = agreement.signatures.get(organisation=org)
    signature.signatory, signature.date = "Eva Ek", dt.date(2024, 3, 5)
    signature.save()
    make_meeting("Dialog under avtalet", agreement=agreement)
    response = client.get(agreement.url)
    soup = parse(response)
    assert_well_formed_page(soup)
    table = soup.main.find("table")
    assert table.find("caption").get_text(strip=True)
    assert all(th.get("scope") == "col" for th in table.thead.find_all("th"))
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.tbody.find_all("tr")
    ]
    assert [row[0] for row in rows] == ["Frivilligcentrum", "Utkast AB", "Uddevalla kommun"]
    assert rows[0][1] == "Eva Ek"
    assert table.tbody.find("time", datetime="2024-03-05")
    # Only the published organisation is linked.
    assert [a["href"] for a in table.find_all("a")] == [org.get_url()]
    # The commitment (a hearing a year, none planned) in words, not only a meter.
    (status,) = response.context["commitment_statuses"]
    assert status.state.value == "at_risk"
    commitment = soup.main.find("li", class_="civil-commitment")
    assert "Minst 1 möten per år" in commitment.get_text()
    state = commitment.find(class_="civil-commitment-state").get_text(strip=True)
    assert state == civil_commitment_state(status) and state
    meter = commitment.find("meter")
    assert (meter["value"], meter["max"]) == ("0", "1")
    # Its upcoming meeting, and a feed that carries it.
    assert "Dialog under avtalet" in soup.main.get_text()
    assert_feeds_answer(client, subscribe_boxes(soup), "Dialog under avtalet")
    assert soup.main.find("time", datetime="2024-01-01")


def test_draft_agreement_is_not_served(client, make_agreement):
    agreement = make_agreement("Utkast", live=False)
    assert client.get(f"/{agreement.slug}/").status_code == 404


def test_agreement_page_context(two_dialogues_a_year, make_meeting, make_organisation, rf):
    now = timezone.now()
    month = dt.timedelta(days=30)
    past = make_meeting("Förra", start=now - month, agreement=two_dialogues_a_year)
    coming = make_meeting("Nästa", start=now + month, agreement=two_dialogues_a_year)
    make_meeting("Utkast", agreement=two_dialogues_a_year, live=False)
    agreement = AgreementPage.objects.get(pk=two_dialogues_a_year.pk)
    context = agreement.get_context(rf.get("/"))
    assert list(context["upcoming_meetings"]) == [coming]
    assert list(context["past_meetings"]) == [past]
    assert len(context["commitment_statuses"]) == 1
