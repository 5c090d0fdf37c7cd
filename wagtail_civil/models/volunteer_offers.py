"""A resident's offer to help: on one need, or in general (interests and availability).

Offers hold personal data: only editors with ``view_volunteer_offer_personal_data`` see it, and
it is erased after ``WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS`` while the status stays, so a
need stays filled (docs/volunteering.md). No account: the resident is written to by email.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField

from civilsamhalle.enums import VolunteerOfferStatus

from ..choices import VOLUNTEER_OFFER_STATUS_CHOICES

__all__ = ["OFFER_PERSONAL_FIELDS", "VolunteerOffer", "VolunteerOfferQuerySet"]

Status = VolunteerOfferStatus

# Blanked by erasing; the need, the status and the times stay.
OFFER_PERSONAL_FIELDS = (
    "name", "email", "email_key", "phone", "message", "interests", "availability",
)  # fmt: skip


class VolunteerOfferQuerySet(models.QuerySet):
    def accepted(self) -> VolunteerOfferQuerySet:
        return self.filter(status=Status.ACCEPTED.value)

    def with_personal_data(self) -> VolunteerOfferQuerySet:
        return self.filter(erased_at__isnull=True)


class VolunteerOffer(models.Model):
    """One resident's offer. ``need`` is empty for a general offer to the index's poster(s)."""

    # An offer is never shown in a calendar feed: it must not change a feed's ETag.
    shown_in_feeds = False

    index = models.ForeignKey(
        "wagtail_civil.VolunteerNeedIndexPage",
        on_delete=models.CASCADE,
        related_name="offers",
        verbose_name=_("volunteer need list"),
    )
    need = models.ForeignKey(
        "wagtail_civil.VolunteerNeedPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="offers",
        verbose_name=_("volunteer need"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=VOLUNTEER_OFFER_STATUS_CHOICES,
        default=Status.NEW.value,
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    # The email as compared: one offer per address and need, whatever its case.
    email_key = models.CharField(max_length=254, blank=True, editable=False)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    interests = models.TextField(_("interests"), max_length=1000, blank=True)
    availability = models.TextField(_("availability"), max_length=1000, blank=True)
    # The language they wrote in: their emails are written in it.
    language = models.CharField(_("language"), max_length=16, blank=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)

    objects = VolunteerOfferQuerySet.as_manager()

    # Never the personal fields: an API that exposes offers gives counts only.
    api_fields = [APIField("need"), APIField("status"), APIField("created_at")]

    class Meta:
        verbose_name = _("volunteer offer")
        verbose_name_plural = _("volunteer offers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "email_key"],
                condition=~Q(email_key="") & Q(need__isnull=False),
                name="wagtail_civil_one_offer_per_need_and_email",
            ),
            models.UniqueConstraint(
                fields=["index", "email_key"],
                condition=~Q(email_key="") & Q(need__isnull=True),
                name="wagtail_civil_one_general_offer_per_email",
            ),
        ]
        permissions = [
            (
                "view_volunteer_offer_personal_data",
                _("Can see the personal data of volunteer offers"),
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(_("(personal data deleted)"))

    def save(self, *args, **kwargs) -> None:
        self.email_key = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_general(self) -> bool:
        return self.need_id is None

    def erase_personal_data(self) -> None:
        """Blank what identifies the person; the status stays counted."""
        for field in OFFER_PERSONAL_FIELDS:
            setattr(self, field, "")
        self.erased_at = timezone.now()
        self.save(update_fields=[*OFFER_PERSONAL_FIELDS, "erased_at", "updated_at"])
