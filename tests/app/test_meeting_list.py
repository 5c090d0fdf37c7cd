"""The meeting list page: upcoming at ``/moten/``, held at ``/moten/past/``, filters and paging.

First as residents see it (the real templates, checked on the HTML), then what the view hands its
template (``stub_templates``): which meetings, in which order, and which filter values are errors.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from tests.app.conftest import next_week_at, publish
from tests.app.page_html import (
    assert_feeds_answer,
    assert_well_formed_page,
    parse,
    status_word,
    subscribe_boxes,
    time_elements,
)
from wagtail_civil.models import MeetingIndexPage

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


# --- as residents see it -------------------------------------------------------------------------


def test_meeting_list_cards_filters_and_feeds(client, dialogue, civil_site, make_meeting):
    make_meeting("Annat möte", start=next_week_at(days=3))
    soup = parse(client.get(civil_site.meeting_index.url))
    assert_well_formed_page(soup)
    cards = soup.main.find_all("article", class_="civil-meeting-card")
    assert [c.find("h2").get_text(strip=True) for c in cards][-1] == "Dialogmöte om lokaler"
    day = dialogue["meeting"].start.date().isoformat()
    assert time_elements(soup)[f"{day}T21:00+02:00"] == "21:00"
    form = soup.main.find("form")
    assert form["method"] == "get" and form.find(["button", "input"], type="submit")
    assert {s["name"] for s in form.find_all("select")} == {
        "kind",
        "agreement",
        "organisation",
        "category",
    }
    boxes = subscribe_boxes(soup)
    assert len(boxes) == 1
    assert_feeds_answer(client, boxes, "Annat möte")
    # The upcoming and the held meetings link to each other.
    assert soup.main.find("a", href=f"{civil_site.meeting_index.url}past/")


def test_filtered_meeting_list_offers_the_narrower_feed_too(client, dialogue, civil_site):
    org = dialogue["org"]
    soup = parse(client.get(civil_site.meeting_index.url, {"organisation": org.slug}))
    assert_well_formed_page(soup)
    paths = [urlsplit(copy).path for _, copy in subscribe_boxes(soup)]
    assert paths == [
        f"/calendar/meetings/{civil_site.meeting_index.pk}.ics",
        f"/calendar/organisations/{org.pk}.ics",
    ]
    assert_feeds_answer(client, subscribe_boxes(soup), "Dialogmöte om lokaler")
    # A filter value that did not validate offers no feed, and the error is tied to its field.
    soup = parse(client.get(civil_site.meeting_index.url, {"organisation": "nonsense"}))
    assert len(subscribe_boxes(soup)) == 1
    select = soup.main.find("select", attrs={"name": "organisation"})
    error = soup.find(id=select["aria-describedby"])
    assert error is not None and error.get_text(strip=True)
    assert select.get("aria-invalid") == "true"


def test_cancelled_meeting_in_the_list_says_so(client, make_meeting, civil_site):
    make_meeting("Inställd dialog", status="cancelled")
    soup = parse(client.get(civil_site.meeting_index.url))
    card = soup.main.find("article", class_="civil-meeting-card")
    assert "civil-cancelled" in card["class"]
    assert status_word("cancelled") in card.get_text(" ", strip=True)


def test_empty_meeting_lists(client, civil_site):
    for url in (civil_site.meeting_index.url, f"{civil_site.meeting_index.url}past/"):
        soup = parse(client.get(url))
        assert_well_formed_page(soup)
        assert not soup.main.find("article")
        assert soup.main.find(class_="civil-empty").get_text(strip=True)


def test_past_list_shows_held_meetings_and_pages_keep_filters(client, civil_site, make_meeting):
    index = civil_site.meeting_index
    index.per_page = 2
    publish(index)
    for n in range(5):
        make_meeting(f"Hållet möte {n}", start=timezone.now() - dt.timedelta(days=10 + n))
    soup = parse(client.get(f"{index.url}past/", {"kind": "dialogue"}))
    assert_well_formed_page(soup)
    assert len(soup.main.find_all("article")) == 2
    nav = soup.main.find("nav", class_="civil-pagination")
    assert nav["aria-label"]
    current = nav.find("a", attrs={"aria-current": "page"})
    assert parse_qs(urlsplit(current["href"]).query)["page"] == ["1"]
    following = nav.find("a", rel="next")
    assert parse_qs(urlsplit(following["href"]).query) == {"kind": ["dialogue"], "page": ["2"]}
    soup = parse(client.get(f"{index.url}past/" + following["href"]))
    assert soup.main.find("nav", class_="civil-pagination").find("a", rel="prev")


# --- what the view gives its template ------------------------------------------------------------


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
