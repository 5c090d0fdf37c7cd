"""One action of an action plan, and the history of its status.

The history is written, not typed: when a plan is published, each action whose status differs
from the last one recorded gets a :class:`ActionStatusChange` dated that day, naming the editor who
made the published revision. A draft's change is therefore not history until it is published; a
draft that is discarded leaves none; and the page's revisions need no extra model to stay right,
because history compares with what was last *published*, which the history itself remembers.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks as wagtail_blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.signals import page_published

from civilsamhalle import rules
from civilsamhalle.enums import ActionStatus
from civilsamhalle.rules import RuleError

from ..choices import ACTION_STATUS_CHOICES
from ..validators import rule_error
from .action_history_panel import StatusHistoryPanel

__all__ = ["ActionStatusChange", "MilestoneBlock", "PlanAction", "record_status_changes"]


def validate_progress(value: int | None) -> None:
    """The core's 0–100 rule, in the editor's language."""
    try:
        rules.check_progress(value)
    except RuleError as error:
        raise rule_error(error) from None


class MilestoneBlock(wagtail_blocks.StructBlock):
    """A date and what is to be reached by then."""

    date = wagtail_blocks.DateBlock(label=_("Date"))
    text = wagtail_blocks.CharBlock(label=_("What is to be reached"), max_length=255)

    class Meta:
        icon = "date"
        label = _("Milestone")


class PlanAction(Orderable, ClusterableModel):
    """An action: what is to be done, who is responsible, with whom, by when, and how far it is."""

    page = ParentalKey(
        "wagtail_civil.ActionPlanPage", on_delete=models.CASCADE, related_name="actions"
    )
    number = models.CharField(
        _("number"), max_length=16, blank=True, help_text=_("As in the plan, e.g. 2 or 3.1.")
    )
    title = models.CharField(_("title"), max_length=255)
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    responsible_units = ParentalManyToManyField(
        "wagtail_civil.MunicipalUnit",
        blank=True,
        related_name="actions",
        verbose_name=_("responsible units"),
    )
    partners = ParentalManyToManyField(
        "wagtail_civil.Organisation",
        blank=True,
        related_name="partner_in_actions",
        verbose_name=_("partner organisations"),
    )
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=ACTION_STATUS_CHOICES,
        default=ActionStatus.NOT_STARTED.value,
        help_text=_("A change is added to the action's history when the page is published."),
    )
    target_date = models.DateField(_("to be done by (date)"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(
        _("to be done in (year)"),
        null=True,
        blank=True,
        help_text=_("Give a date or a year, not both."),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        null=True,
        blank=True,
        validators=[validate_progress],
        help_text=_("From 0 to 100; leave blank if not measured. A done action counts as 100."),
    )
    milestones = StreamField(
        [("milestone", MilestoneBlock())],
        blank=True,
        verbose_name=_("milestones"),
    )
    carried_over_from = models.ForeignKey(
        "wagtail_civil.ActionPlanPage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("carried over from"),
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("title")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("responsible_units"), FieldPanel("partners")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("progress")]),
        FieldRowPanel([FieldPanel("target_date"), FieldPanel("target_year")]),
        FieldPanel("milestones"),
        StatusHistoryPanel(heading=_("Status history")),
    ]

    api_fields = [
        APIField("number"),
        APIField("title"),
        APIField("description"),
        APIField("responsible_unit_list"),
        APIField("public_partners"),
        APIField("status"),
        APIField("target_date"),
        APIField("target_year"),
        APIField("progress"),
        APIField("milestones"),
        APIField("status_changes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    def clean(self) -> None:
        super().clean()
        if self.target_date and self.target_year:
            raise ValidationError(
                {"target_year": _("Give a date or a year, not both.")}, code="target_both"
            )

    @property
    def responsible_unit_list(self) -> list[dict[str, str]]:
        """The units as the API gives them: name and slug."""
        return [{"name": u.name, "slug": u.slug} for u in self.responsible_units.all()]

    @property
    def public_partners(self) -> list[dict[str, str]]:
        """Published partners only, as the API gives them: an organisation still a draft in the
        register is nobody's business yet."""
        return [{"name": o.name, "slug": o.slug} for o in self.partners.all() if o.live]

    @property
    def status_enum(self) -> ActionStatus:
        return ActionStatus(self.status)

    @property
    def shown_progress(self) -> int | None:
        """The percentage the page draws: 100 when done, none when dropped or not measured."""
        status = self.status_enum
        if status.is_done:
            return 100
        if not status.counts_in_progress:
            return None
        return self.progress

    @property
    def target_year_or_date(self) -> Any:
        return self.target_date or self.target_year


class ActionStatusChange(models.Model):
    """A status an action got, on the day the plan saying so was published, and by whom."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=32, choices=ACTION_STATUS_CHOICES)
    previous_status = models.CharField(
        _("previous status"), max_length=32, choices=ACTION_STATUS_CHOICES, blank=True
    )
    date = models.DateField(_("date"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )

    api_fields = [APIField("status"), APIField("previous_status"), APIField("date")]

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.date}: {self.get_status_display()}"


def record_status_changes(page: Any, user: Any = None, date: Any = None) -> int:
    """Add a history entry for each published action whose status is not the last recorded one.

    Returns how many were added. Two queries whatever the number of actions, plus one insert.
    """
    latest = ActionStatusChange.objects.filter(action=OuterRef("pk")).order_by("-date", "-pk")
    actions = PlanAction.objects.filter(page_id=page.pk).annotate(
        recorded=Subquery(latest.values("status")[:1])
    )
    date = date or timezone.localdate()
    changes = [
        ActionStatusChange(
            action=action,
            status=action.status,
            previous_status=action.recorded or "",
            date=date,
            user=user,
        )
        for action in actions
        if action.recorded != action.status
    ]
    ActionStatusChange.objects.bulk_create(changes)
    return len(changes)


@receiver(page_published, dispatch_uid="wagtail_civil.action_plan_history")
def _on_publish(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    """A publish of an action plan is when its status changes become history."""
    from .action_plans import ActionPlanPage

    if not issubclass(sender, ActionPlanPage):
        return
    record_status_changes(instance, user=getattr(revision, "user", None))
