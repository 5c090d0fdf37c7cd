"""The meeting's ``.ics`` attached to registration emails: the very event every feed serves.

Why ``METHOD:PUBLISH`` and not ``REQUEST``: the attachment is the single-meeting feed's
calendar (:func:`civilsamhalle.calendar.feed_bytes`, the same UID ``<page uid>@<UID domain>``,
SEQUENCE, DTSTAMP and STATUS), so a calendar program that has the meeting already, from a feed
subscription, "add to calendar" or an earlier email, recognises it by its UID and updates that
event in place when SEQUENCE is higher, instead of adding a second one. ``REQUEST`` would make the
email a scheduling invitation (iTIP, RFC 5546): it needs ORGANIZER and an ATTENDEE that matches
the recipient's own account (a forwarded or alias address breaks it); Outlook and Gmail then show
Accept/Decline and send a REPLY to the organiser (the meeting's contact) for every registrant,
and Outlook files it as a meeting owned by that organiser, apart from the subscribed copy, so
it shows twice. A registration is made on the website, not by answering an invitation; PUBLISH
says "here is the event", which is all the email means. A moved meeting's notice carries the
raised SEQUENCE, a cancelled one's ``STATUS:CANCELLED``, both under the same UID, as the feeds do.
"""

from __future__ import annotations

from email.message import MIMEPart
from email.mime.text import MIMEText
from typing import Any

import django
from anyascii import anyascii
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from civilsamhalle.calendar import FeedInfo, feed_bytes

from .. import conf
from ..feed_words import feed_labels
from ..sites import absolute_url, site_name

__all__ = ["METHOD", "calendar_attachment", "meeting_ics"]

METHOD = "PUBLISH"  # what civilsamhalle.calendar writes, and the MIME part's method parameter


def meeting_ics(meeting: Any, language: str) -> bytes:
    """The meeting alone as a calendar, in ``language``: the single-meeting feed's bytes but
    for the host of its URL (the site's, where the feed takes the request's)."""
    with translation.override(language):
        site = meeting.get_site()
        info = FeedInfo(
            # Translators: a calendar's name: a meeting's title and the site's name
            name=_("%(title)s – %(site)s") % {"title": meeting.title, "site": site_name(site)},
            url=absolute_url(meeting),
            language=language,
            refresh_interval=conf.feed_refresh_interval(),
            uid_domain=conf.uid_domain(),
            timezone=conf.time_zone(),
        )
        return feed_bytes([meeting.to_domain()], info, feed_labels(language))


def calendar_attachment(meeting: Any, language: str) -> MIMEText | MIMEPart:
    """The ``.ics`` as a MIME part for ``EmailMessage.attach()``: ``text/calendar;
    method=PUBLISH``, named after the meeting.

    RFC 6047 asks for the ``method`` parameter to match the calendar's METHOD; some programs
    (Outlook) only offer to add a calendar part that has it. Django 6 takes the standard
    library's modern ``MIMEPart`` (and deprecates the legacy ``MIMEBase``), Django 5.2 only the
    legacy one.
    """
    text = meeting_ics(meeting, language).decode("utf-8")
    filename = f"{slugify(anyascii(meeting.title)) or 'meeting'}.ics"
    if django.VERSION >= (6, 0):
        modern = MIMEPart()
        modern.set_content(
            text,
            subtype="calendar",
            charset="utf-8",
            disposition="attachment",
            filename=filename,
            params={"method": METHOD},
        )
        return modern
    part = MIMEText(text, "calendar", "utf-8")
    part.set_param("method", METHOD)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part
