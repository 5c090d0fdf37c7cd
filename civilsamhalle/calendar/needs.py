"""A calendar feed of one-off volunteer needs (the tasks with a date and time), with ``icalendar``.

The same rules as the meeting feeds (docs/architecture.md, "Why feeds look the way they do"):
a UID made once per need and never changed, SEQUENCE from the need, times in the municipality's
zone with its VTIMEZONE, text escaped and folded by icalendar, the same data giving the same bytes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText

from . import text
from .feed import FeedInfo, _head, _Text, _timezones, _usual_zone

__all__ = ["NeedEvent", "need_feed_bytes", "need_uid"]


@dataclass(frozen=True)
class NeedEvent:
    """What the feed says of one one-off need. ``start`` and ``end`` are aware date-times;
    ``description`` is plain text (what, skills wanted, accessibility, contact, the page)."""

    uid: uuid.UUID
    title: str
    start: dt.datetime
    end: dt.datetime
    timezone: str
    sequence: int = 0
    location: str = ""
    description: str = ""
    url: str | None = None
    categories: tuple[str, ...] = ()
    created: dt.datetime | None = None
    last_modified: dt.datetime | None = None


def need_uid(need: NeedEvent, uid_domain: str) -> str:
    """The UID calendar programs recognise the need by: its uuid, never its title or URL."""
    return f"volunteer-need-{need.uid}@{uid_domain}"


def need_feed_bytes(needs: Iterable[NeedEvent], info: FeedInfo) -> bytes:
    """The feed as bytes: UTF-8, CRLF, folded at 75 octets, needs by start then UID."""
    ordered = sorted(needs, key=lambda n: (n.start, str(n.uid)))
    calendar: Calendar = _head(info, info.timezone or _usual_zone(n.timezone for n in ordered))
    events = [_event(need, info) for need in ordered]
    for component in _timezones(events):
        calendar.add_component(component)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def _event(need: NeedEvent, info: FeedInfo) -> Event:
    zone = ZoneInfo(need.timezone)
    event = Event()
    event.add("uid", vText(need_uid(need, info.uid_domain)))
    stamp = need.last_modified or need.created or need.start
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    if need.created:
        event.add("created", need.created.astimezone(dt.UTC))
    if need.last_modified:
        event.add("last-modified", need.last_modified.astimezone(dt.UTC))
    event.add("sequence", need.sequence)
    event.add("dtstart", need.start.astimezone(zone))
    event.add("dtend", need.end.astimezone(zone))
    event.add("summary", _Text(need.title))
    event.add("status", "CONFIRMED")
    if need.location.strip():
        event.add("location", _Text(need.location))
    if need.url:
        event.add("url", need.url, parameters={"VALUE": "URI"})
    categories = [text.clean(c) for c in dict.fromkeys(need.categories) if c.strip()]
    if categories:
        event.add("categories", categories)
    if need.description.strip():
        event.add("description", _Text(need.description))
    return event
