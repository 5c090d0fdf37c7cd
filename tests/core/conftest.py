"""Shared fixtures of the core tests: meetings to build feeds, rules and files from.

``build_meeting(**overrides)`` (also the ``make_meeting`` fixture) gives a plain, valid dialogue
meeting in Stockholm; a test names only what it is about. ``full_meeting`` has every field set.
Module-level so that hypothesis tests, which must not use function-scoped fixtures, can import
them: ``from tests.core.conftest import build_meeting``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from ical.calendar import Calendar as StrictCalendar
from ical.calendar_stream import IcsCalendarStream

from civilsamhalle.calendar import timezones
from civilsamhalle.i18n import translation
from civilsamhalle.model import (
    AttendanceMode,
    Contact,
    Meeting,
    MeetingKind,
    ProgrammeItem,
    Registration,
    RegistrationKind,
    Speaker,
    Venue,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MEETING_UID = uuid.UUID("5b1b0c1e-2f59-4d1c-9a57-0d7b3e3c2a11")


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    """Every test computes time zones and catalogues itself. A result cached by an earlier test
    would hide a bug that shows on first use, and hide from mutmut which tests run the code."""
    timezones._cached_observances.cache_clear()
    translation.cache_clear()


def build_meeting(**overrides: Any) -> Meeting:
    """A valid meeting on 2 June 2026, 13–15 in Stockholm, with ``overrides`` applied.

    Overrides go through validation, like everything a real caller builds.
    """
    fields: dict[str, Any] = {
        "uid": MEETING_UID,
        "title": "Dialogmöte om föreningslivet",
        "start": dt.datetime(2026, 6, 2, 13, 0, tzinfo=STOCKHOLM),
        "end": dt.datetime(2026, 6, 2, 15, 0, tzinfo=STOCKHOLM),
        "timezone": "Europe/Stockholm",
        "venue": Venue(
            name="Stadshuset",
            street_address="Storgatan 1",
            postal_code="972 41",
            locality="Luleå",
        ),
        "created": dt.datetime(2026, 3, 1, 9, 0, tzinfo=STOCKHOLM),
        "last_modified": dt.datetime(2026, 4, 15, 10, 30, tzinfo=STOCKHOLM),
    }
    fields.update(overrides)
    return Meeting.model_validate(fields)


def build_full_meeting(**overrides: Any) -> Meeting:
    """A hybrid meeting with every optional part filled in: programme, speakers, registration…"""
    fields: dict[str, Any] = {
        "kind": MeetingKind.OPEN_MEETING,
        "theme": "Ideella krafter i kris",
        "description": "Vi samlas för att prata om samverkan.\nVälkomna!",
        "mode": AttendanceMode.HYBRID,
        "venue": Venue(
            name="Kulturens hus",
            street_address="Skeppsbrogatan 17",
            postal_code="972 31",
            locality="Luleå",
            latitude=65.5848,
            longitude=22.1547,
        ),
        "online_url": "https://meet.example.org/stormote?id=1,2",
        "programme": (
            ProgrammeItem(title="Välkommen", start_time=dt.time(13, 0)),
            ProgrammeItem(
                title="Lägesbild", start_time=dt.time(13, 15), description="Nuläge och utblick"
            ),
            ProgrammeItem(title="Fika"),
        ),
        "speakers": (
            Speaker(name="Anna Andersson", title="Ordförande", affiliation="PRO Luleå"),
            Speaker(name="Bo Berg"),
        ),
        "hosts": ("Luleå kommun", "Studieförbundet Vuxenskolan"),
        "agreement_id": "ok-ide",
        "agreement_title": "ÖK Idé Luleå",
        "categories": ("pensionärsorganisationer", "kultur"),
        "registration": Registration(
            kind=RegistrationKind.EXTERNAL,
            url="https://anmalan.example.org/stormote",
            deadline=dt.datetime(2026, 5, 25, 23, 59, tzinfo=STOCKHOLM),
        ),
        "contact": Contact(name="Kim Karlsson", email="kim@example.org", phone="0920-45 30 00"),
        "url": "https://kommun.example.org/moten/stormote",
        "outcome": "",
    }
    fields.update(overrides)
    return build_meeting(**fields)


@pytest.fixture(scope="session")
def make_meeting() -> Callable[..., Meeting]:
    return build_meeting


@pytest.fixture(scope="session")
def full_meeting() -> Meeting:
    return build_full_meeting()


def assert_wellformed(data: bytes) -> None:
    """The line rules of RFC 5545 §3.1: UTF-8, CRLF line ends, at most 75 octets a line."""
    text = data.decode("utf-8")  # raises on invalid UTF-8
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    for line in lines:
        assert b"\r" not in line and b"\n" not in line, line
        assert len(line) <= 75, (len(line), line)
        line.decode("utf-8")  # folding never splits a UTF-8 sequence
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")


def parse(data: bytes) -> tuple[icalendar.Calendar, StrictCalendar]:
    """A well-formed feed, read by icalendar and by the strict ``ical`` parser."""
    assert_wellformed(data)
    return icalendar.Calendar.from_ical(data), IcsCalendarStream.calendar_from_ics(data.decode())


def unfolded(data: bytes) -> list[str]:
    """The feed's content lines with folding undone, to check the exact form of a property."""
    return data.decode().replace("\r\n ", "").split("\r\n")
