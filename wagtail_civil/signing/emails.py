"""The signing-request emails: editors told of a new request, the requester told the outcome.

Plain text rendered from ``wagtail_civil/emails/signing_request.txt`` (a site overrides the
template to change the layout) with the words chosen here. Editors read theirs in the site's
language; the requester reads the answer in the language the form was sent in. The tasks in
:mod:`.tasks` send them; nothing here sends.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from civilsamhalle.enums import SigningRequestStatus

from ..models import SigningRequest
from ..sites import absolute_url, admin_url, site_name
from ..staff import addresses_with_permission

__all__ = ["DECIDING_PERMISSION", "editor_message", "editors_to_tell", "outcome_message"]

TEMPLATE = "wagtail_civil/emails/signing_request.txt"
# Who decides is who is told: the users who may change (decide) signing requests.
DECIDING_PERMISSION = "wagtail_civil.change_signingrequest"


def editors_to_tell() -> list[str]:
    """The addresses of active users who may decide requests (superusers included), one query."""
    return addresses_with_permission(DECIDING_PERMISSION)


def _admin_url(signing_request: SigningRequest) -> str:
    return admin_url("wagtail_civil_signing_requests:decide", signing_request.pk)


def _organisation_line(signing_request: SigningRequest) -> str:
    if signing_request.organisation_id:
        return signing_request.organisation.name
    return _("%(name)s (new, organisation number %(number)s)") % {
        "name": signing_request.organisation_name,
        "number": signing_request.organisation_number,
    }


def editor_message(signing_request: SigningRequest, recipients: list[str]) -> EmailMessage:
    """Tell editors that an organisation asks to sign, with the link to decide in the admin."""
    agreement = signing_request.agreement
    with translation.override(settings.LANGUAGE_CODE):
        words = {"name": signing_request.organisation_display, "agreement": agreement.title}
        details = [
            (
                pgettext("signing request email", "Organisation"),
                _organisation_line(signing_request),
            ),
            (
                pgettext("signing request email", "Signatory"),
                f"{signing_request.signatory}, {signing_request.signatory_title}",
            ),
        ]
        link = _admin_url(signing_request)
        body = render_to_string(
            TEMPLATE,
            {
                "greeting": _("Hello,"),
                "intro": _("%(name)s asks to sign %(agreement)s.") % words,
                "details": details,
                "link_text": _("Approve or reject the request in the admin:") if link else "",
                "link": link,
                "signature": site_name(agreement.get_site()),
            },
        )
        return EmailMessage(
            # Translators: an email to editors, e.g. "Begäran om att skriva under: ÖK Idé"
            subject=_("Request to sign: %(agreement)s") % words,
            body=body,
            to=recipients,
            reply_to=[signing_request.email] if signing_request.email else None,
        )


def outcome_message(signing_request: SigningRequest) -> EmailMessage | None:
    """The answer to the requester, or ``None`` when there is no one to write to (the personal
    data was deleted) or nothing decided yet."""
    status = SigningRequestStatus(signing_request.status)
    if not signing_request.email or signing_request.erased_at is not None or status.is_pending:
        return None
    agreement = signing_request.agreement
    language = signing_request.language or settings.LANGUAGE_CODE
    with translation.override(language):
        words = {"name": signing_request.organisation_display, "agreement": agreement.title}
        details: list[tuple[str, Any]] = []
        if status is SigningRequestStatus.APPROVED:
            subject = _("Welcome as a signatory of %(agreement)s") % words
            intro = (
                _(
                    "Your request is approved: %(name)s has signed %(agreement)s. The signature is "
                    "shown on the agreement's page once the page is published."
                )
                % words
            )
        else:
            subject = _("Your request to sign %(agreement)s") % words
            intro = _("Your request that %(name)s sign %(agreement)s was not approved.") % words
            details.append((pgettext("signing request decision", "Reason"), signing_request.reason))
        page = absolute_url(agreement)
        body = render_to_string(
            TEMPLATE,
            {
                "greeting": _("Hello %(name)s,") % {"name": signing_request.signatory}
                if signing_request.signatory
                else _("Hello,"),
                "intro": intro,
                "details": details,
                "link_text": _("The agreement:") if page else "",
                "link": page or "",
                "signature": site_name(agreement.get_site()),
            },
        )
    return EmailMessage(subject=subject, body=body, to=[signing_request.email])
