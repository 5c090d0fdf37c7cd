"""An action programme (handlingsprogram) for a period, adopted by a body, with its actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from civilsamhalle import rules
from civilsamhalle.action_plans import PlanProgress, plan_progress
from civilsamhalle.rules import RuleError

from ..action_plan_forms import ActionPlanPageForm
from ..choices import ACTION_STATUS_CHOICES
from ..filters import ActionFilterSet
from ..validators import RulesCleanMixin, rule_error
from .action_plan_actions import ActionStatusChange, PlanAction
from .organisations import Organisation
from .units import MunicipalUnit

__all__ = ["ActionPlanPage"]


class ActionPlanPage(RulesCleanMixin, Page):
    """A plan for a period of a year or more, its actions, and how far they have come.

    The actions are inlines of the page (:class:`PlanAction`), so they are drafted, previewed,
    revised and published with it; their status history is written when the page is published
    (see :mod:`.action_plan_actions`).
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What the plan is for, e.g. the strategy it carries out."),
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(
        _("period ends"), help_text=_("The last day of the plan's period, e.g. 31 December.")
    )
    adopted_by = models.CharField(
        _("adopted by"),
        max_length=255,
        blank=True,
        help_text=_("The body that adopted the plan, e.g. the municipal council."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    decision_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decision document"),
        help_text=_("The decision or the plan as adopted, e.g. a PDF. Make sure it is accessible."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldRowPanel([FieldPanel("adopted_by"), FieldPanel("adopted_on")]),
                FieldPanel("decision_document"),
            ],
            heading=_("Period and decision"),
        ),
        InlinePanel(
            "actions",
            heading=pgettext_lazy("action plan", "Actions"),
            label=pgettext_lazy("action plan", "Action"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("adopted_by"),
        index.FilterField("period_start"),
        index.FilterField("period_end"),
        index.RelatedFields(
            "actions", [index.SearchField("title"), index.SearchField("description")]
        ),
    ]

    api_fields = [
        APIField("intro"),
        APIField("period_start"),
        APIField("period_end"),
        APIField("adopted_by"),
        APIField("adopted_on"),
        APIField("decision_document"),
        APIField("actions"),
    ]

    base_form_class = ActionPlanPageForm
    subpage_types: list[str] = []
    filterset_class = ActionFilterSet

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def clean(self) -> None:
        """The core's rule for the period, on ``period_end``."""
        super().clean()
        if self.form_rejected("period_start", "period_end"):
            return
        try:
            rules.check_plan_period(self.period_start, self.period_end)
        except RuleError as error:
            raise ValidationError({"period_end": rule_error(error)}) from None

    # --- what the page shows ---------------------------------------------------------------------

    def get_actions(self) -> Any:
        """The plan's actions with what the page shows of each, in a fixed number of queries.

        Partners are only published organisations (a draft in the register is nobody's business
        yet). A preview's actions are the edited ones in memory, not rows to query.
        """
        actions = self.actions.all()
        if not isinstance(actions, models.QuerySet):
            return actions
        return actions.select_related("carried_over_from").prefetch_related(
            "responsible_units",
            Prefetch("partners", queryset=Organisation.objects.public()),
            Prefetch("status_changes", queryset=ActionStatusChange.objects.order_by("date", "pk")),
        )

    def progress(self) -> PlanProgress:
        """The progress rolled up from all the actions (:mod:`civilsamhalle.action_plans`)."""
        actions = self.actions.all()
        if isinstance(actions, models.QuerySet):
            return plan_progress(actions.values_list("status", "progress"))
        return plan_progress((a.status, a.progress) for a in actions)

    def get_filterset(self, request: HttpRequest, queryset: Any) -> Any:
        """The filters, offering only the units responsible for an action of this plan."""
        filterset = self.filterset_class(request.GET or None, queryset=queryset, request=request)
        if "unit" in filterset.filters:
            units = MunicipalUnit.objects.filter(actions__page=self).distinct()
            filterset.filters["unit"].queryset = units
        return filterset

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        actions = self.get_actions()
        filterset = None
        if isinstance(actions, models.QuerySet):
            filterset = self.get_filterset(request, actions)
            actions = list(filterset.qs)
        else:
            actions = list(actions)
        for action in actions:
            # An action added in a preview has no row yet, so no history to look up.
            action.history = list(action.status_changes.all()) if action.pk else []
        partners = [partner for action in actions for partner in _public_partners(action)]
        Organisation.with_urls(partners, request)  # one directory look-up for every link
        progress = self.progress()
        labels = dict(ACTION_STATUS_CHOICES)
        context.update(
            actions=actions,
            filter=filterset,
            filtered=bool(filterset is not None and filterset.is_bound),
            plan_progress=progress,
            status_counts=[(labels[s.value], n) for s, n in progress.by_status.items()],
        )
        return context

    # --- copying to the next period --------------------------------------------------------------

    def next_period(self) -> tuple[dt.date, dt.date]:
        """The next plan's period: this one moved on by as many whole years as it lasts."""
        years = max(1, round((self.period_end - self.period_start).days / 365.25))
        return _add_years(self.period_start, years), _add_years(self.period_end, years)


def _public_partners(action: PlanAction) -> list[Organisation]:
    return [partner for partner in action.partners.all() if partner.live]


def _add_years(day: dt.date, years: int) -> dt.date:
    """``day`` ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
