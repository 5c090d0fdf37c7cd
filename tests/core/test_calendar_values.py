"""The words of an event: no property without a value, the description's whole layout, a
whole-day deadline as the day, and what iCalendar TEXT cannot carry.

``civilsamhalle ics`` turns a data file into a feed: a meeting there may have nothing but a title,
a time and a place, and no page address, and its event must still carry no empty
``DESCRIPTION:`` (some programs show it as a blank note, some refuse the event).
"""

from __future__ import annotations

import datetime as dt

import pytest

from civilsamhalle.calendar import FeedInfo, FeedLabels, feed_bytes
from civilsamhalle.calendar.text import clean, description, location
from civilsamhalle.model import AttendanceMode, EventStatus, Registration, RegistrationKind
from tests.core.conftest import STOCKHOLM, build_full_meeting, build_meeting
from tests.feedcheck import empty_properties, read_feed


def test_a_bare_meeting_gives_no_empty_property():
    body = feed_bytes([build_meeting()], FeedInfo(name="Möten"), FeedLabels())
    assert empty_properties(body) == []
    event = read_feed(body).walk("VEVENT")[0]
    assert "DESCRIPTION" not in event


def test_blank_labels_give_no_empty_categories():
    labels = FeedLabels(dialogue="")
    body = feed_bytes([build_meeting()], FeedInfo(name="Möten"), labels)
    assert empty_properties(body) == []


def _registration(deadline: dt.datetime) -> Registration:
    return Registration(
        kind=RegistrationKind.EXTERNAL, url="https://example.org/anmalan", deadline=deadline
    )


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [
        ("sv", "2026-05-25", "2026-05-25 kl. 12:30"),
        ("nb", "25.05.2026", "25.05.2026 kl. 12:30"),
        ("en", "2026-05-25", "2026-05-25 12:30"),
    ],
)
def test_a_deadline_at_local_midnight_reads_as_the_day(language, day, moment):
    labels = FeedLabels.for_language(language)
    midnight = dt.datetime(2026, 5, 25, tzinfo=STOCKHOLM)
    whole_day = build_meeting(registration=_registration(midnight))
    assert f"{labels.register_by}: {day}\n" in description(whole_day, labels) + "\n"
    at_noon = build_meeting(registration=_registration(midnight.replace(hour=12, minute=30)))
    assert f"{labels.register_by}: {moment}\n" in description(at_noon, labels) + "\n"
    # Midnight in UTC is 02:00 in Stockholm: a time, not a day.
    utc_midnight = dt.datetime(2026, 5, 25, tzinfo=dt.UTC)
    assert "02:00" in description(build_meeting(registration=_registration(utc_midnight)), labels)


def test_the_whole_description_of_a_full_meeting() -> None:
    """Paragraphs apart by a blank line; hosts and agreement, registration and its deadline, a
    programme item and its description each on lines of their own."""
    meeting = build_full_meeting(outcome="Två nya samarbeten")
    assert description(meeting, FeedLabels()) == (
        "Theme: Ideella krafter i kris\n"
        "\n"
        "Vi samlas för att prata om samverkan.\nVälkomna!\n"
        "\n"
        "Join online: https://meet.example.org/stormote?id=1,2\n"
        "\n"
        "Programme:\n13:00 Välkommen\n13:15 Lägesbild\nNuläge och utblick\nFika\n"
        "\n"
        "Speakers:\n- Anna Andersson, Ordförande, PRO Luleå\n- Bo Berg\n"
        "\n"
        "Hosts: Luleå kommun, Studieförbundet Vuxenskolan\nAgreement: ÖK Idé Luleå\n"
        "\n"
        "Register: https://anmalan.example.org/stormote\nRegister by: 2026-05-25 23:59\n"
        "\n"
        "Contact: Kim Karlsson, kim@example.org, 0920-45 30 00\n"
        "\n"
        "Outcome: Två nya samarbeten\n"
        "\n"
        "More information: https://kommun.example.org/moten/stormote"
    )


def test_a_deadline_without_a_link_is_still_told() -> None:
    deadline = dt.datetime(2026, 5, 25, 16, 0, tzinfo=STOCKHOLM)
    meeting = build_meeting(description="", registration=Registration(deadline=deadline))
    assert description(meeting, FeedLabels()) == "Register by: 2026-05-25 16:00"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("rad ett\r\nrad två\rrad tre\nrad fyra", "rad ett\nrad två\nrad tre\nrad fyra"),
        ("\r", "\n"),
        ("\r\r\n", "\n\n"),
        ("DEL\x7f NUL\x00 bell\x07 ESC\x1b VT\x0b FF\x0c US\x1f", "DEL NUL bell ESC VT FF US"),
        ("tab\tstays, and so do ÅÄÖ, \u2028 and 😀", "tab\tstays, and so do ÅÄÖ, \u2028 and 😀"),
    ],
)
def test_clean_keeps_what_text_can_carry(typed: str, written: str) -> None:
    """A lone CR is a line break too; DEL and the other C0 controls cannot be written."""
    assert clean(typed) == written


def test_a_cancelled_hybrid_meeting_without_a_venue_is_online() -> None:
    meeting = build_meeting(
        mode=AttendanceMode.HYBRID, venue=None, status=EventStatus.CANCELLED, online_url=None
    )
    assert location(meeting, FeedLabels(online="Digitalt")) == "Digitalt"
    in_person = build_meeting(venue=None, status=EventStatus.CANCELLED)
    assert location(in_person, FeedLabels()) is None
