"""A meeting's invitation on paper (``<meeting>/print/``): what it says, its QR code, and who may
print it. How it lands on A4 is the browser test's (tests/browser/test_print.py)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
import segno
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests.app.conftest import next_week_at
from tests.app.page_html import assert_well_formed_page, parse, status_word

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation_meeting(make_meeting, make_organisation):
    return make_meeting(
        "Dialogmöte om föreningslokaler",
        slug="dialogmöte-om-föreningslokaler",
        start=next_week_at(hour=18),
        hosts=[make_organisation("Röda Korset")],
        theme="Var ska föreningarna vara?",
        street_address="Norra Drottninggatan 12",
        postal_code="451 30",
        registration_kind="external",
        registration_url="https://example.org/anmalan",
        registration_deadline=next_week_at(hour=12, days=5),
        contact_name="Cecilia Carlsson",
        contact_phone="0522-69 60 00",
        contact_email="cecilia@example.org",
    )


def test_meeting_page_links_to_its_invitation(client, invitation_meeting):
    soup = parse(client.get(invitation_meeting.url))
    link = soup.main.find("p", class_="civil-print-link").a
    assert link["href"] == f"{invitation_meeting.url}print/"
    assert not link.get("onclick")


def test_invitation_says_when_where_how_to_sign_up_and_who_to_call(client, invitation_meeting):
    soup = parse(client.get(f"{invitation_meeting.url}print/"))
    assert_well_formed_page(soup)
    invitation = soup.main.find("article", class_="civil-invitation")
    assert invitation.h1.get_text() == "Dialogmöte om föreningslokaler"
    text = invitation.get_text(" ", strip=True)
    for expected in (
        "Var ska föreningarna vara?",
        "Folkets Hus",
        "Norra Drottninggatan 12",
        "451 30 Uddevalla",
        "Röda Korset",
        "example.org/anmalan",
        "0522-69 60 00",
        "Cecilia Carlsson",
        "cecilia@example.org",
    ):
        assert expected in text, expected
    start = invitation_meeting.start.astimezone().strftime("%Y-%m-%dT%H:%M")
    assert invitation.find("time", datetime=lambda d: d and d.startswith(start))
    # The QR code is inline SVG made on the server; the same address is printed in words.
    url = f"http://testserver{invitation_meeting.url}"
    web = invitation.find(class_="civil-invitation-web")
    # On paper the address is as a reader types it: "testserver/moten/dialogmöte-om-…/".
    assert f"testserver{unquote(invitation_meeting.url)}" in web.get_text()
    assert "dialogmöte" in web.get_text()
    svg = web.find("svg")
    assert svg["aria-hidden"] == "true"
    expected_svg = BeautifulSoup(
        segno.make(url, error="m").svg_inline(omitsize=True), "html.parser"
    )
    assert svg.find_all("path")[-1]["d"] == expected_svg.find_all("path")[-1]["d"]
    # A screen: how to print, without JavaScript; the script only adds a button.
    help_box = soup.main.find(class_="civil-print-help")
    assert help_box.find("a", href=invitation_meeting.url)
    assert help_box.find("button")["hidden"] == ""
    assert soup.head.find("link", href=lambda h: h and h.endswith("civil-print.css"))


def test_cancelled_invitation_says_so_first(client, make_meeting):
    meeting = make_meeting("Inställt stormöte", status="cancelled", contact_phone="0522-1")
    soup = parse(client.get(f"{meeting.url}print/"))
    status = soup.main.find(class_="civil-invitation-status")
    assert status.strong.get_text() == status_word("cancelled")
    assert status.find_next("h1").get_text() == "Inställt stormöte"
    # Nobody is asked to come or to sign up, and the venue is not given.
    text = soup.main.find("article").get_text()
    assert "Folkets Hus" not in text


def test_built_in_registration_is_served_as_the_invitation_not_the_form(
    client, make_signup_meeting
):
    meeting = make_signup_meeting(contact_phone="0321-59 50 00")
    page = parse(client.get(meeting.url))
    assert page.main.find("form", method="post")
    soup = parse(client.get(f"{meeting.url}print/"))
    assert not soup.main.find("form")
    assert "0321-59 50 00" in soup.main.get_text()


def test_only_published_public_meetings_print(client, make_meeting):
    draft = make_meeting("Utkast", live=False)
    assert client.get(f"{draft.url}print/").status_code == 404
    private = make_meeting("Arbetsgruppen")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    # Wagtail asks for the password instead: the invitation and its QR code are not there.
    response = client.get(f"{private.url}print/")
    assert b"civil-invitation" not in response.content and b"<svg" not in response.content


def test_how_to_get_there_is_under_the_address_on_the_page_and_the_invitation(
    client, invitation_meeting
):
    invitation_meeting.directions = "Buss 2 till Kampenhof.\nEntrén utan trappsteg är på baksidan."
    invitation_meeting.save_revision().publish()
    for url in (invitation_meeting.url, f"{invitation_meeting.url}print/"):
        soup = parse(client.get(url))
        directions = soup.main.find("dd", class_="civil-directions")
        assert directions.find_previous_sibling("dt").get_text() == "Hitta hit"
        assert directions.find_previous_sibling("dd")["class"] == ["civil-venue"]
        text = directions.get_text("\n", strip=True)
        assert text == "Buss 2 till Kampenhof.\nEntrén utan trappsteg är på baksidan."


def test_no_directions_no_heading(client, invitation_meeting):
    for url in (invitation_meeting.url, f"{invitation_meeting.url}print/"):
        assert not parse(client.get(url)).main.find(class_="civil-directions")
