"""What the agreement's contact was last told about a commitment, so they are told once.

The daily ``notify_commitments`` (and publishing a meeting) judges every commitment again; an
email goes only when the state *changes* to "at risk" from what is stored here for the same
commitment and period. A new period starts with no row, so a promise at risk again next year is
told again. Holds no personal data: the address is the agreement's public contact.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField

from ..choices import COMMITMENT_STATE_CHOICES

__all__ = ["CommitmentNotice"]


class CommitmentNotice(models.Model):
    """The last state judged for one commitment in one period, and when the contact was told."""

    commitment = models.ForeignKey(
        "wagtail_civil.AgreementCommitment",
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("commitment"),
    )
    period_start = models.DateField(_("first day of the period"))
    state = models.CharField(_("state"), max_length=16, choices=COMMITMENT_STATE_CHOICES)
    changed_at = models.DateTimeField(_("state changed"), auto_now=True)
    notified_at = models.DateTimeField(_("contact emailed"), null=True, blank=True)

    api_fields = [
        APIField("commitment"),
        APIField("period_start"),
        APIField("state"),
        APIField("notified_at"),
    ]

    class Meta:
        verbose_name = _("commitment notice")
        verbose_name_plural = _("commitment notices")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "period_start"], name="one_notice_per_commitment_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment} {self.period_start}: {self.state}"
