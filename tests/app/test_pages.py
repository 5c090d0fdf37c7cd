"""The meeting pages and meeting lists, rendered by the real templates through Wagtail's serving;
and the checks every public page must pass (see ``test_pages_agreements_organisations`` for the
other page types).

What a resident must be able to read is asserted on the HTML itself: times in the municipality's
time zone, the registration deadline, the venue, and a calendar subscription that really answers
with a feed. Wording is never asserted (it is translated
later); structure, links, ``<time datetime>`` values and the app's own data are.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation

from tests.app.conftest import next_week_at, publish
from wagtail_civil.choices import EVENT_STATUS_CHOICES
from wagtail_civil.models import (
    MeetingAttendance,
    MeetingSpeaker,
)

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = dt.UTC


# --- HTML checks every page must pass ------------------------------------------------------------


def parse(response: Any) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode("utf-8"), "html.parser")


def assert_well_formed_page(soup: BeautifulSoup) -> None:
    """One h1, the site's language, no heading level skipped, unique ids, every control labelled."""
    assert soup.html is not None and soup.html.get("lang") == "sv"
    assert len(soup.find_all("h1")) == 1, [h.get_text() for h in soup.find_all("h1")]
    levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading h{after} follows h{before}"
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert not [i for i, n in ids.items() if n > 1], ids
    for control in soup.find_all(["input", "select", "textarea"]):
        if control.get("type") in ("hidden", "submit", "button"):
            continue
        control_id = control.get("id")
        assert control_id and soup.find("label", attrs={"for": control_id}), control
    for described in soup.find_all(attrs={"aria-describedby": True}):
        for target in described["aria-describedby"].split():
            assert soup.find(id=target), f"aria-describedby points at missing #{target}"
    for link in soup.find("main").find_all("a"):
        assert link.get_text(strip=True), f"a link without text: {link}"


def time_elements(soup: BeautifulSoup) -> dict[str, str]:
    """``datetime`` attribute -> visible text of every ``<time>`` in the main content."""
    return {t["datetime"]: t.get_text(" ", strip=True) for t in soup.main.find_all("time")}


def next_october_13(hour_utc: int) -> dt.datetime:
    """13 October at ``hour_utc`` UTC, in the future: summer time in Sweden (UTC+2)."""
    today = timezone.now()
    year = today.year if (today.month, today.day) < (10, 12) else today.year + 1
    return dt.datetime(year, 10, 13, hour_utc, 0, tzinfo=UTC)


def status_word(value: str) -> str:
    with translation.override("sv"):
        return str(dict(EVENT_STATUS_CHOICES)[value])


# --- the meeting page ----------------------------------------------------------------------------


@pytest.fixture
def dialogue(civil_site, make_meeting, make_organisation, make_category, make_agreement):
    """A full meeting: 16:00–19:00 UTC on 13 October, i.e. 18:00–21:00 in Uddevalla."""
    pensioners = make_category("Pensionärsorganisationer")
    red_cross = make_organisation("Röda Korset", categories=[pensioners])
    hidden = make_organisation("Hemlig förening", live=False)
    agreement = make_agreement("ÖK Idé", slug="ok-ide-2", signatories=[red_cross])
    start = next_october_13(16)
    meeting = make_meeting(
        "Dialogmöte om lokaler",
        start=start,
        duration=dt.timedelta(hours=3),
        hosts=[red_cross, hidden],
        programme=[(dt.time(18, 0), "Välkommen och fika"), (dt.time(18, 30), "Nya regler")],
        speakers=[
            MeetingSpeaker(name="Anna Andersson", title="Kulturchef", affiliation="Kommunen"),
            MeetingSpeaker(name="Bengt Berg", organisation=red_cross),
            MeetingSpeaker(name="Cilla Ek", organisation=hidden),
        ],
        theme="Föreningarnas lokaler",
        street_address="Norra Drottninggatan 12",
        postal_code="451 30",
        agreement=agreement,
        registration_kind="external",
        registration_url="https://example.org/anmalan",
        registration_deadline=start - dt.timedelta(days=2),
        contact_name="Cecilia Carlsson",
        contact_email="cecilia@example.org",
        contact_phone="0522-69 60 00",
        municipal_hosts="Kultur- och fritidsförvaltningen",
    )
    return {"meeting": meeting, "org": red_cross, "hidden": hidden, "agreement": agreement}


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


def subscribe_boxes(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """``(webcal link, address to copy)`` of every subscribe box in the main content."""
    boxes = []
    for box in soup.main.find_all("section", class_="civil-subscribe"):
        webcal = box.find("a", href=lambda h: h and h.startswith("webcal://"))["href"]
        field = box.find("input")
        assert field.has_attr("readonly")
        assert box.find("label", attrs={"for": field["id"]})
        boxes.append((webcal, field["value"]))
    return boxes


def assert_feeds_answer(client, boxes, expected_title: str) -> None:
    assert boxes
    for webcal, copy in boxes:
        assert copy.startswith(("http://", "https://"))
        assert webcal.removeprefix("webcal://") == copy.split("://", 1)[1]
        feed = client.get(urlsplit(copy).path)
        assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
        assert expected_title.encode() in feed.content.replace(b"\r\n ", b"")


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


# --- the meeting list ----------------------------------------------------------------------------


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
