"""The meeting list page: upcoming at ``/moten/``, held at ``/moten/past/``, with filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from wagtail_civil.models import MeetingIndexPage

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _titles(response) -> list[str]:
    return [m.title for m in response.context["meetings"]]


@pytest.fixture
def calendar(civil_site, make_meeting, make_organisation, make_category, make_agreement):
    now = timezone.now()
    culture = make_category("Kulturföreningar")
    theatre = make_organisation("Teaterföreningen", categories=[culture])
    agreement = make_agreement("ÖK Idé Uddevalla", slug="ok-ide-uddevalla")
    make_meeting("Stordialog", start=now + 3 * DAY, kind="open_meeting", agreement=agreement)
    make_meeting("Teaterdialog", start=now + 2 * DAY, hosts=[theatre])
    make_meeting("Hearing", start=now + 5 * DAY, kind="hearing")
    make_meeting("Förra dialogen", start=now - 30 * DAY, agreement=agreement)
    make_meeting("Utkast", start=now + DAY, live=False)
    elsewhere = civil_site.home.add_child(instance=MeetingIndexPage(title="Råd", slug="rad"))
    make_meeting("Rådsmöte", start=now + DAY, parent=elsewhere)
    return {"agreement": agreement, "theatre": theatre, "culture": culture}


def test_upcoming_lists_this_index_published_meetings_soonest_first(
    client, calendar, stub_templates
):
    response = client.get("/moten/")
    assert response.status_code == 200
    assert response.context["is_past"] is False
    assert _titles(response) == ["Teaterdialog", "Stordialog", "Hearing"]


def test_past_route(client, calendar, stub_templates):
    response = client.get("/moten/past/")
    assert response.status_code == 200
    assert response.context["is_past"] is True
    assert _titles(response) == ["Förra dialogen"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "hearing"}, ["Hearing"]),
        ({"organisation": "teaterföreningen"}, ["Teaterdialog"]),
        ({"category": "kulturföreningar"}, ["Teaterdialog"]),
        ({"kind": "dialogue", "category": "kulturföreningar"}, ["Teaterdialog"]),
    ],
)
def test_filters(client, calendar, stub_templates, query, expected):
    response = client.get("/moten/", query)
    assert _titles(response) == expected
    assert not response.context["filter"].form.errors


def test_filter_by_agreement_id(client, calendar, stub_templates):
    response = client.get("/moten/", {"agreement": calendar["agreement"].pk})
    assert _titles(response) == ["Stordialog"]
    past = client.get("/moten/past/", {"agreement": calendar["agreement"].pk})
    assert _titles(past) == ["Förra dialogen"]


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "picnic"},
        {"agreement": "ett"},
        {"agreement": "999999"},
        {"organisation": "finns-inte"},
        {"category": "\x00"},
    ],
)
def test_bad_filter_values_are_form_errors_not_failures(client, calendar, stub_templates, query):
    response = client.get("/moten/", query)
    assert response.status_code == 200
    assert set(response.context["filter"].form.errors) == set(query)
    assert _titles(response) == ["Teaterdialog", "Stordialog", "Hearing"]


def test_an_unpublished_agreement_is_not_a_filter_choice(
    client, calendar, make_agreement, stub_templates
):
    draft = make_agreement("Utkast", live=False)
    response = client.get("/moten/", {"agreement": draft.pk})
    assert "agreement" in response.context["filter"].form.errors


def test_pagination(client, civil_site, make_meeting, stub_templates):
    civil_site.meeting_index.per_page = 2
    civil_site.meeting_index.save_revision().publish()
    now = timezone.now()
    for day in range(1, 6):
        make_meeting(f"Möte {day}", start=now + day * DAY)
    response = client.get("/moten/", {"page": 3})
    assert _titles(response) == ["Möte 5"]
    assert client.get("/moten/", {"page": "sista"}).status_code == 200


def test_a_meeting_page_is_served(client, make_meeting, stub_templates):
    meeting = make_meeting("Dialog om fritid", slug="dialog-om-fritid")
    response = client.get("/moten/dialog-om-fritid/")
    assert response.status_code == 200
    assert response.context["page"] == meeting
