"""``/api/v2/action-plans/``: action programmes with their actions and how far they have come.

The progress is the plan page's own (:meth:`ActionPlanPage.progress`'s rule, from the actions'
status and progress); partners are only published organisations.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Prefetch, QuerySet
from wagtail.api import APIField
from wagtail.rich_text import expand_db_html

from civilsamhalle.action_plans import plan_progress

from ..models import ActionPlanPage, ActionStatusChange, Organisation, PlanAction
from .base import CivilPagesEndpoint
from .fields import Computed, local_iso, organisation_ref
from .filters import parse_id, parse_moment

__all__ = ["ActionPlansEndpoint"]


def _action(action: PlanAction) -> dict[str, Any]:
    return {
        "number": action.number,
        "title": action.title,
        "description": expand_db_html(action.description),
        "responsible_units": action.responsible_unit_list,
        "partners": [organisation_ref(o) for o in action.partners.all()],  # published only
        "status": action.status,
        "progress": action.progress,
        "target_date": action.target_date.isoformat() if action.target_date else None,
        "target_year": action.target_year,
        "milestones": [
            {
                "date": block.value["date"].isoformat() if block.value["date"] else None,
                "text": block.value["text"],
            }
            for block in action.milestones
        ],  # fmt: skip
        "status_changes": [
            {
                "status": c.status,
                "previous_status": c.previous_status or None,
                "date": c.date.isoformat(),
            }
            for c in action.status_changes.all()
        ],  # fmt: skip
    }


def _actions(plan: ActionPlanPage, context: dict[str, Any]) -> list[dict[str, Any]]:
    return [_action(action) for action in plan.actions.all()]


def _progress(plan: ActionPlanPage, context: dict[str, Any]) -> dict[str, Any]:
    progress = plan_progress((a.status, a.progress) for a in plan.actions.all())
    return {
        "percent": progress.percent,
        "done": progress.done,
        "total": progress.total,
        "by_status": {status.value: n for status, n in progress.by_status.items()},
    }


def _organisation(plans: QuerySet, value: str, view: Any) -> QuerySet:
    """Plans with an action a published organisation is a partner in."""
    pk = parse_id("organisation", value)
    actions = PlanAction.objects.filter(partners__id=pk, partners__live=True)
    return plans.filter(pk__in=actions.values("page_id"))


def _period_includes(plans: QuerySet, value: str, view: Any) -> QuerySet:
    """Plans whose period includes the day, e.g. the plan in force today."""
    day = parse_moment("period_includes", value).date()
    return plans.filter(period_start__lte=day, period_end__gte=day)


class ActionPlansEndpoint(CivilPagesEndpoint):
    """The action plans of the request's site, the latest period first."""

    name = "action-plans"
    model = ActionPlanPage
    fields: ClassVar[list[Any]] = [
        "title",
        APIField("intro", serializer=Computed(lambda p, c: expand_db_html(p.intro))),
        "period_start",
        "period_end",
        "adopted_by",
        "adopted_on",
        APIField("progress", serializer=Computed(_progress)),
        APIField(
            "actions", serializer=Computed(lambda p, c: [_action(a) for a in p.actions.all()])
        ),
        APIField(
            "last_published_at", serializer=Computed(lambda p, c: local_iso(p.last_published_at))
        ),
    ]
    filters: ClassVar[dict[str, Any]] = {
        "organisation": _organisation,
        "period_includes": _period_includes,
    }
    order_fields: ClassVar[tuple[str, ...]] = ("period_start", "title", "id", "last_published_at")

    def get_queryset(self) -> Any:
        actions = PlanAction.objects.order_by("sort_order", "pk").prefetch_related(
            "responsible_units",
            Prefetch("partners", queryset=Organisation.objects.public().order_by("name")),
            Prefetch("status_changes", queryset=ActionStatusChange.objects.order_by("date", "pk")),
        )
        return (
            self.public_pages()
            .prefetch_related(Prefetch("actions", queryset=actions))
            .order_by("-period_start", "title", "pk")
        )
