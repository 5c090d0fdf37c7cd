"""The email that tells an agreement's contact a commitment has turned "at risk".

Plain text, in the site's language (the agreement's locale, else ``LANGUAGE_CODE``), rendered
from ``wagtail_civil/emails/commitment_at_risk.txt`` so a site can change the layout. It says
which promise, how it stands and why ("1 of 2 held, none planned"), the period judged, and links
to the agreement in the admin and to Wagtail's "add a meeting" form, filled in. Nothing here
sends; :mod:`.tasks` does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from ..sites import site_name
from ..templatetags.civil_tags import civil_commitment_counts, civil_commitment_state
from .statuses import FollowUp

__all__ = ["at_risk_message", "language_of"]

TEMPLATE = "wagtail_civil/emails/commitment_at_risk.txt"


def language_of(follow_up: FollowUp) -> str:
    """The agreement's language (its locale, on a multilingual site), else the site's."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return settings.LANGUAGE_CODE
    locale = getattr(follow_up.agreement, "locale", None)
    codes = {code for code, _name in settings.LANGUAGES}
    code = getattr(locale, "language_code", "") or ""
    return code if code in codes else settings.LANGUAGE_CODE


def _admin(path: str | None) -> str:
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    return base + path if base and path else ""


def _day(value: dt.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def at_risk_message(follow_up: FollowUp) -> EmailMessage | None:
    """The email for ``follow_up`` (a commitment now at risk); ``None`` without a contact."""
    agreement = follow_up.agreement
    if not agreement.contact_email:
        return None
    status = follow_up.status
    period = status.period
    with translation.override(language_of(follow_up)):
        words = {"title": agreement.title, "description": follow_up.commitment.description}
        context: dict[str, Any] = {
            "greeting": (
                _("Hello %(name)s,") % {"name": agreement.contact_name}
                if agreement.contact_name
                else _("Hello,")
            ),
            "intro": _(
                "A commitment of the agreement “%(title)s” is at risk: even if every meeting "
                "planned under it is held, there will be too few this period."
            )
            % words,
            "description": follow_up.commitment.description,
            "state": civil_commitment_state(status),
            "counts": civil_commitment_counts(status),
            "period_label": _("Period"),
            "period": (
                _("%(first)s to %(last)s")
                % {"first": _day(period.first), "last": _day(period.last)}
                if period
                else ""
            ),
            "missing": status.missing,
            "advice": _(
                "Plan another meeting in time, or move a postponed one to a new date, and "
                "publish it under the agreement."
            ),
            "plan_text": _("Plan the meeting:"),
            "plan_link": _admin(follow_up.plan_url),
            "agreement_text": _("The agreement in the admin:"),
            "agreement_link": _admin(reverse("wagtailadmin_pages:edit", args=[agreement.pk])),
            "why": _(
                "You get this email once each time a commitment turns “at risk”, as the contact "
                "for the commitments of this agreement."
            ),
            "signature": site_name(),
        }
        body = render_to_string(TEMPLATE, context)
        # Translators: an email subject, e.g. "At risk: Två dialoger per år (Lokal överenskommelse)"
        subject = _("At risk: %(description)s (%(title)s)") % words
    return EmailMessage(subject=subject, body=body, to=[agreement.contact_email])
