""" "Add to Google Calendar" and "Add to Outlook" links for one meeting.

Not everyone can open an .ics file: on a phone, or in a web-only calendar, a link that opens the
calendar's own "new event" form works better. Neither service documents these links formally;
the parameters used here are the long-stable ones every add-to-calendar widget uses.

Times are given in UTC, so the event lands at the right moment whatever the visitor's own time
zone is; Google also gets the meeting's zone (``ctz``) so the form shows local time. The details
are short (the online link, registration and the meeting's page) because these services limit
the length of a link, and the page has the rest.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlencode

from .calendar import FeedLabels, text
from .model import Meeting

__all__ = ["google_calendar_url", "outlook_calendar_url"]

GOOGLE = "https://calendar.google.com/calendar/render"
# Microsoft 365 (work and school accounts): what municipalities and most organisations use.
OUTLOOK_WORK = "https://outlook.office.com/calendar/0/deeplink/compose"
# Outlook.com (personal accounts).
OUTLOOK_PERSONAL = "https://outlook.live.com/calendar/0/deeplink/compose"


def google_calendar_url(meeting: Meeting, labels: FeedLabels | None = None) -> str:
    """A link that opens Google Calendar's new-event form filled in with the meeting."""
    labels = labels or FeedLabels()
    stamp = "%Y%m%dT%H%M%SZ"
    query = {
        "action": "TEMPLATE",
        "text": text.summary(meeting, labels),
        "dates": f"{_utc(meeting.start).strftime(stamp)}/{_utc(meeting.end).strftime(stamp)}",
        "details": _details(meeting, labels),
        "location": text.location(meeting, labels) or "",
        "ctz": meeting.timezone,
    }
    return f"{GOOGLE}?{_query(query)}"


def outlook_calendar_url(
    meeting: Meeting, labels: FeedLabels | None = None, *, personal: bool = False
) -> str:
    """A link that opens Outlook on the web's new-event form filled in with the meeting.

    The default is Microsoft 365 (``outlook.office.com``); ``personal=True`` gives the link for
    Outlook.com accounts (``outlook.live.com``). A page can offer both.
    """
    labels = labels or FeedLabels()
    stamp = "%Y-%m-%dT%H:%M:%SZ"
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": text.summary(meeting, labels),
        "startdt": _utc(meeting.start).strftime(stamp),
        "enddt": _utc(meeting.end).strftime(stamp),
        "body": _details(meeting, labels),
        "location": text.location(meeting, labels) or "",
    }
    return f"{OUTLOOK_PERSONAL if personal else OUTLOOK_WORK}?{_query(query)}"


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def _details(meeting: Meeting, labels: FeedLabels) -> str:
    lines = []
    if meeting.theme:
        lines.append(f"{labels.theme}: {meeting.theme}")
    if meeting.online_url and not meeting.is_cancelled:
        lines.append(f"{labels.join_online}: {meeting.online_url}")
    if meeting.registration.url and not meeting.is_cancelled:
        lines.append(f"{labels.register}: {meeting.registration.url}")
    if meeting.url:
        lines.append(f"{labels.more_information}: {meeting.url}")
    return text.clean("\n".join(lines))


def _query(parameters: dict[str, str]) -> str:
    # %20 rather than "+" for spaces: both services read it, and it survives being copied into
    # places that do not treat "+" as a space.
    return urlencode({key: value for key, value in parameters.items() if value}, quote_via=quote)
