"""A resident's report of an accessibility problem, sent through the statement's form.

The description, the name and the email are personal data: only editors with
``view_accessibility_report_personal_data`` see them (and are emailed a new report), and they
are erased ``WAGTAIL_CIVIL_ACCESSIBILITY_REPORT_RETENTION_DAYS`` after the report was answered
(or sent, if never answered) by ``manage.py erase_accessibility_reports``. The page address and
the status stay, so the web team still sees where problems were reported.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField

from ..choices import ACCESSIBILITY_REPORT_STATUS_CHOICES

__all__ = ["REPORT_PERSONAL_FIELDS", "AccessibilityReport", "AccessibilityReportQuerySet"]

# Blanked by erasing; the statement, the address, the status and the times stay.
REPORT_PERSONAL_FIELDS = ("description", "name", "email")


class AccessibilityReportQuerySet(models.QuerySet):
    def unanswered(self) -> AccessibilityReportQuerySet:
        return self.filter(status="new")

    def with_personal_data(self) -> AccessibilityReportQuerySet:
        return self.filter(erased_at__isnull=True)


class AccessibilityReport(models.Model):
    # Never shown in a calendar feed: a report must not change a feed's ETag.
    shown_in_feeds = False

    statement = models.ForeignKey(
        "wagtail_civil.AccessibilityStatementPage",
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("accessibility statement"),
    )
    page_url = models.CharField(_("where the problem is"), max_length=1000)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ACCESSIBILITY_REPORT_STATUS_CHOICES, default="new"
    )
    # The language they wrote in: the receipt is written in it.
    language = models.CharField(_("language"), max_length=16, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)

    objects = AccessibilityReportQuerySet.as_manager()

    # Never the personal fields: an API exposing reports gives where and when only.
    api_fields = [APIField("page_url"), APIField("status"), APIField("created_at")]

    class Meta:
        verbose_name = _("accessibility report")
        verbose_name_plural = _("accessibility reports")
        ordering = ["-created_at", "-pk"]
        permissions = [
            (
                "view_accessibility_report_personal_data",
                _("Can see the personal data of accessibility reports"),
            ),
        ]

    def __str__(self) -> str:
        return self.page_url

    def mark_answered(self) -> None:
        self.status = "answered"
        self.answered_at = timezone.now()
        self.save(update_fields=["status", "answered_at"])
