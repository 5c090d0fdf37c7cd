"""The registrant's personal page: see, change, cancel and delete, through the signed link only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup

from wagtail_civil.feeds import stamp
from wagtail_civil.models import MeetingPage, Registration
from wagtail_civil.registration.links import personal_path, personal_url
from wagtail_civil.registration.seats import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(make_signup_meeting: Any) -> MeetingPage:
    return make_signup_meeting(
        registration_capacity=1,
        registration_waitlist=True,
        registration_ask_phone=True,
        registration_phone_reason="Så att vi kan nå dig om mötet flyttas.",
        registration_ask_access_needs=True,
    )


def sign_up(meeting: MeetingPage, name: str, email: str, language: str = "sv") -> Registration:
    return register(meeting, name=name, email=email, language=language).registration


def page_text(response: Any) -> str:
    return BeautifulSoup(response.content.decode(), "html.parser").get_text(" ", strip=True)


def test_the_page_shows_the_registration_in_the_registrants_language(client, meeting):
    åsa = sign_up(meeting, "Åsa Öberg", "asa@example.se")
    response = client.get(personal_path(åsa))
    assert response.status_code == 200
    text = page_text(response)
    assert "Din anmälan" in text and "Åsa Öberg" in text and "Du har en plats." in text
    assert "Stormöte om digitalt utanförskap" in text
    assert "Så att vi kan nå dig om mötet flyttas." in text  # the phone question's reason
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]

    øystein = sign_up(meeting, "Øystein Ærø", "oy@example.no", language="nb")
    text = page_text(client.get(personal_path(øystein)))
    assert "Din påmelding" in text and "nummer 1 i køen" in text


def test_change_keeps_what_was_typed_on_an_error(client, meeting):
    åsa = sign_up(meeting, "Åsa Öberg", "asa@example.se")
    path = personal_path(åsa)
    typed = {"name": "", "phone": "0321-59 50 00", "access_needs": "Hörslinga"}
    response = client.post(path, {"action": "change", **typed})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    name = soup.find(id="id_name")
    assert name["aria-invalid"] == "true" and "id_name-error" in name["aria-describedby"]
    assert soup.find(id="id_phone")["value"] == "0321-59 50 00"
    assert soup.select_one(".civil-error-summary a")["href"] == "#id_name"
    åsa.refresh_from_db()
    assert åsa.name == "Åsa Öberg" and åsa.phone == ""  # nothing half-saved

    response = client.post(
        path, {"action": "change", "name": "Åsa Ödegaard", "phone": "0321-59 50 00"}
    )
    assert response.status_code == 303 and response["Location"] == path
    åsa.refresh_from_db()
    assert (åsa.name, åsa.phone) == ("Åsa Ödegaard", "0321-59 50 00")
    assert "Din anmälan är uppdaterad." in page_text(client.get(path))


def test_cancel_frees_the_seat_for_the_first_in_line(client, meeting):
    åsa = sign_up(meeting, "Åsa Öberg", "asa@example.se")
    bo = sign_up(meeting, "Bo Ärlig", "bo@example.se")
    assert bo.status == "waitlisted"
    response = client.post(personal_path(åsa), {"action": "cancel"})
    assert response.status_code == 303
    åsa.refresh_from_db()
    bo.refresh_from_db()
    assert (åsa.status, bo.status) == ("cancelled", "confirmed")
    assert "Du har avanmält dig." in page_text(client.get(personal_path(åsa)))


def test_erase_deletes_the_data_and_the_link(client, meeting):
    åsa = sign_up(meeting, "Åsa Öberg", "asa@example.se")
    path = personal_path(åsa)
    response = client.post(path, {"action": "erase"})
    assert response.status_code == 200
    assert "Dina personuppgifter är raderade" in page_text(response)
    åsa.refresh_from_db()
    assert (åsa.name, åsa.email, åsa.status) == ("", "", "cancelled")
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "token", ["garbage", "a" * 500, "WzEsImFiYyJd:1abc:xyz", "%00", "..", "W10:x:y"]
)
def test_a_bad_link_is_a_clear_404(client, meeting, token):
    response = client.get(f"/registrations/{token}/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 404
    assert "Länken fungerar inte" in page_text(response)


def test_a_tampered_or_expired_link_is_refused(client, meeting):
    åsa = sign_up(meeting, "Åsa Öberg", "asa@example.se")
    path = personal_path(åsa)
    assert client.get(path[:-3] + "xx/").status_code == 404
    MeetingPage.objects.filter(pk=meeting.pk).update(
        start=meeting.start - dt.timedelta(days=30), end=meeting.end - dt.timedelta(days=30)
    )
    response = client.get(path)
    assert response.status_code == 404
    assert "Länken fungerar inte" in page_text(response)


def test_registrations_do_not_move_the_feeds_stamp(client, meeting):
    before = stamp.current()
    åsa = sign_up(meeting, "Åsa Öberg", "asa@example.se")
    client.post(personal_path(åsa), {"action": "cancel"})
    assert stamp.current() == before


def test_personal_url_is_absolute(meeting, rf):
    åsa = sign_up(meeting, "Åsa Öberg", "asa@example.se")
    assert personal_url(åsa).startswith("http")
    assert personal_url(åsa).endswith(personal_path(åsa))
    assert personal_url(åsa, rf.get("/", HTTP_HOST="kommun.example.se")).startswith(
        "http://kommun.example.se/registrations/"
    )


def test_csrf_is_enforced(meeting):
    from django.test import Client

    åsa = sign_up(meeting, "Åsa Öberg", "asa@example.se")
    response = Client(enforce_csrf_checks=True).post(personal_path(åsa), {"action": "cancel"})
    assert response.status_code == 403
    åsa.refresh_from_db()
    assert åsa.status == "confirmed"
