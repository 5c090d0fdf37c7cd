"""The iCalendar feed, read back by two independent parsers: icalendar and the strict ``ical``.

Each feature is checked in what a calendar program would read, not in how the code builds it.
VTIMEZONE has its own file, test_calendar_timezones.py.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
import time
import uuid
from pathlib import Path

import icalendar
import polib
import pytest

from civilsamhalle.calendar import (
    FeedInfo,
    FeedLabels,
    build_calendar,
    event_uid,
    feed_bytes,
    next_sequence,
)
from civilsamhalle.model import AttendanceMode, Contact, EventStatus, MeetingKind, Venue
from tests.core.conftest import STOCKHOLM, build_full_meeting, build_meeting, parse, unfolded

INFO = FeedInfo(name="Möten", uid_domain="kommun.example.org", language="en")
LINK = "https://meet.example.org/dialog"


def only_event(data: bytes) -> tuple[icalendar.Event, object]:
    ours, strict = parse(data)
    (event,) = ours.walk("VEVENT")
    (strict_event,) = strict.events
    return event, strict_event


def text_of(value: object) -> str:
    """An X-WR- property unescaped as TEXT (RFC 5545 §3.3.11); icalendar leaves it raw."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(value))


# --- the calendar ------------------------------------------------------------------------------


def test_calendar_properties() -> None:
    info = FeedInfo(
        name='Möten, dialoger; allt om "ÖK Idé" \\ 2026\nrad två',
        description="Alla möten; med föreningar, råd och\nkommunen \\ 😀",
        url="https://kommun.example.org/moten",
        uid_domain="kommun.example.org",
    )
    data = feed_bytes([build_meeting()], info)
    ours, strict = parse(data)
    lines = unfolded(data)
    assert "METHOD:PUBLISH" in lines and "VERSION:2.0" in lines and "CALSCALE:GREGORIAN" in lines
    assert strict.method == "PUBLISH" and strict.prodid == info.prodid
    assert strict.name == [info.name] and strict.description == [info.description]
    assert text_of(ours["X-WR-CALNAME"]) == info.name
    assert text_of(ours["X-WR-CALDESC"]) == info.description
    assert str(ours["URL"]) == info.url
    assert f"URL;VALUE=URI:{info.url}" in lines
    name_line = next(line for line in lines if line.startswith("NAME"))
    assert name_line.startswith("NAME:Möten\\, dialoger\\; allt om")  # TEXT-escaped
    assert "UID" not in ours  # no random calendar UID (Calendar.new adds one)


@pytest.mark.parametrize(
    ("interval", "duration"),
    [(dt.timedelta(hours=6), "PT6H"), (dt.timedelta(minutes=90), "PT1H30M")],
)
def test_refresh_interval_is_a_typed_duration(interval: dt.timedelta, duration: str) -> None:
    data = feed_bytes([], FeedInfo(name="x", refresh_interval=interval))
    _, strict = parse(data)
    assert f"REFRESH-INTERVAL;VALUE=DURATION:{duration}" in unfolded(data)
    assert f"X-PUBLISHED-TTL:{duration}" in unfolded(data)
    assert strict.refresh_interval == interval


def test_calendar_time_zone_is_the_meetings_usual_one_unless_given() -> None:
    meetings = [
        build_meeting(uid=uuid.UUID(int=1), timezone="Europe/Oslo"),
        build_meeting(uid=uuid.UUID(int=2), timezone="Europe/Oslo"),
        build_meeting(uid=uuid.UUID(int=3)),
    ]
    assert "X-WR-TIMEZONE:Europe/Oslo" in unfolded(feed_bytes(meetings, INFO))
    # The most meetings win, not the first name in the alphabet; a tie goes to the first.
    helsinki = build_meeting(uid=uuid.UUID(int=4), timezone="Europe/Helsinki")
    assert "X-WR-TIMEZONE:Europe/Oslo" in unfolded(feed_bytes([helsinki, *meetings], INFO))
    tie = [helsinki, meetings[2]]
    assert "X-WR-TIMEZONE:Europe/Helsinki" in unfolded(feed_bytes(tie, INFO))
    info = FeedInfo(name="x", timezone="Europe/Stockholm")
    assert "X-WR-TIMEZONE:Europe/Stockholm" in unfolded(feed_bytes(meetings, info))
    ours, strict = parse(feed_bytes([], FeedInfo(name="tom")))
    assert "X-WR-TIMEZONE" not in ours and strict.events == []


# --- one event ---------------------------------------------------------------------------------


def test_every_feature_of_a_meeting_reaches_both_parsers() -> None:
    meeting = build_full_meeting(sequence=3)
    event, strict = only_event(feed_bytes([meeting], INFO))
    uid = f"{meeting.uid}@kommun.example.org"
    assert str(event["UID"]) == strict.uid == uid == event_uid(meeting, "kommun.example.org")
    assert event.decoded("SEQUENCE") == strict.sequence == 3
    assert str(event["SUMMARY"]) == strict.summary == meeting.title
    assert str(event["STATUS"]) == "CONFIRMED" and strict.status == "CONFIRMED"
    place = "Kulturens hus, Skeppsbrogatan 17, 972 31 Luleå and online"
    assert str(event["LOCATION"]) == strict.location == place
    assert (event["GEO"].latitude, event["GEO"].longitude) == (65.5848, 22.1547)
    assert (strict.geo.lat, strict.geo.lng) == (65.5848, 22.1547)
    assert str(event["URL"]) == strict.url == meeting.url
    categories = ["Open meeting", "pensionärsorganisationer", "kultur"]
    assert [str(c) for c in event["CATEGORIES"].cats] == strict.categories == categories
    (conference,) = strict.conference
    assert conference.uri == meeting.online_url and conference.label == "Join online"
    assert [f.value for f in conference.feature] == ["VIDEO"]
    lines = unfolded(feed_bytes([meeting], INFO))
    conference_line = f'CONFERENCE;FEATURE=VIDEO;LABEL="Join online";VALUE=URI:{meeting.online_url}'
    assert conference_line in lines
    assert f"URL;VALUE=URI:{meeting.url}" in lines
    assert strict.organizer.uri == "mailto:kim@example.org"
    assert strict.organizer.common_name == event["ORGANIZER"].params["CN"] == "Kim Karlsson"
    assert strict.contacts == ["Kim Karlsson, kim@example.org, 0920-45 30 00"]
    description = strict.description
    assert str(event["DESCRIPTION"]) == description
    for expected in (
        meeting.description,
        "Theme: Ideella krafter i kris",
        f"Join online: {meeting.online_url}",
        "Programme:\n13:00 Välkommen\n13:15 Lägesbild\nNuläge och utblick\nFika",
        "Speakers:\n- Anna Andersson, Ordförande, PRO Luleå\n- Bo Berg",
        "Hosts: Luleå kommun, Studieförbundet Vuxenskolan",
        "Agreement: ÖK Idé Luleå",
        "Register: https://anmalan.example.org/stormote",
        "Register by: 2026-05-25 23:59",
        "Contact: Kim Karlsson, kim@example.org, 0920-45 30 00",
        f"More information: {meeting.url}",
    ):
        assert expected in description


def test_times_are_local_with_tzid_and_stamps_are_utc() -> None:
    meeting = build_meeting()
    data = feed_bytes([meeting], INFO)
    event, strict = only_event(data)
    lines = unfolded(data)
    assert "DTSTART;TZID=Europe/Stockholm:20260602T130000" in lines
    assert "DTEND;TZID=Europe/Stockholm:20260602T150000" in lines
    assert "CREATED:20260301T080000Z" in lines  # 09:00 CET
    assert "LAST-MODIFIED:20260415T083000Z" in lines  # 10:30 CEST
    assert "DTSTAMP:20260415T083000Z" in lines
    assert strict.dtstart == event.decoded("DTSTART") == meeting.start
    assert strict.dtend == event.decoded("DTEND") == meeting.end
    assert strict.dtstart.tzinfo.key == "Europe/Stockholm"


@pytest.mark.parametrize(
    ("created", "last_modified", "stamp"),
    [
        (dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC), None, "20260102T030400Z"),
        (None, None, "20260602T110000Z"),  # the start: never the clock
    ],
)
def test_dtstamp_falls_back_to_created_then_start(created, last_modified, stamp) -> None:
    meeting = build_meeting(created=created, last_modified=last_modified)
    assert f"DTSTAMP:{stamp}" in unfolded(feed_bytes([meeting], INFO))


@pytest.mark.parametrize(
    ("overrides", "language", "expected"),
    [
        ({}, "en", "Stadshuset, Storgatan 1, 972 41 Luleå"),
        ({"mode": AttendanceMode.ONLINE, "venue": None, "online_url": LINK}, "en", "Online"),
        ({"mode": AttendanceMode.ONLINE, "venue": None, "online_url": LINK}, "sv", "Digitalt"),
        (
            {"mode": AttendanceMode.HYBRID, "online_url": LINK},
            "nb",
            "Stadshuset, Storgatan 1, 972 41 Luleå og digitalt",
        ),
        ({"status": EventStatus.MOVED_ONLINE, "online_url": LINK}, "en", "Online"),
        (
            {
                "mode": AttendanceMode.HYBRID,
                "venue": None,
                "status": EventStatus.MOVED_ONLINE,
                "online_url": LINK,
            },
            "en",
            "Online",
        ),
        ({"venue": None, "status": EventStatus.CANCELLED}, "en", None),
    ],
)
def test_location(overrides: dict, language: str, expected: str | None) -> None:
    info = FeedInfo(name="x", language=language)
    event, strict = only_event(feed_bytes([build_meeting(**overrides)], info))
    assert strict.location == expected
    assert (str(event["LOCATION"]) if "LOCATION" in event else None) == expected


def test_stamps_are_utc_whatever_the_servers_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        lines = unfolded(feed_bytes([build_meeting()], INFO))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert "DTSTAMP:20260415T083000Z" in lines and "CREATED:20260301T080000Z" in lines


def test_parameters_are_one_line() -> None:
    """A line break typed in a name or a label would end the property: it becomes a space."""
    meeting = build_meeting(
        online_url=LINK,
        mode=AttendanceMode.HYBRID,
        contact=Contact(name="Kim\nKarlsson", email="kim@example.org"),
    )
    labels = FeedLabels(join_online="Anslut\r\ndigitalt")
    event, strict = only_event(feed_bytes([meeting], INFO, labels))
    assert strict.organizer.common_name == event["ORGANIZER"].params["CN"] == "Kim Karlsson"
    assert strict.conference[0].label == event["CONFERENCE"].params["LABEL"] == "Anslut digitalt"


def test_labels_given_to_feed_bytes_win_over_the_feeds_language() -> None:
    meeting = build_meeting(status=EventStatus.CANCELLED)
    event, _ = only_event(feed_bytes([meeting], INFO, FeedLabels(cancelled="Inställd")))
    assert str(event["SUMMARY"]) == f"Inställd: {meeting.title}"


def test_optional_properties_are_left_out_when_unknown() -> None:
    meeting = build_meeting(contact=Contact(name="Växeln", phone="0920-45 30 00"))
    event, strict = only_event(feed_bytes([meeting], INFO))
    for name in ("GEO", "URL", "CONFERENCE", "ORGANIZER"):
        assert name not in event
    assert strict.contacts == ["Växeln, 0920-45 30 00"]
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Dialogue meeting"]


@pytest.mark.parametrize(
    ("status", "ical_status", "prefix"),
    [
        (EventStatus.SCHEDULED, "CONFIRMED", ""),
        (EventStatus.RESCHEDULED, "CONFIRMED", ""),
        (EventStatus.MOVED_ONLINE, "CONFIRMED", ""),
        (EventStatus.POSTPONED, "TENTATIVE", "Postponed: "),
        (EventStatus.CANCELLED, "CANCELLED", "Cancelled: "),
    ],
)
def test_status(status: EventStatus, ical_status: str, prefix: str) -> None:
    meeting = build_meeting(status=status, online_url=LINK)
    event, strict = only_event(feed_bytes([meeting], INFO))
    assert str(event["STATUS"]) == strict.status == ical_status
    assert strict.summary == prefix + meeting.title


def test_a_typed_backslash_n_is_not_a_line_break() -> None:
    """icalendar 7 alone writes "\\N" as an escaped line break; the feed must not."""
    path = "Protokoll: \\\\server\\Nämnder\\nya, se C:\\N"
    info = FeedInfo(name=path, description=path)
    meeting = build_meeting(title=path, categories=(path,), venue=Venue(name=path))
    event, strict = only_event(feed_bytes([meeting], info))
    _, calendar = parse(feed_bytes([meeting], info))
    assert calendar.name == calendar.description == [path]
    assert str(event["SUMMARY"]) == strict.summary == path
    assert str(event["LOCATION"]) == strict.location == path
    assert [str(c) for c in event["CATEGORIES"].cats][1:] == [path]


# --- cancelled meetings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "word"), [("sv", "Inställt"), ("nb", "Avlyst"), ("en", "Cancelled")]
)
def test_a_cancelled_meeting_stays_with_its_uid_and_a_raised_sequence(language, word) -> None:
    published = build_full_meeting()
    cancelled = published.model_copy(update={"status": EventStatus.CANCELLED})
    cancelled = cancelled.model_copy(update={"sequence": next_sequence(published, cancelled)})
    info = FeedInfo(name="x", language=language, uid_domain="kommun.example.org")
    before, _ = only_event(feed_bytes([published], info))
    event, strict = only_event(feed_bytes([cancelled], info))
    assert strict.uid == str(before["UID"])
    assert strict.status == "CANCELLED"
    assert strict.sequence == before.decoded("SEQUENCE") + 1 == 1
    assert strict.summary == f"{word}: {published.title}"
    # Nobody should be sent to join or register for a meeting that will not take place.
    assert strict.conference == [] and published.online_url not in strict.description
    assert published.registration.url not in strict.description


# --- stability ---------------------------------------------------------------------------------


def test_the_same_meetings_give_the_same_bytes_in_a_stable_order() -> None:
    early = build_meeting(uid=uuid.UUID(int=9))
    later = {"start": early.start + dt.timedelta(days=1), "end": early.end + dt.timedelta(days=1)}
    same_time_b = build_meeting(uid=uuid.UUID(int=2), **later)
    same_time_a = same_time_b.model_copy(update={"uid": uuid.UUID(int=1)})
    data = feed_bytes([same_time_b, early, same_time_a], INFO)
    assert data == feed_bytes([same_time_a, same_time_b, early], INFO)
    assert data == feed_bytes(iter([early, same_time_a, same_time_b]), INFO)
    _, strict = parse(data)
    assert [e.uid.split("@")[0] for e in strict.events] == [
        str(uuid.UUID(int=n)) for n in (9, 1, 2)
    ]


def test_build_calendar_and_feed_bytes_agree() -> None:
    meetings = [build_full_meeting()]
    assert build_calendar(meetings, INFO).to_ical() == feed_bytes(meetings, INFO)


# --- next_sequence -----------------------------------------------------------------------------


def test_a_new_meeting_starts_at_zero() -> None:
    assert next_sequence(None, build_meeting()) == 0


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Nytt namn"},
        {"description": "Rättat stavfel"},
        {"programme": ()},
        {"start": dt.datetime(2026, 6, 2, 11, 0, tzinfo=dt.UTC)},  # same instant, other offset
    ],
)
def test_a_change_that_does_not_move_the_meeting_keeps_the_sequence(change: dict) -> None:
    previous = build_full_meeting(sequence=4)
    assert next_sequence(previous, build_full_meeting(sequence=4, **change)) == 4


@pytest.mark.parametrize(
    "change",
    [
        {"start": dt.datetime(2026, 6, 2, 12, 0, tzinfo=STOCKHOLM)},
        {"end": dt.datetime(2026, 6, 2, 16, 0, tzinfo=STOCKHOLM)},
        {"timezone": "Europe/Oslo"},
        {"venue": Venue(name="Folkets hus")},
        {"mode": AttendanceMode.IN_PERSON},
        {"online_url": "https://meet.example.org/ny-lank"},
        {"status": EventStatus.CANCELLED},
        {"status": EventStatus.POSTPONED},
        {"status": EventStatus.MOVED_ONLINE},
        {"status": EventStatus.RESCHEDULED},
    ],
)
def test_a_change_of_time_place_or_status_raises_the_sequence(change: dict) -> None:
    previous = build_full_meeting(sequence=4)
    assert next_sequence(previous, build_full_meeting(sequence=4, **change)) == 5


def test_the_sequence_never_goes_down() -> None:
    previous = build_meeting(sequence=2)
    assert next_sequence(previous, build_meeting(sequence=7)) == 7
    assert next_sequence(previous, build_meeting(sequence=0, title="Ny")) == 2


# --- labels ------------------------------------------------------------------------------------

LOCALE = Path(__file__).resolve().parents[2] / "civilsamhalle" / "locale"


def po_entries(language: str) -> dict[str, str]:
    """msgid → msgstr of a catalogue, read from the .po with polib (wrapped entries too)."""
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "civilsamhalle.po"))
    return {
        e.msgid: e.msgstr
        for e in catalogue
        if e.msgid and not (e.msgctxt or e.msgid_plural or e.obsolete)
    }


@pytest.mark.parametrize(
    ("language", "cancelled", "online"),
    [
        ("sv", "Inställt", "Digitalt"),
        ("sv-SE", "Inställt", "Digitalt"),
        ("nb", "Avlyst", "Digitalt"),
        ("nb_NO", "Avlyst", "Digitalt"),
        ("no", "Avlyst", "Digitalt"),
        ("en", "Cancelled", "Online"),
        ("de", "Cancelled", "Online"),
    ],
)
def test_labels_for_language(language: str, cancelled: str, online: str) -> None:
    labels = FeedLabels.for_language(language)
    assert (labels.cancelled, labels.online) == (cancelled, online)


def test_english_labels_are_the_defaults() -> None:
    assert FeedLabels.for_language("en") == FeedLabels()


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_catalogue_translates_every_label_and_the_mo_matches_the_po(language: str) -> None:
    entries = po_entries(language)
    defaults = FeedLabels()
    for name in defaults.__dataclass_fields__:
        assert entries.get(getattr(defaults, name)), f"{language}: {name} is not translated"
    compiled = gettext.GNUTranslations(
        (LOCALE / language / "LC_MESSAGES" / "civilsamhalle.mo").open("rb")
    )
    for msgid, msgstr in entries.items():
        assert compiled.gettext(msgid) == msgstr, f"{language}.mo is older than the .po: {msgid}"
    labels = FeedLabels.for_language(language)
    assert "{venue}" in labels.hybrid_location
    assert "2026" in dt.datetime(2026, 5, 25, 23, 59).strftime(labels.date_time_format)
    assert all(labels.kind(kind) for kind in MeetingKind)
