"""One row that changes whenever anything a calendar feed shows changes.

A feed's ETag and cache key are made from this token (docs/architecture.md, "Why a 304 costs
one query"), so it lives in the database every app server shares, and changes in the same
transaction as the content it stands for.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField

__all__ = ["FeedStamp"]


class FeedStamp(models.Model):
    """The latest change to published content, as a random token and a time (one row, pk 1)."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    # When anything a feed shows last changed, for a client that polls the API instead.
    api_fields = [APIField("changed_at")]

    class Meta:
        verbose_name = _("feed change stamp")
        verbose_name_plural = _("feed change stamps")

    def __str__(self) -> str:
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
