"""The action plan's edit form: a milestone after the plan's period is an error on that milestone.

A milestone belongs to an action, an inline of the page, and the period belongs to the page, so
neither the milestone's block nor the action's ``clean()`` can see both as typed. The page form
can: once the page and its actions are cleaned, it checks each milestone date against the period
end that was typed and puts the error on the date of the milestone itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from civilsamhalle import rules
from civilsamhalle.rules import RuleError

from .validators import MESSAGES

__all__ = ["ActionPlanPageForm"]


class ActionPlanPageForm(WagtailAdminPageForm):
    def is_valid(self) -> bool:
        valid = super().is_valid()
        return self.check_milestones() and valid

    def check_milestones(self) -> bool:
        """Whether every milestone is within the period; else the errors are on the milestones."""
        period_end = getattr(self, "cleaned_data", {}).get("period_end")
        formset = self.formsets.get("actions")
        if period_end is None or formset is None:
            return True
        valid = True
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("milestones"):
                continue
            errors = {}
            for index, block in enumerate(data["milestones"]):
                try:
                    rules.check_milestone(block.value.get("date"), period_end)
                except RuleError as error:
                    errors[index] = StructBlockValidationError(
                        block_errors={"date": self._milestone_error(error, period_end)}
                    )
            if errors:
                form.add_error("milestones", StreamBlockValidationError(block_errors=errors))
                valid = False
        return valid

    def _milestone_error(self, error: RuleError, period_end: Any) -> ValidationError:
        """The admin's words, with both dates written the way the editor's language writes them."""
        when = error.params.get("value")
        return ValidationError(
            MESSAGES["milestone_after_period"],
            code="milestone_after_period",
            params={
                "value": date_format(_as_date(when), "DATE_FORMAT"),
                "period_end": date_format(period_end, "DATE_FORMAT"),
            },
        )


def _as_date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value
