"""The "Commitments to follow up" panel on the Wagtail dashboard.

Lists every commitment needing an editor across the agreements in force that the editor may
edit: at risk in its current period, or missed in the period just before (shown until the next
period begins, so a broken promise is seen after new year and not only on 31 December). Each
has a link to Wagtail's "add a meeting" form with the agreement and the kind filled in. The
same few queries for any number of agreements (:func:`.statuses.follow_ups`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .notify import followed_up_agreements
from .statuses import FollowUp, follow_ups

__all__ = ["CommitmentsPanel", "needing_attention"]


def needing_attention(user: Any, today: dt.date | None = None) -> list[FollowUp]:
    """The follow-ups ``user`` should see: at risk now, or missed in the last period."""
    editable = PagePermissionPolicy(Page).instances_user_has_any_permission_for(
        user, ["change", "publish"]
    )
    agreements = followed_up_agreements().filter(pk__in=editable.values("pk"))
    return [
        f
        for f in follow_ups(agreements, today, with_links=True, with_previous=True)
        if f.status.state.needs_attention
    ]


class CommitmentsPanel(Component):
    name = "civil_commitments"
    template_name = "wagtail_civil/admin/commitments/panel.html"
    order = 105  # above Wagtail's own panels: a promise about to be broken comes first

    def get_context_data(self, parent_context: Mapping[str, Any] | None) -> Mapping[str, Any]:
        context = super().get_context_data(parent_context)
        request = (parent_context or {})["request"]
        context["follow_ups"] = needing_attention(request.user)
        return context
