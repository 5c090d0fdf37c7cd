"""One person's registration for a meeting with built-in registration, and the meeting's seat lock.

Registrations hold personal data: only editors with the ``view_registration_personal_data``
permission see it, and :meth:`Registration.erase_personal_data` blanks it after the retention
period while the counts stay (docs/registration.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.api import APIField

from civilsamhalle.enums import RegistrationSource, RegistrationStatus

from ..choices import REGISTRATION_SOURCE_CHOICES, REGISTRATION_STATUS_CHOICES

__all__ = ["Registration", "RegistrationQuerySet", "SeatLock"]

Status = RegistrationStatus

# Blanked by erase_personal_data(); what stays is the status, the times, attendance and the
# organisation from the register (public information, counted in attendance).
PERSONAL_FIELDS = (
    "name", "email", "email_key", "organisation_name", "phone", "access_needs", "dietary_needs",
)  # fmt: skip


class RegistrationQuerySet(models.QuerySet):
    def seated(self) -> RegistrationQuerySet:
        return self.filter(status=Status.CONFIRMED.value)

    def waitlisted(self) -> RegistrationQuerySet:
        """The waitlist in the order it is served: who joined first moves up first."""
        return self.filter(status=Status.WAITLISTED.value).order_by("created_at", "pk")

    def active(self) -> RegistrationQuerySet:
        return self.exclude(status=Status.CANCELLED.value)

    def with_personal_data(self) -> RegistrationQuerySet:
        return self.filter(erased_at__isnull=True)

    def counts(self) -> dict[str, int]:
        """``{status: n}`` for every status, zeros included, in one query."""
        found = dict(self.order_by().values_list("status").annotate(n=models.Count("pk")))
        return {status.value: found.get(status.value, 0) for status in Status}


class Registration(models.Model):
    """A resident (or someone staff signed up by phone or at the desk) coming to a meeting."""

    # Never shown in a calendar feed: a registration must not change a feed's ETag.
    shown_in_feeds = False

    meeting = models.ForeignKey(
        "wagtail_civil.MeetingPage",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("meeting"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=REGISTRATION_STATUS_CHOICES,
        default=Status.CONFIRMED.value,
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    # The email as compared: one registration per address and meeting, whatever its case.
    email_key = models.CharField(max_length=254, blank=True, editable=False)
    organisation = models.ForeignKey(
        "wagtail_civil.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("organisation, as typed"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    access_needs = models.TextField(_("access needs"), max_length=1000, blank=True)
    dietary_needs = models.TextField(_("dietary needs"), max_length=1000, blank=True)
    # The language they registered in: their emails are written in it.
    language = models.CharField(_("language"), max_length=16, blank=True)
    source = models.CharField(
        pgettext_lazy("how a registration was made", "made"),
        max_length=16,
        choices=REGISTRATION_SOURCE_CHOICES,
        default=RegistrationSource.WEB.value,
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    confirmed_at = models.DateTimeField(_("seat given"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    # Never the personal fields: a site that exposes registrations in its API gets counts only.
    api_fields = [APIField(name) for name in ("meeting", "status", "source", "attended")]

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email_key"],
                condition=~Q(email_key=""),
                name="wagtail_civil_one_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["meeting", "status"], name="wagtail_civil_reg_status")]
        permissions = [
            ("view_registration_personal_data", _("Can see registrants' personal data")),
        ]

    def __str__(self) -> str:
        return self.name or str(_("(personal data deleted)"))  # str() must return a str

    def save(self, *args, **kwargs) -> None:
        self.email_key = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def holds_seat(self) -> bool:
        return Status(self.status).holds_seat

    @property
    def is_active(self) -> bool:
        return Status(self.status).is_active

    def erase_personal_data(self) -> None:
        """Blank what identifies the person; the status, times and attendance stay counted."""
        for field in PERSONAL_FIELDS:
            setattr(self, field, "")
        self.erased_at = timezone.now()
        self.save(update_fields=[*PERSONAL_FIELDS, "erased_at", "updated_at"])


class SeatLock(models.Model):
    """One row per meeting, written first in every transaction that gives or frees a seat.

    The write makes those transactions take turns: PostgreSQL holds the row lock until commit,
    SQLite its database write lock. Counting seats after it is then exact (docs/architecture.md).
    """

    shown_in_feeds = False

    meeting = models.OneToOneField(
        "wagtail_civil.MeetingPage",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    turns = models.PositiveBigIntegerField(default=0)

    api_fields = [APIField("meeting"), APIField("turns")]

    class Meta:
        verbose_name = _("seat lock")
        verbose_name_plural = _("seat locks")

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.turns}"
