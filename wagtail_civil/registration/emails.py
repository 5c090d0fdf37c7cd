"""The registration emails: what each says, in the registrant's language, with the ``.ics``.

Each email is a plain-text message rendered from ``wagtail_civil/emails/registration.txt`` (a
site overrides the template to change the layout) with the words chosen here; it is sent from
``DEFAULT_FROM_EMAIL`` with ``Reply-To`` the meeting's contact, so a question reaches a person.
The tasks in :mod:`.tasks` send them; nothing here sends.
"""

from __future__ import annotations

import enum
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..dates import time_range_text
from ..models import Registration
from ..sites import absolute_url, admin_url, site_name
from .calendar_file import calendar_attachment
from .links import personal_url

__all__ = ["Kind", "fill_message", "language_of", "registrant_message", "waitlist_place"]

TEMPLATE = "wagtail_civil/emails/registration.txt"


class Kind(enum.StrEnum):
    """Which email a registrant gets."""

    CONFIRMATION = "confirmation"  # a seat (or, when waitlisted, the waitlist notice)
    SEAT_GIVEN = "seat_given"  # moved up from the waitlist
    CANCELLED = "cancelled"  # their registration was cancelled: a short receipt
    REMINDER = "reminder"
    MEETING_CHANGED = "meeting_changed"  # moved: another time, place or link
    MEETING_CANCELLED = "meeting_cancelled"


def language_of(registration: Registration) -> str:
    """The language they registered in, else the site's."""
    return registration.language or settings.LANGUAGE_CODE


def registrant_message(registration: Registration, kind: Kind) -> EmailMessage | None:
    """The email ``kind`` for ``registration``, or ``None`` when there is no one to write to
    (no email address, or the personal data was deleted)."""
    if not registration.email or registration.erased_at is not None:
        return None
    kind = Kind(kind)
    meeting = registration.meeting
    with translation.override(language_of(registration)):
        subject, intro = _words(registration, kind)
        body = render_to_string(TEMPLATE, _context(registration, kind, intro))
        message = EmailMessage(
            subject=subject,
            body=body,
            to=[registration.email],
            reply_to=[meeting.contact_email] if meeting.contact_email else None,
        )
        if kind is not Kind.CANCELLED:
            message.attach(calendar_attachment(meeting, language_of(registration)))
    return message


def waitlist_place(registration: Registration) -> int:
    """Their place in line, 1 for the first: the waitlist is served in the order people joined."""
    joined = registration.created_at
    ahead = Registration.objects.filter(meeting_id=registration.meeting_id).waitlisted()
    ahead = ahead.filter(Q(created_at__lt=joined) | Q(created_at=joined, pk__lt=registration.pk))
    return ahead.count() + 1


def _words(registration: Registration, kind: Kind) -> tuple[str, str]:
    """The subject and the opening paragraph."""
    title = {"title": registration.meeting.title}
    if kind is Kind.CONFIRMATION and registration.status == "waitlisted":
        return _("On the waitlist: %(title)s") % title, _(
            "Every seat is taken, so you are on the waitlist, number %(place)s in line. If "
            "someone cancels, the seat goes to the first in line, and we will email you."
        ) % {"place": waitlist_place(registration)}
    if kind is Kind.CONFIRMATION:
        return _("Registration confirmed: %(title)s") % title, _(
            "You have a seat at the meeting below. Welcome!"
        )
    if kind is Kind.SEAT_GIVEN:
        return _("You have a seat: %(title)s") % title, _(
            "A seat has become free and it is yours: you have moved up from the waitlist. Welcome!"
        )
    if kind is Kind.CANCELLED:
        return _("Registration cancelled: %(title)s") % title, _(
            "Your registration for the meeting below is cancelled. Thank you for telling us: "
            "your seat can go to someone else."
        )
    if kind is Kind.REMINDER:
        return _("Reminder: %(title)s") % title, _(
            "A reminder: you are registered for the meeting below."
        )
    if kind is Kind.MEETING_CANCELLED:
        return pgettext("registration email subject", "Cancelled: %(title)s") % title, _(
            "The meeting you registered for is cancelled. The attached calendar file marks it "
            "as cancelled in your calendar."
        )
    return pgettext("registration email subject", "Changed: %(title)s") % title, _(
        "The meeting you registered for has changed. Here is what applies now; the attached "
        "calendar file updates the meeting in your calendar."
    )


def _context(registration: Registration, kind: Kind, intro: str) -> dict[str, Any]:
    meeting = registration.meeting
    cancelled = kind is Kind.CANCELLED or meeting.is_cancelled
    details = [(pgettext("registration email", "When"), time_range_text(meeting))]
    if meeting.venue_name.strip():
        details.append((pgettext("registration email", "Where"), meeting.venue_name.strip()))
    address = ", ".join(
        part.strip()
        for part in (meeting.street_address, f"{meeting.postal_code} {meeting.locality}")
        if part.strip()
    )
    if address:
        details.append((pgettext("registration email", "Address"), address))
    if meeting.online_url and not cancelled:
        details.append((pgettext("registration email", "Join online"), meeting.online_url))
    page = absolute_url(meeting)
    if page:
        details.append((pgettext("registration email", "About the meeting"), page))
    return {
        "registration": registration,
        "meeting": meeting,
        "kind": kind.value,
        "greeting": _("Hello %(name)s,") % {"name": registration.name},
        "intro": intro,
        "details": details,
        "calendar_note": ""
        if kind is Kind.CANCELLED
        else _("Open the attached file to put the meeting in your calendar."),
        "link_text": "" if cancelled else _("See, change or cancel your registration:"),
        "link": "" if cancelled else personal_url(registration),
        "questions": _("Questions? Reply to this email.") if meeting.contact_email else "",
        "signature": site_name(meeting.get_site()),
    }


def fill_message(meeting: Any, mark: int, recipients: list[str]) -> EmailMessage:
    """Tell editors that ``mark`` per cent of the meeting's seats are taken (80 or 100), in
    the site's language, with the counts and the page's address in the admin."""
    with translation.override(settings.LANGUAGE_CODE):
        counts = Registration.objects.filter(meeting=meeting).counts()
        words = {
            "title": meeting.title,
            "mark": mark,
            "taken": counts["confirmed"],
            "capacity": meeting.registration_capacity,
            "waitlisted": counts["waitlisted"],
        }
        lines = [
            _("%(taken)s of %(capacity)s seats are taken (%(mark)s %%).") % words,
            _("On the waitlist: %(waitlisted)s.") % words,
        ]
        if mark >= 100:
            lines.append(
                _("New registrations join the waitlist.")
                if meeting.registration_waitlist
                else _("New registrations are refused: the meeting has no waitlist.")
            )
        admin = _admin_url(meeting)
        if admin:
            lines += ["", _("The meeting in the admin:"), admin]
        return EmailMessage(
            # Translators: an email to editors, e.g. "Stormöte: 80 % av platserna är tagna"
            subject=_("%(title)s: %(mark)s %% of the seats are taken") % words,
            body="\n".join(lines) + "\n",
            to=recipients,
        )


def _admin_url(meeting: Any) -> str:
    return admin_url("wagtailadmin_pages:edit", meeting.pk)
