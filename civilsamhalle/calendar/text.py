"""The words of one meeting as a calendar program shows them: title, place and description.

Calendar programs show SUMMARY, LOCATION and DESCRIPTION and quietly drop most of the rest
(CONFERENCE, CONTACT, URL, GEO), so the description repeats in plain text everything a resident
needs: the page, the online link, the programme with its times, the speakers, how and by when to
register, and whom to ask. The same words feed the "add to Google / Outlook" links.

Values are written as they were typed, never trimmed or reflowed, so a reader (and the tests)
find exactly what the editor wrote. Only what iCalendar cannot carry is changed: CR LF and CR
become LF (TEXT has one escape for a line break), and other control characters are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from ..enums import AttendanceMode, EventStatus, attendance_mode
from ..model import Contact, Meeting
from .labels import FeedLabels

__all__ = ["clean", "summary", "location", "description", "contact_line", "is_online_only"]

# RFC 5545 TEXT excludes the C0 controls (tab and line breaks aside) and DEL.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """``text`` as iCalendar can carry it: LF line breaks and no control characters."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def is_online_only(meeting: Meeting) -> bool:
    return attendance_mode(meeting.mode, meeting.status) is AttendanceMode.ONLINE


def summary(meeting: Meeting, labels: FeedLabels) -> str:
    """The title, prefixed "Cancelled: " / "Postponed: " so a glance at the calendar tells.

    Some programs show STATUS:CANCELLED as a strike-through, many show nothing at all.
    """
    prefix = {EventStatus.CANCELLED: labels.cancelled, EventStatus.POSTPONED: labels.postponed}
    word = prefix.get(meeting.status)
    return clean(f"{word}: {meeting.title}" if word else meeting.title)


def location(meeting: Meeting, labels: FeedLabels) -> str | None:
    """Where to go: the venue, the word for "online", or both for a hybrid meeting."""
    if is_online_only(meeting):
        return clean(labels.online)
    if meeting.venue is None:
        return clean(labels.online) if meeting.mode is AttendanceMode.HYBRID else None
    if meeting.mode is AttendanceMode.HYBRID:
        return clean(labels.hybrid_location.format(venue=meeting.venue.label))
    return clean(meeting.venue.label)


def contact_line(contact: Contact) -> str:
    return clean(", ".join(part for part in (contact.name, contact.email, contact.phone) if part))


def description(meeting: Meeting, labels: FeedLabels) -> str:
    """The plain-text DESCRIPTION: paragraphs separated by a blank line, empty ones left out."""
    zone = ZoneInfo(meeting.timezone)
    paragraphs: list[str] = []
    if meeting.theme:
        paragraphs.append(f"{labels.theme}: {meeting.theme}")
    paragraphs.append(meeting.description)
    if meeting.online_url and not meeting.is_cancelled:
        paragraphs.append(f"{labels.join_online}: {meeting.online_url}")
    if meeting.programme:
        lines = [f"{labels.programme}:"]
        for item in meeting.programme:
            time = item.start_time.strftime("%H:%M") + " " if item.start_time else ""
            lines.append(f"{time}{item.title}")
            if item.description:
                lines.append(item.description)
        paragraphs.append("\n".join(lines))
    if meeting.speakers:
        lines = [f"{labels.speakers}:"]
        for speaker in meeting.speakers:
            parts = (speaker.name, speaker.title, speaker.affiliation)
            lines.append("- " + ", ".join(part for part in parts if part))
        paragraphs.append("\n".join(lines))
    about = []
    if meeting.hosts:
        about.append(f"{labels.hosts}: " + ", ".join(meeting.hosts))
    if meeting.agreement_title:
        about.append(f"{labels.agreement}: {meeting.agreement_title}")
    paragraphs.append("\n".join(about))
    registration = meeting.registration
    if not meeting.is_cancelled and (registration.url or registration.deadline):
        lines = []
        if registration.url:
            lines.append(f"{labels.register}: {registration.url}")
        if registration.deadline:
            local = registration.deadline.astimezone(zone)
            # Local midnight is a deadline given as a day (the admin stores a typed date so).
            pattern = labels.date_format if local.time() == dt.time(0) else labels.date_time_format
            lines.append(f"{labels.register_by}: {local.strftime(pattern)}")
        paragraphs.append("\n".join(lines))
    if meeting.contact and contact_line(meeting.contact):
        paragraphs.append(f"{labels.contact}: {contact_line(meeting.contact)}")
    if meeting.outcome:
        paragraphs.append(f"{labels.outcome}: {meeting.outcome}")
    if meeting.url:
        paragraphs.append(f"{labels.more_information}: {meeting.url}")
    return clean("\n\n".join(paragraph for paragraph in paragraphs if paragraph))
