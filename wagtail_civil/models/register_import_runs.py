"""A record of each register import confirmed in the admin: who, which file, how far it got and
what it did, so the editor can follow an import that runs in a worker and read its report later.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.api import APIField

__all__ = ["STALLED_AFTER", "RegisterImportRun"]

# A running import writes its progress every few seconds; this long without is a stopped process.
STALLED_AFTER = timedelta(minutes=10)


class RegisterImportRun(models.Model):
    """One confirmed import (:mod:`wagtail_civil.register_import_task` runs it)."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("import status", "Waiting to start")
        RUNNING = "running", pgettext_lazy("import status", "Running")
        DONE = "done", pgettext_lazy("import status", "Done")
        FAILED = "failed", pgettext_lazy("import status", "Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("file"), max_length=255)
    token = models.CharField(max_length=64, blank=True, editable=False)  # the waiting file's name
    publish = models.BooleanField(default=True)
    language = models.CharField(max_length=15, blank=True)  # the editor's, for the report's words
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    changed_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    # {"rejected": [{"line", "message"}], "created": [{"line", "number", "name"}],
    #  "changed": [{"line", "number", "name", "fields"}]}: the first few hundred of each.
    report = models.JSONField(default=dict, blank=True)
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    progressed_at = models.DateTimeField(null=True, blank=True)  # the last progress written
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    # What is not personal: how far it got and what it did, never the file's name or report.
    api_fields = [
        APIField(name)
        for name in (
            "status", "rows_total", "rows_done", "created_count", "changed_count",
            "unchanged_count", "rejected_count", "skipped_count", "queued_at", "finished_at",
        )
    ]  # fmt: skip

    class Meta:
        ordering = ["-queued_at", "-pk"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")

    def __str__(self) -> str:
        return self.file_name

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def stalled(self) -> bool:
        """Running, but silent for longer than a batch can take: the process has stopped (a
        restart, a killed worker, or the web server's time limit with the immediate backend)."""
        last = self.progressed_at or self.started_at
        return bool(
            self.status == self.Status.RUNNING and last and timezone.now() - last > STALLED_AFTER
        )

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.rows_done / self.rows_total))
