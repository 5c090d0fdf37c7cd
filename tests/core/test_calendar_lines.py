"""Content lines written with less work are icalendar's lines, byte for byte.

``civilsamhalle.calendar.lines`` leaves short lines unfolded and serialises a parameter set once
per process; each line must still be what ``Contentline.from_parts(...).to_ical()`` writes.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Event, Parameters, vCalAddress, vDatetime, vText, vUri
from icalendar.parser import Contentline

from civilsamhalle.calendar.lines import component_bytes, content_line


class _QuotedCN(Parameters):
    """Parameters of another type with the same items, that quote differently."""

    always_quoted = (*Parameters.always_quoted, "CN")


def _icalendar(name: str, value: object) -> bytes:
    params = getattr(value, "params", None) or Parameters()
    return Contentline.from_parts(name, params, value).to_ical()


def _organizer(params: Parameters) -> vCalAddress:
    organizer = vCalAddress("mailto:kim@example.org")
    organizer.params = params
    return organizer


def test_short_long_and_non_ascii_lines_are_icalendar_s() -> None:
    values = {
        "SUMMARY": vText("Dialogmöte"),
        "DESCRIPTION": vText("Vi samtalar om överenskommelsen, ÖK Idé; fika serveras. " * 6),
        "LOCATION": vText("x" * 70),  # 79 octets with its name: folded
        "URL": vUri("https://kommun.example/" + "a" * 80, params={"VALUE": "URI"}),
        "DTSTART": vDatetime(dt.datetime(2026, 3, 29, 18, tzinfo=ZoneInfo("Europe/Stockholm"))),
        "DTSTAMP": vDatetime(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)),
    }
    for name, value in values.items():
        for _ in range(2):  # the second time from the remembered parameters
            assert content_line(name, value) == _icalendar(name, value), name


def test_parameters_of_another_type_with_the_same_items_are_written_their_way() -> None:
    plain, quoted = Parameters(CN="Kim"), _QuotedCN(CN="Kim")
    first = content_line("ORGANIZER", _organizer(plain))
    assert first == _icalendar("ORGANIZER", _organizer(plain))
    assert b"CN=Kim:" in first
    second = content_line("ORGANIZER", _organizer(quoted))
    assert second == _icalendar("ORGANIZER", _organizer(quoted))
    assert b'CN="Kim":' in second


def test_a_component_is_written_as_icalendar_writes_it() -> None:
    event = Event()
    event["SUMMARY"] = vText("Årsmöte")
    event["DESCRIPTION"] = vText("Föreningens årsmöte med val av styrelse. " * 5)
    event["DTSTART"] = vDatetime(dt.datetime(2026, 10, 25, 2, 30, tzinfo=ZoneInfo("Europe/Oslo")))
    event["CATEGORIES"] = ["Kultur", "Idrott"]
    assert component_bytes(event) == event.to_ical()
