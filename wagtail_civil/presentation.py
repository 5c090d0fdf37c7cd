"""What a meeting page shows, decided once in Python so the template only lays it out.

The template must never link to a draft or to a page behind a password, must not invite anyone
to register for a meeting that is cancelled or whose deadline has passed, and must not send
people to a venue where a postponed meeting will not be held. Those are rules, and rules are
easier to read, test and override here than in template ``{% if %}`` chains.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civilsamhalle.enums import EventStatus, RegistrationKind, attendance_mode

from .dates import deadline_passed

__all__ = [
    "Link",
    "MeetingView",
    "SpeakerView",
    "meeting_view",
    "organisation_url",
    "public_page",
    "status_note",
]

OSM = "https://www.openstreetmap.org/"
# What residents need to know of a meeting that does not simply take place as planned.
STATUS_NOTES = {
    EventStatus.CANCELLED: _("This meeting will not take place."),
    EventStatus.POSTPONED: _(
        "This meeting is postponed. The new date will be published here and in the calendar."
    ),
    EventStatus.MOVED_ONLINE: _(
        "This meeting is now held online only. Join it through the link on this page."
    ),
    EventStatus.RESCHEDULED: _(
        "This meeting has a new date or time. The times on this page are the new ones."
    ),
}


@dataclass(frozen=True)
class Link:
    """A name, linked when it has a public page (``url`` is ``None`` otherwise)."""

    text: str
    url: str | None = None


@dataclass(frozen=True)
class SpeakerView:
    name: str
    title: str = ""
    affiliation: Link | None = None


@dataclass(frozen=True)
class MeetingView:
    """Everything of one meeting that is safe and useful to show right now."""

    page: Any
    hosts: list[Link] = field(default_factory=list)
    speakers: list[SpeakerView] = field(default_factory=list)
    attending: list[Link] = field(default_factory=list)
    agreement: Any = None
    follow_up: Any = None
    is_over: bool = False
    is_off: bool = False
    show_venue: bool = False
    show_online: bool = False
    map_url: str = ""
    # "" (nothing to say), "open" (link and deadline) or "closed" (deadline passed)
    registration: str = ""
    deadline: dt.datetime | None = None

    @property
    def has_afterwards(self) -> bool:
        """Whether there is anything to report from the meeting itself."""
        page = self.page
        counts = (
            page.attendance_organisations,
            page.attendance_people,
            page.attendance_municipal_staff,
        )
        return bool(
            self.attending
            or any(n is not None for n in counts)
            or page.outcome
            or page.minutes_id
            or self.follow_up
        )


def status_note(status: str) -> str:
    """A sentence on what the meeting's ``status`` means for residents; "" when it goes ahead."""
    return str(STATUS_NOTES.get(status, ""))


def public_page(page: Any) -> Any:
    """``page`` if residents may open it (published, no view restriction up its path), else None.

    Costs one query; used for the handful of links on a page, not for lists (those come from
    ``.live().public()`` querysets already).
    """
    if page is None or not getattr(page, "live", False):
        return None
    if page.get_view_restrictions().exists():
        return None
    return page


def organisation_url(organisation: Any, request: HttpRequest | None = None) -> str | None:
    """The public page of an organisation, or ``None`` for a draft or a site without directory.

    ``Organisation.get_url`` caches the directory page on the request, so a list of fifty
    organisations looks it up once.
    """
    if organisation is None or not getattr(organisation, "live", False):
        return None
    return organisation.get_url(request)


def map_url(page: Any) -> str:
    """A plain link to the venue on OpenStreetMap: by coordinates, else by address; no embed."""
    if page.latitude is not None and page.longitude is not None:
        lat, lon = f"{page.latitude:.6f}", f"{page.longitude:.6f}"
        return f"{OSM}?{urlencode({'mlat': lat, 'mlon': lon})}#map=17/{lat}/{lon}"
    parts = [page.street_address, " ".join(p for p in (page.postal_code, page.locality) if p)]
    address = ", ".join(p.strip() for p in parts if p.strip())
    if not page.street_address.strip():
        return ""
    return f"{OSM}search?{urlencode({'query': address}, quote_via=quote)}"


def _registration(page: Any, now: dt.datetime, is_off: bool, is_over: bool) -> str:
    if page.registration_kind != RegistrationKind.EXTERNAL.value or not page.registration_url:
        return ""
    if is_off or is_over:
        return ""
    if page.registration_deadline and deadline_passed(page.registration_deadline, now):
        return "closed"
    return "open"


def meeting_view(
    page: Any, request: HttpRequest | None = None, now: dt.datetime | None = None
) -> MeetingView:
    """The meeting ``page`` as it should be shown at ``now`` (default: the current moment)."""
    now = now or timezone.now()
    is_off = not EventStatus(page.status).counts_as_held
    is_over = page.end < now
    mode = attendance_mode(page.mode, page.status)
    # Where to go, only while it is useful: not for a meeting that is off, not to a venue
    # the meeting has left, not to an online room after the meeting is over.
    at_venue = bool(page.venue_name.strip()) and mode.has_venue and not is_off
    online = bool(page.online_url) and mode.has_link and not is_off and not is_over
    hosts = [Link(name, organisation_url(org, request)) for name, org in page.host_entries]
    speakers = []
    for speaker in page.speakers.all():
        affiliation = None
        if speaker.display_affiliation:
            org = speaker.organisation if speaker.organisation_id else None
            url = organisation_url(org, request)
            affiliation = Link(speaker.display_affiliation, url)
        speakers.append(SpeakerView(speaker.name, speaker.title, affiliation))
    attending = [
        Link(a.organisation.name, organisation_url(a.organisation, request))
        for a in page.attending_organisations.all()
        if a.organisation.live
    ]
    return MeetingView(
        page=page,
        hosts=hosts,
        speakers=speakers,
        attending=attending,
        agreement=public_page(page.agreement) if page.agreement_id else None,
        follow_up=public_page(page.follow_up) if page.follow_up_id else None,
        is_over=is_over,
        is_off=is_off,
        show_venue=at_venue,
        show_online=online,
        map_url=map_url(page) if page.venue_name.strip() else "",
        registration=_registration(page, now, is_off, is_over),
        deadline=page.registration_deadline,
    )
