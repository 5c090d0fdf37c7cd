"""Reading a served feed the way calendar programs will, for the app and demo tests.

Every feed is read back with two parsers, ``icalendar`` and the stricter ``ical``, because
calendar programs are strict in different places, and a feed one of them rejects is a calendar
that silently stops updating for its subscribers.
"""

from __future__ import annotations

from collections.abc import Iterator

import icalendar
from ical.calendar_stream import IcsCalendarStream
from ical.parsing.component import ParsedComponent, parse_content

__all__ = ["empty_properties", "read_feed"]


def _parsed(components: list[ParsedComponent], path: str = "") -> Iterator[tuple[str, str, str]]:
    for component in components:
        where = f"{path}/{component.name}"
        for prop in component.properties:
            yield where, prop.name, prop.value
        yield from _parsed(component.components, where)


def empty_properties(body: bytes) -> list[str]:
    """Every property whose value is empty (``DESCRIPTION:``), as each of the two parsers sees
    it: a line with nothing after the colon says nothing, and some programs show it as a blank
    note or refuse the event."""
    found = []
    for component in icalendar.Calendar.from_ical(body).walk():
        for name, values in component.property_items(recursive=False):
            if name in ("BEGIN", "END"):
                continue
            if not values.to_ical():
                found.append(f"icalendar: {component.name}/{name}")
    for where, name, value in _parsed(parse_content(body.decode("utf-8"))):
        if not value:
            found.append(f"ical: {where}/{name}")
    return found


def read_feed(body: bytes, where: str = "") -> icalendar.Calendar:
    """The feed as an ``icalendar.Calendar``, after asserting that both parsers accept it, see
    the same events, that every TZID it uses is defined by a VTIMEZONE (calendar programs
    otherwise guess, often as UTC), and that no property is empty."""
    strict = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    calendar = icalendar.Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    assert len(strict.events) == len(events), where
    assert {e.uid for e in strict.events} == {str(e["UID"]) for e in events}, where
    used = {
        prop.params["TZID"]
        for component in calendar.walk()
        for values in component.values()
        for prop in (values if isinstance(values, list) else [values])
        if hasattr(prop, "params") and "TZID" in prop.params
    }
    defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert used <= defined, f"{where}: TZID without VTIMEZONE: {used - defined}"
    empty = empty_properties(body)
    assert not empty, f"{where}: properties without a value: {empty}"
    return calendar
