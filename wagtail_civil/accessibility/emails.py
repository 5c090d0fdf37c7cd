"""The accessibility report emails: editors told of a new report, the resident sent a receipt.

Plain text from ``wagtail_civil/emails/accessibility_report.txt`` (a site overrides it). Editors
who may read reports' personal data are told, in the site's language, with ``Reply-To`` the
resident's address so an answer reaches them; the receipt is in the language the form was sent
in, with ``Reply-To`` the statement's contact address. :mod:`.tasks` sends them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .. import conf
from ..models import AccessibilityReport
from ..sites import absolute_url, admin_url, site_name
from ..staff import addresses_with_permission

__all__ = ["PERSONAL_DATA_PERMISSION", "editor_message", "editors_to_tell", "receipt_message"]

TEMPLATE = "wagtail_civil/emails/accessibility_report.txt"
# Who may read the report is who is told of it.
PERSONAL_DATA_PERMISSION = "wagtail_civil.view_accessibility_report_personal_data"


def editors_to_tell() -> list[str]:
    """The addresses of active users who may read reports (superusers included), one query."""
    return addresses_with_permission(PERSONAL_DATA_PERMISSION)


def _admin_url(report: AccessibilityReport) -> str:
    return admin_url("wagtail_civil_accessibility_reports:edit", report.pk)


def editor_message(report: AccessibilityReport, recipients: list[str]) -> EmailMessage:
    """Tell editors what was reported and where, with the link to mark it answered."""
    statement = report.statement
    with translation.override(settings.LANGUAGE_CODE):
        details = [
            (pgettext("accessibility report email", "Where"), report.page_url),
            (pgettext("accessibility report email", "Problem"), report.description),
        ]
        who = ", ".join(part for part in (report.name, report.email) if part)
        details.append((pgettext("accessibility report email", "From"), who or _("(anonymous)")))
        link = _admin_url(report)
        body = render_to_string(
            TEMPLATE,
            {
                "greeting": _("Hello,"),
                "intro": _(
                    "Someone reported an accessibility problem on %(site)s. The statement "
                    "promises an answer within %(days)s working days."
                )
                % {"site": statement.organisation_name, "days": statement.response_days},
                "details": details,
                "link_text": _("Mark it answered in the admin:") if link else "",
                "link": link,
                "signature": site_name(statement.get_site()),
            },
        )
        return EmailMessage(
            # Translators: an email to editors, e.g. "Tillgänglighetsproblem rapporterat: …"
            subject=_("Accessibility problem reported: %(where)s") % {"where": report.page_url},
            body=body,
            to=recipients,
            reply_to=[report.email] if report.email else None,
        )


def receipt_message(report: AccessibilityReport) -> EmailMessage | None:
    """The receipt, or ``None`` without an address (none given, or erased)."""
    if not report.email or report.erased_at is not None:
        return None
    statement = report.statement
    with translation.override(report.language or settings.LANGUAGE_CODE):
        days = (
            None
            if conf.accessibility_report_retention_problem()
            else conf.accessibility_report_retention_days()
        )
        page = absolute_url(statement)
        body = render_to_string(
            TEMPLATE,
            {
                "greeting": _("Hello %(name)s,") % {"name": report.name}
                if report.name
                else _("Hello,"),
                "intro": _(
                    "Thank you for telling us about an accessibility problem. We have received "
                    "your report and answer you within %(days)s working days."
                )
                % {"days": statement.response_days},
                "details": [
                    (pgettext("accessibility report email", "Where"), report.page_url),
                    (pgettext("accessibility report email", "Problem"), report.description),
                ],
                "link_text": _("Our accessibility statement:") if page else "",
                "link": page or "",
                "retention": _("Your report is deleted %(days)s days after we have answered it.")
                % {"days": days}
                if days is not None
                else "",
                "signature": statement.organisation_name or site_name(statement.get_site()),
            },
        )
        return EmailMessage(
            subject=_("We have received your report: %(where)s") % {"where": report.page_url},
            body=body,
            to=[report.email],
            reply_to=[statement.contact_email] if statement.contact_email else None,
        )
