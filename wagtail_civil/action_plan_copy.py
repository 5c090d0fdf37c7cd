"""Copy an action plan to the next period: a draft with the unfinished actions carried over.

A button on the plan in the admin (its header and the page explorer's "More" menu) leads to a
confirmation page with the new plan's title and slug filled in, which the editor may change. The
copy is a draft beside the old plan: the same intro, the next period, no decision yet (the new
plan is adopted on its own), and each open action (``ActionStatus.is_open``) with its status,
progress, units, partners and the milestones still ahead, noted as carried over. Its history is
not copied: the old plan keeps it, and the new plan's starts when the new plan is published.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.widgets import Button

from civilsamhalle.enums import ActionStatus

from .models import ActionPlanPage, PlanAction
from .models.mixins import make_slug

__all__ = ["CopyPlanForm", "copy_plan", "copy_plan_buttons", "copy_plan_view", "urlpatterns"]


class CopyPlanForm(forms.Form):
    """The new plan's title and slug; a slug taken beside the old plan is an error on the slug."""

    title = forms.CharField(label=_("Title of the new plan"), max_length=255)
    slug = forms.SlugField(
        label=_("Slug of the new plan"),
        max_length=255,
        allow_unicode=True,
        help_text=_("The last part of the new plan's web address."),
    )

    def __init__(self, *args: Any, plan: ActionPlanPage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        parent = self.plan.get_parent()
        taken = parent.get_children().filter(slug=slug).first()
        if taken is not None:
            raise forms.ValidationError(
                _(
                    "The page “%(title)s” already has the address “%(slug)s” here. Choose "
                    "another slug, or rename or move that page first."
                ),
                code="slug_taken",
                params={"title": taken.title, "slug": slug},
            )
        return slug


def next_title_and_slug(plan: ActionPlanPage) -> tuple[str, str]:
    """The plan's title and slug with its years moved on ("… 2022" → "… 2023").

    A title without the year gets the new period's first year appended, so the two plans never
    share a title (and so the proposed slug is not the old one).
    """
    start, end = plan.next_period()
    shift = start.year - plan.period_start.year
    years = {plan.period_start.year, plan.period_end.year}

    def moved(text: str) -> str:
        return re.sub(
            r"\b(\d{4})\b",
            lambda m: str(int(m.group(1)) + shift) if int(m.group(1)) in years else m.group(1),
            text,
        )

    title = moved(plan.title)
    if title == plan.title:
        title = f"{plan.title} {start.year}"
    slug = moved(plan.slug)
    if slug == plan.slug:
        slug = make_slug(title)
    return title, slug


@transaction.atomic
def copy_plan(plan: ActionPlanPage, title: str, slug: str, user: Any = None) -> ActionPlanPage:
    """Create the next period's plan as a draft beside ``plan`` (see the module's docstring)."""
    start, end = plan.next_period()
    new = ActionPlanPage(
        title=title,
        slug=slug,
        intro=plan.intro,
        period_start=start,
        period_end=end,
        live=False,
        owner=user,
    )
    for action in plan.actions.prefetch_related("responsible_units", "partners"):
        if not ActionStatus(action.status).is_open:
            continue
        new.actions.add(
            PlanAction(
                number=action.number,
                title=action.title,
                description=action.description,
                status=action.status,
                target_date=action.target_date,
                target_year=action.target_year,
                progress=action.progress,
                milestones=[
                    ("milestone", block.value)
                    for block in action.milestones
                    if block.value.get("date") and block.value["date"] > plan.period_end
                ],
                responsible_units=list(action.responsible_units.all()),
                partners=list(action.partners.all()),
                carried_over_from=plan,
            )
        )
    plan.get_parent().add_child(instance=new)
    new.save_revision(user=user, log_action=True)
    return new


def _plan_for(request: HttpRequest, page_id: int) -> ActionPlanPage:
    plan = get_object_or_404(ActionPlanPage, pk=page_id)
    parent = plan.get_parent()
    if not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    return plan


def copy_plan_view(request: HttpRequest, page_id: int) -> HttpResponse:
    """GET: the confirmation with the proposed title and slug; POST: make the copy."""
    plan = _plan_for(request, page_id)
    if request.method == "POST":
        form = CopyPlanForm(request.POST, plan=plan)
        if form.is_valid():
            new = copy_plan(
                plan, form.cleaned_data["title"], form.cleaned_data["slug"], request.user
            )
            count = new.actions.count()
            message = ngettext(
                "“%(title)s” was created as a draft with %(count)s unfinished action.",
                "“%(title)s” was created as a draft with %(count)s unfinished actions.",
                count,
            )
            messages.success(request, message % {"title": new.title, "count": count})
            return redirect("wagtailadmin_pages:edit", new.pk)
    else:
        title, slug = next_title_and_slug(plan)
        form = CopyPlanForm(initial={"title": title, "slug": slug}, plan=plan)
    start, end = plan.next_period()
    carried = [a for a in plan.actions.all() if ActionStatus(a.status).is_open]
    return TemplateResponse(
        request,
        "wagtail_civil/admin/action_plans/copy.html",
        {
            "page": plan,
            "form": form,
            "period_start": start,
            "period_end": end,
            "carried": carried,
        },
    )


def copy_plan_buttons(page: Any, user: Any, priority: int) -> list[Button]:
    """ "Copy to next period" for an action plan whose user may add a page beside it."""
    if not isinstance(page, ActionPlanPage):
        return []
    parent = page.get_parent()
    if parent is None or not parent.permissions_for_user(user).can_add_subpage():
        return []
    return [
        Button(
            _("Copy to next period"),
            url=reverse("wagtail_civil_action_plans:copy", args=[page.pk]),
            icon_name="copy",
            priority=priority,
        )
    ]


app_name = "wagtail_civil_action_plans"
urlpatterns = [path("<int:page_id>/copy/", copy_plan_view, name="copy")]
