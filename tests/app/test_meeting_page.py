"""The meeting page, rendered by the real templates through Wagtail's serving.

What a resident must be able to read is asserted on the HTML itself: times in the municipality's
time zone, the registration deadline, the venue, and a calendar subscription that really answers
with a feed. The ``dialogue`` fixture (conftest) is a full meeting.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

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
from wagtail_civil.models import MeetingAttendance

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = dt.UTC


def test_meeting_page_shows_times_in_local_time(client, dialogue):
    meeting = dialogue["meeting"]
    soup = parse(client.get(meeting.url))
    assert_well_formed_page(soup)
    times = time_elements(soup)
    day = meeting.start.date().isoformat()
    assert times[f"{day}T18:00+02:00"].endswith("18:00")
    assert times[f"{day}T21:00+02:00"] == "21:00"
    assert "13 oktober" in times[f"{day}T18:00+02:00"]  # Django's Swedish month names
    # The programme's times are local already and shown as typed.
    programme = soup.main.find("ol", class_="civil-programme")
    items = [li.get_text(" ", strip=True) for li in programme.find_all("li")]
    assert items == ["18:00 Välkommen och fika", "18:30 Nya regler"]


def test_meeting_page_shows_venue_hosts_speakers_and_contact(client, dialogue):
    meeting, org = dialogue["meeting"], dialogue["org"]
    soup = parse(client.get(meeting.url))
    main = soup.main.get_text(" ", strip=True)
    for text in (
        "Folkets Hus",
        "Norra Drottninggatan 12",
        "451 30 Uddevalla",
        "Föreningarnas lokaler",
        "Kultur- och fritidsförvaltningen",
        "Cecilia Carlsson",
    ):
        assert text in main, text
    # A map as a plain link, never an embed.
    assert soup.main.find("a", href=lambda h: h and h.startswith("https://www.openstreetmap.org/"))
    assert not soup.find("iframe")
    # Published hosts and speakers' organisations are linked; a draft organisation is not named.
    org_links = [a for a in soup.main.find_all("a") if a["href"] == org.get_url()]
    assert len(org_links) == 2  # host and Bengt Berg's affiliation
    assert "Hemlig förening" not in main
    assert "Anna Andersson" in main and "Kommunen" in main and "Cilla Ek" in main
    assert soup.main.find("a", href="mailto:cecilia@example.org")
    assert soup.main.find("a", href="tel:0522696000")
    assert soup.main.find("a", href=dialogue["agreement"].url)


def test_registration_link_and_deadline_in_local_time(client, dialogue):
    meeting = dialogue["meeting"]
    soup = parse(client.get(meeting.url))
    section = soup.main.find("section", class_="civil-registration")
    assert section.find("a", href="https://example.org/anmalan")
    deadline = meeting.registration_deadline.astimezone(STOCKHOLM)
    assert section.find("time", datetime=deadline.isoformat(timespec="minutes"))


def test_registration_closes_after_the_deadline(client, make_meeting):
    meeting = make_meeting(
        "Sent möte",
        registration_kind="external",
        registration_url="https://example.org/anmalan",
        registration_deadline=timezone.now() - dt.timedelta(hours=1),
    )
    soup = parse(client.get(meeting.url))
    section = soup.main.find("section", class_="civil-registration")
    assert section is not None and section.find("time")
    assert not soup.find("a", href="https://example.org/anmalan")


def test_add_to_calendar_links(client, dialogue):
    meeting = dialogue["meeting"]
    soup = parse(client.get(meeting.url))
    google = soup.main.find("a", href=lambda h: h and h.startswith("https://calendar.google.com/"))
    outlook = soup.main.find_all("a", href=lambda h: h and "outlook." in h)
    assert google and len(outlook) == 2
    dates = parse_qs(urlsplit(google["href"]).query)["dates"][0]
    start = meeting.start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert dates.startswith(start) and start.endswith("T160000Z")
    ics = soup.main.find("a", href=lambda h: h and h.endswith(".ics") and "/meeting/" in h)
    feed = client.get(ics["href"])
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert b"Dialogm" in feed.content and str(meeting.uid).encode() in feed.content


def test_meeting_page_offers_its_list_feed(client, dialogue, civil_site):
    soup = parse(client.get(dialogue["meeting"].url))
    boxes = subscribe_boxes(soup)
    assert [urlsplit(c).path for _, c in boxes] == [
        f"/calendar/meetings/{civil_site.meeting_index.pk}.ics"
    ]
    assert_feeds_answer(client, boxes, "Dialogmöte om lokaler")


def test_meeting_jsonld_is_schema_org_event(client, dialogue):
    meeting = dialogue["meeting"]
    soup = parse(client.get(meeting.url))
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Event" and data["name"] == meeting.title
    assert dt.datetime.fromisoformat(data["startDate"]) == meeting.start
    assert data["startDate"].endswith("+02:00")
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["name"] == "Folkets Hus"
    assert data["location"]["address"]["streetAddress"] == "Norra Drottninggatan 12"
    names = [o["name"] for o in data["organizer"]]
    assert names == ["Röda Korset", "Kultur- och fritidsförvaltningen"]


def test_jsonld_cannot_be_broken_out_of(client, make_meeting):
    title = 'Möte </script><script>alert("x")</script> & <!--'
    meeting = make_meeting(title, theme="</SCRIPT>")
    body = client.get(meeting.url).content.decode()
    start = body.index('<script type="application/ld+json">')
    script = body[start : body.index("</script>", start)]
    assert "<" not in script.removeprefix('<script type="application/ld+json">')
    data = json.loads(script.split(">", 1)[1])
    assert data["name"] == title and data["description"] == "</SCRIPT>"


def test_cancelled_meeting_says_so_and_offers_nothing_to_join(client, make_meeting):
    meeting = make_meeting(
        "Inställt möte",
        status="cancelled",
        mode="hybrid",
        online_url="https://example.org/teams",
        registration_kind="external",
        registration_url="https://example.org/anmalan",
    )
    soup = parse(client.get(meeting.url))
    assert_well_formed_page(soup)
    assert status_word("cancelled") in soup.main.get_text(" ", strip=True)
    for href in ("https://example.org/teams", "https://example.org/anmalan"):
        assert not soup.find("a", href=href)
    assert not soup.main.find("a", href=lambda h: h and "calendar.google.com" in h)
    assert "Folkets Hus" not in soup.main.get_text()
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_meeting_moved_online_shows_the_link_not_the_venue(client, make_meeting):
    meeting = make_meeting(
        "Flyttat möte", status="moved_online", online_url="https://example.org/zoom"
    )
    soup = parse(client.get(meeting.url))
    assert soup.main.find("a", href="https://example.org/zoom")
    assert "Folkets Hus" not in soup.main.get_text()
    assert status_word("moved_online") in soup.main.get_text(" ", strip=True)
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.org/zoom"}


def test_held_meeting_shows_what_came_out_of_it(client, make_meeting, make_organisation):
    came = make_organisation("Studieförbundet")
    secret = make_organisation("Utkastföreningen", live=False)
    follow_up = make_meeting("Uppföljning", start=next_week_at(days=30))
    draft_follow_up = make_meeting("Hemlig uppföljning", live=False)
    held = make_meeting(
        "Dialog i våras",
        start=timezone.now() - dt.timedelta(days=40),
        attendance_organisations=12,
        attendance_people=31,
        attendance_municipal_staff=5,
        outcome="<p>Längre bidragsperioder.</p>",
        follow_up=follow_up,
    )
    held.attending_organisations = [
        MeetingAttendance(organisation=came),
        MeetingAttendance(organisation=secret),
    ]
    held = publish(held)
    soup = parse(client.get(held.url))
    assert_well_formed_page(soup)
    section = soup.main.find("section", class_="civil-afterwards")
    text = section.get_text(" ", strip=True)
    assert ["12", "31", "5"] == [dd.get_text(strip=True) for dd in section.find_all("dd")]
    assert "Längre bidragsperioder." in text and "Studieförbundet" in text
    assert "Utkastföreningen" not in text
    assert section.find("a", href=came.get_url())
    assert section.find("a", href=follow_up.url)
    # Nothing to add to a calendar once it is over.
    assert not soup.main.find("a", href=lambda h: h and "calendar.google.com" in h)
    held.follow_up = draft_follow_up
    publish(held)
    soup = parse(client.get(held.url))
    assert "Hemlig uppföljning" not in soup.main.get_text()


def test_a_meeting_page_is_served(client, make_meeting, stub_templates):
    meeting = make_meeting("Dialog om fritid", slug="dialog-om-fritid")
    response = client.get("/moten/dialog-om-fritid/")
    assert response.status_code == 200
    assert response.context["page"] == meeting
