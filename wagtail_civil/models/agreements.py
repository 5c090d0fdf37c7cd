"""An agreement (överenskommelse) between the municipality and civil society, such as ÖK Idé."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail import blocks as wagtail_blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from civilsamhalle import model as domain
from civilsamhalle import rules
from civilsamhalle.commitments import evaluate_agreement
from civilsamhalle.rules import RuleError

from ..apps import civil_model
from ..blocks import CivilStreamBlock
from ..choices import AGREEMENT_STATUS_CHOICES, MEETING_KIND_CHOICES
from ..participation import participation_for
from ..sites import absolute_url
from ..validators import RulesCleanMixin, rule_error
from .agreement_signing import SigningRoutesMixin
from .meetings import MeetingPage
from .mixins import richtext_to_text

__all__ = [
    "AgreementPage",
    "AgreementSignature",
    "AgreementCommitment",
    "SteeringGroupMember",
    "PrincipleBlock",
]


class PrincipleBlock(wagtail_blocks.StructBlock):
    """One shared principle ("Självständighet och oberoende", …) with its explanation."""

    heading = wagtail_blocks.CharBlock(label=_("Principle"), required=False, max_length=255)
    text = wagtail_blocks.TextBlock(label=_("What it means"))

    class Meta:
        icon = "list-ul"
        label = _("Principle")
        template = "wagtail_civil/blocks/principle.html"


class AgreementPage(SigningRoutesMixin, RulesCleanMixin, Page):
    """An agreement with its purpose, shared principles, commitments, signatures and document.

    Whether a commitment is kept is never typed in: :meth:`commitment_statuses` computes it from
    the meetings held and planned under the agreement.
    """

    purpose = RichTextField(
        _("purpose"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Why the parties make this agreement, in a few sentences."),
    )
    principles = StreamField(
        [("principle", PrincipleBlock())],
        blank=True,
        verbose_name=_("shared principles"),
        help_text=_("The principles all parties agree to work by."),
    )
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=AGREEMENT_STATUS_CHOICES,
        default=domain.AgreementStatus.DRAFT.value,
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Leave blank if the agreement runs until further notice."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("signed document"),
        help_text=_("The agreement as signed, e.g. a PDF. Make sure it is accessible."),
    )
    body = StreamField(
        CivilStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("More about the agreement: news, upcoming meetings, a subscribe box."),
    )
    contact_name = models.CharField(_("contact name"), max_length=255, blank=True)
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_(
            "Who follows up the commitments: emailed when a commitment turns “at risk”. "
            "Shown on the page."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("purpose"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                FieldPanel("document"),
            ],
            heading=_("Status and validity"),
        ),
        FieldPanel("principles"),
        InlinePanel("commitments", heading=_("Commitments"), label=_("Commitment")),
        FieldRowPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email")],
            heading=_("Contact for the commitments"),
        ),
        InlinePanel("signatures", heading=_("Signatures"), label=_("Signature")),
        InlinePanel(
            "steering_group", heading=_("Steering group"), label=_("Member of the steering group")
        ),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("purpose"),
        index.FilterField("status"),
    ]

    api_fields = [
        APIField("purpose"),
        APIField("principles"),
        APIField("status"),
        APIField("valid_from"),
        APIField("valid_until"),
        APIField("document"),
        APIField("signatures"),
        APIField("commitments"),
        APIField("steering_group"),
        APIField("body"),
        APIField("contact_name"),
        APIField("contact_email"),
    ]

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def clean(self) -> None:
        """The core's rule for the validity dates, on ``valid_until``."""
        super().clean()
        if self.form_rejected("valid_from", "valid_until"):
            return
        try:
            rules.check_validity(self.valid_from, self.valid_until)
        except RuleError as error:
            raise ValidationError({"valid_until": rule_error(error)}) from None

    # --- what the page shows ---------------------------------------------------------------------

    def get_meetings(self) -> models.QuerySet:
        """Published, public meetings held under this agreement (override to widen).

        A page being previewed before its first save has no meetings yet, and no primary key to
        look them up by.
        """
        if self.pk is None:
            return MeetingPage.objects.none()
        return MeetingPage.objects.for_feed().for_agreement(self)

    def commitment_statuses(self, today: dt.date | None = None) -> list[Any]:
        """Each commitment's state this year, computed from the meetings under the agreement.

        Returns ``civilsamhalle.commitments.CommitmentStatus`` objects (state, held, planned,
        required) so the page can say why, e.g. "1 of 2 held, 1 planned".
        """
        today = today or timezone.localdate()
        meetings = [m.to_domain() for m in self.get_meetings()]
        return evaluate_agreement(self.to_domain(), meetings, today)

    def get_participation_categories(self) -> Any:
        """The categories whose absence a meeting under the agreement is judged by: those of
        the published organisations that signed it; ``None`` (every category used in the
        register) while no signatory belongs to one. Override to choose others."""
        if self.pk is None:
            return None
        found = (
            civil_model("OrganisationCategory")
            .objects.filter(organisations__signatures__page=self, organisations__live=True)
            .distinct()
        )
        names = list(found.order_by("name").values_list("name", flat=True))
        return names or None

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        meetings = self.get_meetings()
        context["signatures"] = self.signatures.select_related("organisation")
        context["commitment_statuses"] = self.commitment_statuses()
        context["upcoming_meetings"] = meetings.upcoming(now)
        context["past_meetings"] = meetings.past(now)
        context["participation"] = participation_for(
            meetings, self.get_participation_categories(), now=now, request=request
        )
        return context

    # --- domain ----------------------------------------------------------------------------------

    def to_domain(self, request: HttpRequest | None = None) -> domain.Agreement:
        """The framework-free agreement; the slug is its id, as meetings refer to it."""
        principles = []
        for block in self.principles:
            heading, text = block.value.get("heading", ""), block.value.get("text", "")
            principles.append(f"{heading}: {text}" if heading and text else heading or text)
        return domain.Agreement(
            id=self.slug,
            title=self.title,
            purpose=richtext_to_text(self.purpose),
            principles=tuple(p for p in principles if p),
            status=domain.AgreementStatus(self.status),
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            signatures=tuple(s.to_domain() for s in self.signatures.select_related("organisation")),
            commitments=tuple(c.to_domain() for c in self.commitments.all()),
            url=absolute_url(self, request) if self.pk else None,
        )


class AgreementSignature(RulesCleanMixin, Orderable):
    """A party that signed: an organisation from the register, or a name typed in.

    The free-text name covers the municipality's own signature and parties that are not (yet) in
    the register; when both are given, the typed name is shown (e.g. "Bäve församling (Svenska
    kyrkan)").
    """

    page = ParentalKey(AgreementPage, on_delete=models.CASCADE, related_name="signatures")
    organisation = models.ForeignKey(
        "wagtail_civil.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signatures",
        verbose_name=_("organisation"),
    )
    party_name = models.CharField(
        pgettext_lazy("agreement party", "party"),
        max_length=255,
        blank=True,
        help_text=_("For the municipality or a party not in the register; else leave blank."),
    )
    signatory = models.CharField(_("signed by"), max_length=255, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=255, blank=True)
    date = models.DateField(_("date signed"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("party_name")]),
        FieldRowPanel([FieldPanel("signatory"), FieldPanel("signatory_title")]),
        FieldPanel("date"),
    ]
    api_fields = [
        APIField("organisation"),
        APIField("party_name"),
        APIField("signatory"),
        APIField("signatory_title"),
        APIField("date"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def clean(self) -> None:
        super().clean()
        if self.form_rejected("organisation", "party_name"):
            return  # something was chosen or typed; the form says what is wrong with it
        if not self.organisation_id and not self.party_name.strip():
            raise ValidationError(
                {"party_name": _("Choose an organisation or type the name of the party.")}
            )

    @property
    def display_name(self) -> str:
        if self.party_name.strip():
            return self.party_name.strip()
        return self.organisation.name if self.organisation_id else ""

    @property
    def public_organisation(self) -> Any:
        """The signing organisation if it is published, for linking; else ``None``."""
        if self.organisation_id and self.organisation.live:
            return self.organisation
        return None

    def __str__(self) -> str:
        return self.display_name

    def to_domain(self) -> domain.Signature:
        return domain.Signature(
            organisation_id=self.organisation.slug if self.organisation_id else None,
            organisation=self.display_name,
            signatory=self.signatory,
            signatory_title=self.signatory_title,
            date=self.date,
        )


class AgreementCommitment(RulesCleanMixin, Orderable):
    """A measurable promise: at least *minimum* meetings (of one kind, or any) per period.

    The period is a calendar year, or *period_months* months counted from *period_start* (else
    from the agreement's first day); the rules are :mod:`civilsamhalle.commitments`'.
    """

    page = ParentalKey(AgreementPage, on_delete=models.CASCADE, related_name="commitments")
    description = models.CharField(
        _("description"),
        max_length=255,
        help_text=_("As written in the agreement, e.g. “At least two dialogues a year”."),
    )
    # No MinValueValidator: the core's rule says what is wrong, in the editor's language.
    minimum = models.SmallIntegerField(
        _("meetings per period"),
        default=1,
        help_text=_("At least this many meetings in each year (or each period of months below)."),
    )
    meeting_kind = models.CharField(
        _("kind of meeting"),
        max_length=32,
        choices=MEETING_KIND_CHOICES,
        blank=True,
        help_text=_("Leave blank to count every kind of meeting held under the agreement."),
    )
    period_months = models.SmallIntegerField(
        _("period in months"),
        null=True,
        blank=True,
        help_text=_("E.g. 6 for “every six months”. Leave blank for a calendar year."),
    )
    period_start = models.DateField(
        _("periods counted from"),
        null=True,
        blank=True,
        help_text=_("Leave blank to count from the day the agreement is valid from."),
    )

    panels = [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("minimum"), FieldPanel("meeting_kind")]),
        FieldRowPanel([FieldPanel("period_months"), FieldPanel("period_start")]),
    ]
    api_fields = [
        APIField("description"),
        APIField("minimum"),
        APIField("meeting_kind"),
        APIField("period_months"),
        APIField("period_start"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        """The core's rules: at least one meeting, a period at least a month long."""
        super().clean()
        errors = {}
        for name, check in (
            ("minimum", rules.check_commitment_minimum),
            ("period_months", rules.check_commitment_period),
        ):
            if self.form_rejected(name):
                continue
            try:
                check(getattr(self, name))
            except RuleError as error:
                errors[name] = rule_error(error)
        if errors:
            raise ValidationError(errors)

    def to_domain(self) -> domain.Commitment:
        return domain.Commitment(
            description=self.description,
            minimum=self.minimum,
            meeting_kind=domain.MeetingKind(self.meeting_kind) if self.meeting_kind else None,
            period_months=self.period_months,
            period_start=self.period_start,
        )


class SteeringGroupMember(Orderable):
    """A member of the agreement's steering group: a name and whom they represent."""

    page = ParentalKey(AgreementPage, on_delete=models.CASCADE, related_name="steering_group")
    name = models.CharField(_("name"), max_length=255)
    title = models.CharField(_("title or role"), max_length=255, blank=True)
    affiliation = models.CharField(
        _("represents"),
        max_length=255,
        blank=True,
        help_text=_("An organisation, a category of organisations or a municipal unit."),
    )

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("title"), FieldPanel("affiliation")])]
    api_fields = [APIField("name"), APIField("title"), APIField("affiliation")]

    class Meta(Orderable.Meta):
        verbose_name = _("member of the steering group")
        verbose_name_plural = _("steering group")

    def __str__(self) -> str:
        return self.name
