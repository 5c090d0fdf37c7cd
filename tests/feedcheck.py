"""Reading a served feed the way calendar programs will, for the app and demo tests.

Every feed is read back with two parsers, ``icalendar`` and the stricter ``ical``, because
calendar programs are strict in different places, and a feed one of them rejects is a calendar
that silently stops updating for its subscribers.
"""

from __future__ import annotations

import icalendar
from ical.calendar_stream import IcsCalendarStream

__all__ = ["read_feed"]


def read_feed(body: bytes, where: str = "") -> icalendar.Calendar:
    """The feed as an ``icalendar.Calendar``, after asserting that both parsers accept it, see
    the same events, and that every TZID it uses is defined by a VTIMEZONE (calendar programs
    otherwise guess, often as UTC)."""
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
    return calendar
