"""Tags of the action plans: the actions an organisation is a partner in (its page lists them)."""

from __future__ import annotations

from typing import Any

from django import template

from ..models import ActionPlanPage, PlanAction

register = template.Library()


@register.simple_tag
def civil_partner_actions(organisation: Any) -> list[PlanAction]:
    """The actions of published, public plans with ``organisation`` as a partner, newest plan
    first; one query. Nothing for an organisation not saved yet (a preview of a new one)."""
    if organisation is None or getattr(organisation, "pk", None) is None:
        return []
    plans = ActionPlanPage.objects.live().public()
    return list(
        PlanAction.objects.filter(partners=organisation, page__in=plans)
        .select_related("page")
        .order_by("-page__period_start", "page__title", "sort_order")
    )
