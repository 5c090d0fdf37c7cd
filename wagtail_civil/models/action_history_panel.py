"""The status history of an action inside its box in the page editor, with who changed it."""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import Panel

__all__ = ["StatusHistoryPanel"]


class StatusHistoryPanel(Panel):
    """Read-only: the history is written on publish (see :mod:`.action_plan_actions`).

    Editors see who made each change here; the public page shows only the dates and statuses.
    """

    @property
    def clean_name(self) -> str:
        return super().clean_name or "status_history"

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_civil/admin/action_plans/status_history_panel.html"

        def is_shown(self) -> bool:
            return getattr(self.instance, "pk", None) is not None

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["changes"] = self.instance.status_changes.select_related("user").order_by(
                "date", "pk"
            )
            return context
