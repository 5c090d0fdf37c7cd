"""The public volunteering forms: an offer on a need, a general offer, a reported need; every bad
input of issue 10 refused on the form, with what was typed kept and nothing (half) saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import PageViewRestriction

from tests.app.volunteering import *  # noqa: F403 (the fixtures)
from tests.app.volunteering import offer_data
from wagtail_civil.checks import check_settings
from wagtail_civil.models import VolunteerNeedPage, VolunteerOffer
from wagtail_civil.volunteering.forms import OfferForm

pytestmark = pytest.mark.django_db


def sv(message: str) -> str:
    """``message`` as the site (Swedish, the tests' LANGUAGE_CODE) says it."""
    with translation.override("sv"):
        return gettext(message)


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def field_error(response: Any, name: str, prefix: str = "offer") -> str:
    found = soup(response).find(id=f"{prefix}-{name}-error")
    assert found is not None, f"no error on {name}"
    return found.get_text(" ", strip=True)


def typed_value(response: Any, name: str, prefix: str = "offer") -> str:
    element = soup(response).find(id=f"{prefix}-{name}")
    return element.get("value") or element.get_text()


# --- an offer on a need --------------------------------------------------------------------------


def test_an_offer_is_saved_once_and_the_page_says_so(client, make_need):
    need = make_need()
    response = client.post(need.url, offer_data(phone="+47 912 34 567", message="Jeg har bil."),
                           HTTP_ACCEPT_LANGUAGE="nb")  # fmt: skip
    assert response.status_code == 303
    assert response["Location"] == need.url + "#offer"
    offer = VolunteerOffer.objects.get()
    assert (offer.need_id, offer.index_id, offer.status) == (need.pk, need.get_parent().pk, "new")
    assert (offer.name, offer.email, offer.phone) == ("Åse Sæther", "ase@example.org",
                                                      "+47 912 34 567")  # fmt: skip
    assert offer.consented_at is not None
    page = client.get(response["Location"])
    assert "civil-notice" in page.content.decode()
    # Posted twice (a reload, a double click): still one offer, and the page says why.
    again = client.post(need.url, offer_data(email="ASE@example.org"), follow=True)
    assert VolunteerOffer.objects.count() == 1
    assert again.status_code == 200
    assert soup(again).find(id="civil-messages") is not None


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"name": ""}, "name", "Enter your name."),
        ({"email": "inte-en-adress"}, "email", "Enter an email address like namn@example.se."),
        ({"phone": "ring meg"}, "phone", "Enter a phone number with digits, e.g. 070-123 45 67."),
        ({"consent": None}, "consent", "Tick the box to agree, or we cannot take your offer."),
    ],
)
def test_bad_input_is_shown_on_the_field_with_what_was_typed(client, make_need, fields, field,
                                                             words):  # fmt: skip
    need = make_need()
    response = client.post(need.url, offer_data(message="Jeg kan male.", **fields))
    assert response.status_code == 200
    assert field_error(response, field) == sv(words)
    assert typed_value(response, "message").strip() == "Jeg kan male."
    assert soup(response).find(class_="civil-error-summary") is not None
    assert not VolunteerOffer.objects.exists()


def test_the_honeypot_filled_saves_nothing_and_says_why(client, make_need):
    need = make_need()
    response = client.post(need.url, offer_data(website="http://spam.example"))
    assert response.status_code == 200
    summary = soup(response).find(class_="civil-error-summary").get_text(" ", strip=True)
    with translation.override("sv"):
        assert str(OfferForm.spam_message) in summary
    assert typed_value(response, "name") == "Åse Sæther"
    assert not VolunteerOffer.objects.exists()


def test_an_offer_on_a_filled_or_closed_need_is_refused(client, make_need, make_offer):
    full = make_need("Fylt", volunteers_needed=1)
    make_offer(full, status="accepted")
    response = client.post(full.url, offer_data())
    assert response.status_code == 200
    refusal = "This need has all the volunteers it asked for. Your offer was not saved."
    assert sv(refusal) in soup(response).find(class_="civil-error-summary").get_text()
    assert VolunteerOffer.objects.filter(need=full).count() == 1
    closed = make_need("Stengt", timing="ongoing",
                       open_until=timezone.localdate() - dt.timedelta(days=1))  # fmt: skip
    response = client.post(closed.url, offer_data())
    assert response.status_code == 200
    assert not VolunteerOffer.objects.filter(need=closed).exists()
    assert soup(response).find("form", class_="civil-offer-form") is None


def soup_text(html: str, selector: str) -> str:
    return BeautifulSoup(html, "html.parser").select_one(selector).get_text(" ", strip=True)


def test_the_form_states_the_retention(client, make_need):
    need = make_need()
    with override_settings(WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS=30):
        html = client.get(need.url).content.decode()
    assert "30" in soup_text(html, ".civil-privacy")
    with override_settings(WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS="30"):
        assert client.get(need.url).status_code == 200  # a wrong setting takes no page down
        assert [m.id for m in check_settings(None) if m.id.endswith("10")] == ["wagtail_civil.W010"]


def test_a_private_need_takes_no_offer(client, make_need):
    need = make_need()
    PageViewRestriction.objects.create(page=need, restriction_type="password", password="x")
    client.post(need.url, offer_data())
    assert not VolunteerOffer.objects.exists()


@override_settings(WAGTAIL_CIVIL_VOLUNTEER_RATE_LIMIT=(2, 600))
def test_too_many_posts_from_one_client_are_429_with_the_form_kept(client, make_need):
    need = make_need()
    for i in range(2):
        assert client.post(need.url, offer_data(email=f"p{i}@example.org")).status_code == 303
    response = client.post(need.url, offer_data(email="p3@example.org", name="Per Ødegård"))
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert typed_value(response, "name") == "Per Ødegård"
    assert VolunteerOffer.objects.count() == 2
    other = client.post(need.url, offer_data(email="p4@example.org"), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 303


# --- a general offer -----------------------------------------------------------------------------


def test_a_general_offer_with_interests_and_availability(client, need_index):
    url = need_index.url + "offer/"
    missing = client.post(url, offer_data(availability="Lørdager"))
    assert missing.status_code == 200
    assert field_error(missing, "interests")
    assert typed_value(missing, "availability").strip() == "Lørdager"
    response = client.post(url, offer_data(interests="Idrett og kjøring", availability="Lørdager"))
    assert response.status_code == 303
    offer = VolunteerOffer.objects.get()
    assert offer.need is None and offer.interests == "Idrett og kjøring"
    client.post(url, offer_data(interests="Noe annet"))
    assert VolunteerOffer.objects.count() == 1


# --- a reported need -----------------------------------------------------------------------------


def report(**fields: Any) -> dict[str, Any]:
    day = timezone.localdate() + dt.timedelta(days=10)
    data = {
        "poster_name": "Ullensaker Lions",
        "title": "Hjelpere til julemarkedet",
        "description": "Rigge boder.\n\nSelge lodd.",
        "timing": "one_off",
        "date": day.isoformat(),
        "start_time": "10:00",
        "end_time": "15:00",
        "place": "Jessheim torg",
        "area": "Jessheim",
        "volunteers_needed": "6",
        "open_until": (day - dt.timedelta(days=2)).isoformat(),
        "contact_name": "Kari Nordmann",
        "contact_email": "kari@example.org",
        "consent": "on",
        "website": "",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def test_a_reported_need_becomes_a_draft_for_editors(client, need_index):
    response = client.post(need_index.url + "report/", report())
    assert response.status_code == 303
    draft = VolunteerNeedPage.objects.get()
    assert not draft.live and draft.reported_by_public
    assert draft.get_parent().pk == need_index.pk
    assert draft.latest_revision is not None
    assert draft.description == "<p>Rigge boder.</p><p>Selge lodd.</p>"
    assert timezone.localtime(draft.start).hour == 10 and draft.volunteers_needed == 6
    assert client.get(need_index.url).content.decode().count("Hjelpere til julemarkedet") == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end_time": "09:00"}, "end_time"),  # ends before it starts
        ({"open_until": (timezone.localdate() - dt.timedelta(days=1)).isoformat()}, "open_until"),
        ({"open_until": (timezone.localdate() + dt.timedelta(days=40)).isoformat()}, "open_until"),
        ({"date": "9. mai"}, "date"),
        ({"date": ""}, "date"),
        ({"poster_name": ""}, "poster_name"),
        ({"volunteers_needed": "0"}, "volunteers_needed"),
        ({"organisation": "999999999999999999999"}, "organisation"),
    ],
)
def test_a_bad_report_is_refused_on_the_field_and_nothing_is_saved(client, need_index, fields,
                                                                   field):  # fmt: skip
    response = client.post(need_index.url + "report/", report(**fields))
    assert response.status_code == 200
    assert field_error(response, field, prefix="report")
    assert typed_value(response, "title", prefix="report") == "Hjelpere til julemarkedet"
    assert not VolunteerNeedPage.objects.exists()


def test_a_report_with_the_honeypot_filled_is_not_saved(client, need_index):
    response = client.post(need_index.url + "report/", report(website="x"))
    assert response.status_code == 200
    assert not VolunteerNeedPage.objects.exists()


def test_the_forms_can_be_switched_off(client, need_index):
    need_index.takes_reports = need_index.takes_general_offers = False
    need_index.save_revision().publish()
    assert client.get(need_index.url + "report/").status_code == 404
    assert client.get(need_index.url + "offer/").status_code == 404


def test_two_reports_with_the_same_title_are_two_drafts(client, need_index):
    for email in ("kari@example.org", "ola@example.org"):
        response = client.post(need_index.url + "report/", report(contact_email=email))
        assert response.status_code == 303
    slugs = sorted(VolunteerNeedPage.objects.values_list("slug", flat=True))
    assert len(slugs) == 2 and slugs[0] != slugs[1]
