"""An organisation's request to sign an agreement, sent through the agreement page's public form.

A request holds personal data (the requester's email, the signatory, the new organisation's
contact): only editors with ``wagtail_civil.view_signingrequest`` see it, and
:meth:`SigningRequest.erase_personal_data` blanks it once the retention period after the
decision is over, while the decision itself stays (docs/signing-requests.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.api import APIField

from civilsamhalle import model as domain
from civilsamhalle.enums import SigningRequestStatus

from ..choices import COUNTRY_CHOICES, SIGNING_REQUEST_STATUS_CHOICES

__all__ = ["PERSONAL_FIELDS", "SigningRequest", "SigningRequestQuerySet"]

Status = SigningRequestStatus

# Blanked by erase_personal_data(); what stays is the agreement, the organisation (from the
# register, or its name and number: public facts about an organisation), the decision and times.
PERSONAL_FIELDS = (
    "signatory", "signatory_title", "email", "organisation_email", "organisation_phone",
)  # fmt: skip


class SigningRequestQuerySet(models.QuerySet):
    def pending(self) -> SigningRequestQuerySet:
        return self.filter(status=Status.PENDING.value)

    def decided(self) -> SigningRequestQuerySet:
        return self.exclude(status=Status.PENDING.value)

    def with_personal_data(self) -> SigningRequestQuerySet:
        return self.filter(erased_at__isnull=True)


class SigningRequest(models.Model):
    """An organisation from the register, or a new one, asking to sign an agreement."""

    # Never shown in a calendar feed: a request must not change a feed's ETag.
    shown_in_feeds = False

    agreement = models.ForeignKey(
        "wagtail_civil.AgreementPage",
        on_delete=models.CASCADE,
        related_name="signing_requests",
        verbose_name=_("agreement"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SIGNING_REQUEST_STATUS_CHOICES,
        default=Status.PENDING.value,
    )
    # Chosen from the register on the form, or the draft made for a new one on approval.
    organisation = models.ForeignKey(
        "wagtail_civil.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signing_requests",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("new organisation's name"), max_length=255, blank=True)
    country = models.CharField(
        _("country"), max_length=2, choices=COUNTRY_CHOICES, default=domain.Country.SWEDEN.value
    )
    organisation_number = models.CharField(_("organisation number"), max_length=20, blank=True)
    organisation_email = models.EmailField(_("organisation's email"), blank=True)
    organisation_phone = models.CharField(_("organisation's phone"), max_length=50, blank=True)
    signatory = models.CharField(_("signed by"), max_length=255)
    signatory_title = models.CharField(_("signatory's title"), max_length=255)
    email = models.EmailField(_("requester's email"), max_length=254)
    # The language the form was sent in: the answer is written in it.
    language = models.CharField(_("language"), max_length=16, blank=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reason = models.TextField(
        pgettext_lazy("signing request decision", "reason"), max_length=2000, blank=True
    )
    erased_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)

    objects = SigningRequestQuerySet.as_manager()

    # Never the personal fields: a site that exposes requests in its API shows decisions only.
    api_fields = [APIField(name) for name in ("agreement", "status", "organisation", "decided_at")]

    class Meta:
        verbose_name = _("signing request")
        verbose_name_plural = _("signing requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One waiting request per organisation and agreement: a form sent twice, or by two
            # people of the same organisation, makes one (the form explains; this decides races).
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                condition=Q(status="pending", organisation__isnull=False),
                name="wagtail_civil_one_pending_signing_request",
            ),
            models.UniqueConstraint(
                fields=["agreement", "country", "organisation_number"],
                condition=Q(status="pending", organisation__isnull=True)
                & ~Q(organisation_number=""),
                name="wagtail_civil_one_pending_signing_request_number",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "decided_at"], name="wagtail_civil_sign_req_status")
        ]

    def __str__(self) -> str:
        return self.organisation_display

    @property
    def organisation_display(self) -> str:
        """The organisation's name: the register's, else the one typed for a new one."""
        if self.organisation_id:
            return self.organisation.name
        return self.organisation_name

    # The admin listing's column heading (Django's label_for_field reads it).
    organisation_display.fget.short_description = _("organisation")

    @property
    def is_new_organisation(self) -> bool:
        """Typed in, not chosen from the register (until approval links it to a draft)."""
        return bool(self.organisation_name)

    @property
    def is_pending(self) -> bool:
        return Status(self.status).is_pending

    def erase_personal_data(self) -> None:
        """Blank what identifies people; the organisation and the decision stay."""
        for field in PERSONAL_FIELDS:
            setattr(self, field, "")
        self.erased_at = timezone.now()
        self.save(update_fields=[*PERSONAL_FIELDS, "erased_at"])
