"""An iCalendar feed (RFC 5545, with the RFC 7986 additions) built from domain meetings.

The same meetings give the same bytes and every TZID has its VTIMEZONE (docs/architecture.md,
"Why feeds look the way they do"); escaping and folding by octets are icalendar's.

Three shortcuts in icalendar 7 are avoided on purpose, each checked by the tests:
``Calendar.new()`` writes NAME and X-WR-CALNAME without TEXT escaping and adds a random UID,
its REFRESH-INTERVAL lacks the ``VALUE=DURATION`` parameter RFC 7986 requires, and
``add_missing_timezones()`` writes long RDATE lists that Outlook ignores. Two slips in its
escaping are worked around where they happen (``_Text`` and ``_Quoted`` below), so that text
with backslashes survives: the property tests feed every text field with hostile input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from icalendar import (
    Calendar,
    Event,
    Parameters,
    Timezone,
    vCalAddress,
    vCategory,
    vDatetime,
    vDDDTypes,
    vDuration,
    vGeo,
    vInt,
    vText,
    vUri,
)
from icalendar.caselessdict import canonsort_keys

from ..model import EventStatus, Meeting
from . import text
from .labels import FeedLabels
from .lines import component_bytes, content_line, lines_bytes
from .timezones import vtimezone

__all__ = [
    "EventPiece",
    "FeedInfo",
    "assemble_feed",
    "build_calendar",
    "event_piece",
    "event_uid",
    "feed_bytes",
]

_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.RESCHEDULED: "CONFIRMED",
    EventStatus.MOVED_ONLINE: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}

# ORGANIZER is a mailto: URI, so only an address that needs no encoding goes there; CONTACT and
# the description carry whatever was typed.
_MAILBOX = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w.-]+")


@dataclass(frozen=True)
class FeedInfo:
    """What the feed says about itself.

    ``uid_domain`` qualifies every event UID and must never change once people subscribe.
    ``timezone`` is the calendar's own zone (X-WR-TIMEZONE); ``None`` takes the zone most of
    the meetings are held in, so a feed of Stockholm meetings says Europe/Stockholm.
    """

    name: str
    description: str = ""
    url: str | None = None
    language: str = "sv"
    refresh_interval: dt.timedelta = dt.timedelta(hours=6)
    uid_domain: str = "localhost"
    prodid: str = "-//civilsamhalle//civilsamhalle//SV"
    timezone: str | None = None


def event_uid(meeting: Meeting, uid_domain: str) -> str:
    """The UID calendar programs recognise the meeting by, across years of polling."""
    return f"{meeting.uid}@{uid_domain}"


def build_calendar(
    meetings: Iterable[Meeting], info: FeedInfo, labels: FeedLabels | None = None
) -> Calendar:
    """The feed as an icalendar ``Calendar``; ``labels`` default to ``info.language``'s."""
    labels = labels or FeedLabels.for_language(info.language)
    ordered = sorted(meetings, key=lambda m: (m.start, str(m.uid)))
    calendar = _head(info, info.timezone or _usual_zone(m.timezone for m in ordered))
    events = [_event(meeting, info, labels) for meeting in ordered]
    for component in _timezones(events):
        calendar.add_component(component)
    for event in events:
        calendar.add_component(event)
    return calendar


def feed_bytes(
    meetings: Iterable[Meeting], info: FeedInfo, labels: FeedLabels | None = None
) -> bytes:
    """The feed as the bytes to serve (UTF-8, CRLF line ends, lines folded at 75 octets)."""
    return build_calendar(meetings, info, labels).to_ical()


# --- a feed from pieces -----------------------------------------------------------------------
# icalendar writes a calendar as its own lines, then each component's lines in turn, so the
# bytes of a calendar are its head, each component's to_ical() and END: a feed can be assembled
# from events serialised (and cached) one by one, and equals feed_bytes() of the same meetings.

_END = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class EventPiece:
    """One meeting's serialised VEVENT, with what the feed around it needs to know of it:
    the meeting's zone (for X-WR-TIMEZONE), the TZID its times are written in (if any) and the
    local years of its start and end (the span that TZID's VTIMEZONE must cover)."""

    zone: str
    tzid: str | None
    years: tuple[int, int]
    ical: bytes


def event_piece(
    meeting: Meeting, info: FeedInfo, labels: FeedLabels, uid: str | None = None
) -> EventPiece:
    """The meeting's VEVENT as :func:`feed_bytes` writes it, for :func:`assemble_feed`.

    Its lines are written straight from the properties, in the order icalendar writes an
    ``Event``'s, without making the component first. ``uid`` replaces the UID made from
    ``info.uid_domain``: a regional feed shows another site's meeting under the UID that site
    gave it, so a calendar that subscribes to both knows it is one meeting."""
    properties = _properties(meeting, info, labels, uid)
    names = [name for name in _EVENT_ORDER if name in properties]
    if len(names) != len(properties):  # a property this module did not list in _EVENT_ORDER
        names = canonsort_keys(properties, Event.canonical_order)
    lines = (_BEGIN_EVENT, *(content_line(name, properties[name]) for name in names), _END_EVENT)
    start = properties["DTSTART"]
    years = (start.dt.year, properties["DTEND"].dt.year)  # the local years
    return EventPiece(meeting.timezone, start.params.get("TZID"), years, lines_bytes(lines))


def assemble_feed(info: FeedInfo, pieces: Iterable[EventPiece]) -> bytes:
    """The feed of ``pieces`` (in feed order: by start, then UID) as :func:`feed_bytes` writes
    it, with a VTIMEZONE for each TZID over the years the pieces use it."""
    pieces = list(pieces)
    spans: dict[str, tuple[int, int]] = {}
    for piece in pieces:
        if piece.tzid is not None:
            known = spans.get(piece.tzid, piece.years)
            spans[piece.tzid] = (min(known[0], piece.years[0]), max(known[1], piece.years[1]))
    head = component_bytes(_head(info, info.timezone or _usual_zone(p.zone for p in pieces)))
    zones = b"".join(_vtimezone_ical(tzid, *years) for tzid, years in sorted(spans.items()))
    return b"".join((head[: -len(_END)], zones, *(p.ical for p in pieces), _END))


# Every property _properties() sets, in the order icalendar writes an Event's properties.
_EVENT_ORDER = tuple(
    canonsort_keys(
        (
            "UID", "DTSTAMP", "CREATED", "LAST-MODIFIED", "SEQUENCE", "DTSTART", "DTEND",
            "SUMMARY", "STATUS", "LOCATION", "GEO", "URL", "CATEGORIES", "CONFERENCE",
            "ORGANIZER", "CONTACT", "DESCRIPTION",
        ),
        Event.canonical_order,
    )
)  # fmt: skip
_BEGIN_EVENT, _END_EVENT = (content_line(edge, vText(Event.name)) for edge in ("BEGIN", "END"))


def _vtimezone_bytes(tzid: str, first_year: int, last_year: int) -> bytes:
    return component_bytes(
        vtimezone(tzid, dt.datetime(first_year, 1, 1), dt.datetime(last_year, 1, 1))
    )


# The same few zones and year spans for every feed and request.
_vtimezone_ical = lru_cache(maxsize=64)(_vtimezone_bytes)


def _head(info: FeedInfo, zone: str | None) -> Calendar:
    """The calendar's own properties, without components."""
    calendar = Calendar()
    calendar.add("prodid", info.prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # Typed explicitly: icalendar types NAME and the X-WR- properties as unknown and would
    # write them unescaped.
    calendar.add("name", _Text(info.name))
    calendar.add("x-wr-calname", _Text(info.name))
    if info.description:
        calendar.add("description", _Text(info.description))
        calendar.add("x-wr-caldesc", _Text(info.description))
    if info.url:
        calendar.add("url", info.url, parameters={"VALUE": "URI"})
    calendar.add(
        "refresh-interval", vDuration(info.refresh_interval), parameters={"VALUE": "DURATION"}
    )
    calendar.add("x-published-ttl", vDuration(info.refresh_interval))
    if zone:
        calendar.add("x-wr-timezone", vText(zone))
    return calendar


def _usual_zone(zones: Iterable[str]) -> str | None:
    counts = Counter(zones)
    if not counts:
        return None
    return min(counts, key=lambda zone: (-counts[zone], zone))


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def _event(meeting: Meeting, info: FeedInfo, labels: FeedLabels) -> Event:
    """The meeting's VEVENT as an icalendar component (for :func:`build_calendar`), its
    date-times as ``vDDDTypes``, the type whose values ``Component.decoded()`` reads."""
    event = Event()
    for name, value in _properties(meeting, info, labels).items():
        event[name] = vDDDTypes(value.dt, value.params) if isinstance(value, vDatetime) else value
    return event


def _properties(
    meeting: Meeting, info: FeedInfo, labels: FeedLabels, uid: str | None = None
) -> dict[str, Any]:
    """The meeting's VEVENT properties by name. Each value is an icalendar type that writes
    what ``Event.add()`` would write for it (the tests compare the bytes), without its type
    lookup for every value; date-times are ``vDatetime``, which ``vDDDTypes`` writes through
    (:func:`_event` makes them ``vDDDTypes`` for the component)."""
    event: dict[str, Any] = {}
    event["UID"] = vText(uid or event_uid(meeting, info.uid_domain))
    # DTSTAMP is when this version of the event was made, so it follows the data, never the clock.
    stamp = meeting.last_modified or meeting.created or meeting.start
    event["DTSTAMP"] = dtstamp = vDatetime(_utc(stamp))
    # The same moment is one value: a meeting published once was created when last modified.
    if meeting.created:
        same = meeting.created == stamp
        event["CREATED"] = dtstamp if same else vDatetime(_utc(meeting.created))
    if meeting.last_modified:
        event["LAST-MODIFIED"] = dtstamp  # the stamp is the last change
    event["SEQUENCE"] = vInt(meeting.sequence)
    event["DTSTART"] = vDatetime(meeting.local_start)
    event["DTEND"] = vDatetime(meeting.local_end)
    event["SUMMARY"] = _Text.cleaned(text.summary(meeting, labels))
    event["STATUS"] = vText(_STATUS[meeting.status])
    place = text.location(meeting, labels)
    if place:
        event["LOCATION"] = _Text.cleaned(place)
    venue = meeting.venue
    if venue is not None and venue.latitude is not None and venue.longitude is not None:
        event["GEO"] = vGeo((venue.latitude, venue.longitude))
    if meeting.url:
        event["URL"] = vUri(meeting.url, params={"VALUE": "URI"})
    categories = (text.clean(c) for c in (labels.kind(meeting.kind), *meeting.categories))
    listed = vCategory([])
    listed.cats = [_Text.cleaned(c) for c in dict.fromkeys(categories) if c.strip()]  # see _Text
    if listed.cats:  # no property is ever written without a value
        event["CATEGORIES"] = listed
    if meeting.online_url and not meeting.is_cancelled:
        conference = vUri(meeting.online_url)
        conference.params = _Quoted(
            VALUE="URI", FEATURE="VIDEO", LABEL=_one_line(labels.join_online)
        )
        event["CONFERENCE"] = conference
    contact = meeting.contact
    if contact is not None and _MAILBOX.fullmatch(contact.email):
        organizer = vCalAddress(f"mailto:{contact.email}")
        if _one_line(contact.name).strip():
            organizer.params = _Quoted(CN=_one_line(contact.name))
        event["ORGANIZER"] = organizer
    if contact is not None:
        line = text.contact_line(contact)
        if line:
            event["CONTACT"] = _Text.cleaned(line)
    about = text.description(meeting, labels)
    if about:
        event["DESCRIPTION"] = _Text.cleaned(about)
    return event


class _Text(vText):
    """A TEXT value, cleaned of what iCalendar cannot carry, and escaped by icalendar except
    for one thing: icalendar 7 writes a typed backslash followed by "N" (``C:\\Nämnder``) as
    a line break. Backslashes are set aside while icalendar escapes the rest, then escaped."""

    def __new__(cls, value: str, *args: object, **kwargs: object) -> _Text:
        return super().__new__(cls, text.clean(value), *args, **kwargs)

    @classmethod
    def cleaned(cls, value: str) -> _Text:
        """``value`` that :func:`.text.clean` made already (the words of :mod:`.text`): a long
        description is not scanned twice."""
        return vText.__new__(cls, value)

    def to_ical(self) -> bytes:
        if "\\N" not in self:  # nearly always: icalendar's escaping is right as it is
            return super().to_ical()
        # clean() removed every NUL, so NUL can stand in for a backslash.
        escaped = vText(self.replace("\\", "\x00")).to_ical()
        return escaped.replace(b"\x00", b"\\\\")


def _one_line(value: str) -> str:
    """A parameter value, which cannot hold a line break (icalendar encodes quotes, RFC 6868)."""
    return text.clean(value).replace("\n", " ")


class _Quoted(Parameters):
    """Parameters that always quote the free-text CN and LABEL.

    Unquoted is valid RFC 5545, but icalendar itself misreads an unquoted value that ends in a
    backslash (icalendar issue #1497), and some parsers drop an unquoted non-ASCII CN.
    """

    always_quoted = (*Parameters.always_quoted, "CN", "LABEL")


def _timezones(events: list[Event]) -> list[Timezone]:
    """A VTIMEZONE for every TZID the events use, covering the times they use it for."""
    spans: dict[str, list[dt.datetime]] = {}
    for event in events:
        for name in ("DTSTART", "DTEND"):
            tzid = event[name].params.get("TZID")
            if tzid:
                spans.setdefault(tzid, []).append(event.decoded(name))
    return [vtimezone(tzid, min(times), max(times)) for tzid, times in sorted(spans.items())]
