"""schema.org ``Event`` data for a meeting page, as JSON-LD.

Search engines read it to show the meeting with its date, place and status (a cancelled meeting
then shows as cancelled in search results too). It is data in a ``<script type=
"application/ld+json">`` element, not behaviour: the page works the same without it.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from civilsamhalle.enums import AttendanceMode, EventStatus, attendance_mode

from .dates import local
from .presentation import MeetingView, meeting_view
from .sites import absolute_url

__all__ = ["event_data", "event_jsonld", "jsonld_script"]

SCHEMA = "https://schema.org/"
_STATUS = {
    EventStatus.SCHEDULED.value: "EventScheduled",
    EventStatus.RESCHEDULED.value: "EventRescheduled",
    EventStatus.MOVED_ONLINE.value: "EventMovedOnline",
    EventStatus.POSTPONED.value: "EventPostponed",
    EventStatus.CANCELLED.value: "EventCancelled",
}
_MODE = {
    AttendanceMode.IN_PERSON.value: "OfflineEventAttendanceMode",
    AttendanceMode.ONLINE.value: "OnlineEventAttendanceMode",
    AttendanceMode.HYBRID.value: "MixedEventAttendanceMode",
}
# What could end a <script> element or open a comment in it, written as JSON escapes instead.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _place(page: Any) -> dict[str, Any]:
    address = {
        "@type": "PostalAddress",
        "streetAddress": page.street_address,
        "postalCode": page.postal_code,
        "addressLocality": page.locality,
    }
    place: dict[str, Any] = {"@type": "Place", "name": page.venue_name}
    if any(value for key, value in address.items() if key != "@type"):
        place["address"] = {key: value for key, value in address.items() if value}
    if page.latitude is not None and page.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": page.latitude,
            "longitude": page.longitude,
        }
    return place


def event_data(view: MeetingView, request: HttpRequest | None = None) -> dict[str, Any]:
    """The meeting as a schema.org ``Event`` dictionary (only what is known and public)."""
    page = view.page
    mode = attendance_mode(page.mode, page.status)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "startDate": local(page.start).isoformat(),
        "endDate": local(page.end).isoformat(),
        "eventStatus": SCHEMA + _STATUS.get(page.status, "EventScheduled"),
        "eventAttendanceMode": SCHEMA + _MODE[mode],
    }
    url = absolute_url(page, request)
    if url:
        data["url"] = url
    if page.theme:
        data["description"] = page.theme
    locations: list[dict[str, Any]] = []
    if page.venue_name.strip() and mode.has_venue:
        locations.append(_place(page))
    if page.online_url and mode.has_link:
        locations.append({"@type": "VirtualLocation", "url": page.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organizers = []
    for host in view.hosts:
        organizer: dict[str, Any] = {"@type": "Organization", "name": host.text}
        if host.url and request is not None:
            organizer["url"] = request.build_absolute_uri(host.url)
        organizers.append(organizer)
    if organizers:
        data["organizer"] = organizers[0] if len(organizers) == 1 else organizers
    return data


def jsonld_script(data: dict[str, Any]) -> SafeString:
    """``data`` in a JSON-LD script element that no editor-typed text can break out of."""
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(encoded))


def event_jsonld(page: Any, request: HttpRequest | None = None) -> SafeString:
    return jsonld_script(event_data(meeting_view(page, request), request))
