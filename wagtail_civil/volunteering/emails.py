"""The email a resident gets when the poster's editors answer, accept or decline their offer.

Plain text from ``wagtail_civil/emails/volunteer_offer.txt`` (a site overrides the template),
in the language the resident wrote in, from ``DEFAULT_FROM_EMAIL`` with ``Reply-To`` the need's
public contact, so an answer reaches a person. :mod:`.tasks` sends it; nothing here sends.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from civilsamhalle.enums import VolunteerOfferStatus

from .. import conf
from ..dates import time_range_text
from ..models import VolunteerOffer
from ..sites import absolute_url, site_name

__all__ = ["TEMPLATE", "offer_message"]

TEMPLATE = "wagtail_civil/emails/volunteer_offer.txt"
Status = VolunteerOfferStatus


def offer_message(offer: VolunteerOffer) -> EmailMessage | None:
    """The email for the offer's status now, or ``None`` (no address, data erased, or a status
    that tells the resident nothing)."""
    if not offer.email or offer.erased_at is not None or not Status(offer.status).tells_resident:
        return None
    need = offer.need
    with translation.override(offer.language or settings.LANGUAGE_CODE):
        title = need.title if need is not None else offer.index.title
        subject, intro = _words(Status(offer.status), title)
        contact = need.contact_email if need is not None else ""
        body = render_to_string(TEMPLATE, _context(offer, intro, title))
        return EmailMessage(
            subject=subject, body=body, to=[offer.email], reply_to=[contact] if contact else None
        )


def _words(status: VolunteerOfferStatus, title: str) -> tuple[str, str]:
    words = {"title": title}
    if status is Status.ACCEPTED:
        return _("Your offer is accepted: %(title)s") % words, _(
            "Thank you for offering your help. Your offer is accepted: you are one of the "
            "volunteers. The contact person will tell you more about the task."
        )
    if status is Status.DECLINED:
        return _("About your offer: %(title)s") % words, _(
            "Thank you for offering your help. This time we cannot take your offer, for example "
            "because enough volunteers have already come forward. We hope you offer your help "
            "again."
        )
    return _("We have read your offer: %(title)s") % words, _(
        "Thank you for offering your help. We have read your offer and will contact you about "
        "what comes next."
    )


def _context(offer: VolunteerOffer, intro: str, title: str) -> dict[str, Any]:
    need = offer.need
    details: list[tuple[str, str]] = []
    if need is not None:
        when = time_range_text(need)
        if when:
            details.append((pgettext("volunteer email", "When"), when))
        if need.place:
            details.append((pgettext("volunteer email", "Where"), need.place))
        contact = ", ".join(
            part for part in (need.contact_name, need.contact_email, need.contact_phone) if part
        )
        if contact:
            details.append((pgettext("volunteer email", "Contact"), contact))
    page = absolute_url(need if need is not None else offer.index)
    if page:
        details.append((pgettext("volunteer email", "Read more"), page))
    days = (
        None if conf.volunteer_offer_retention_problem() else conf.volunteer_offer_retention_days()
    )
    retention = (
        _("Your details are deleted %(days)s days after the task is over.") % {"days": days}
        if days is not None
        else ""
    )
    return {
        "greeting": _("Hello %(name)s,") % {"name": offer.name},
        "intro": intro,
        "title": title,
        "details": details,
        "questions": _("Questions? Reply to this email.")
        if need is not None and need.contact_email
        else "",
        "retention": retention,
        "signature": site_name((need or offer.index).get_site()),
    }
