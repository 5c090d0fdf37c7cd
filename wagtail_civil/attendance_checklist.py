"""Who took part, ticked in a list of the register instead of one chooser per organisation.

After a stormöte the editor has a sign-in sheet with thirty names; opening a chooser thirty times
is the wrong tool. The meeting form gets one checkbox per organisation of the register, grouped
by category in ``<details>`` elements (the groups that have a ticked organisation open), so it
works without JavaScript and with hundreds of organisations. What is ticked is saved as the same
``MeetingAttendance`` rows as before (feeds, JSON-LD, imports and revisions read those): a row
that stays ticked keeps its id and place, a newly ticked one is added after them by name.
"""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from wagtail.admin import compare
from wagtail.admin.panels import FieldPanel

from .apps import civil_model

__all__ = ["AttendanceChecklistField", "AttendanceChecklistMixin", "AttendanceChecklistPanel"]

FIELD = "attending_register"
RELATION = "attending_organisations"


class AttendanceChecklistWidget(forms.CheckboxSelectMultiple):
    """Checkboxes in one ``<details>`` per group, each summary saying how many are ticked."""

    template_name = "wagtail_civil/widgets/attendance_checklist.html"

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        groups = []
        for group_name, options, _index in context["widget"]["optgroups"]:
            ticked = sum(1 for option in options if option["selected"])
            groups.append({"name": group_name, "options": options, "ticked": ticked})
        context["widget"]["groups"] = groups
        return context


class AttendanceChecklistField(forms.TypedMultipleChoiceField):
    """The register's organisations, grouped; choices are filled per form (:func:`choices`)."""

    widget = AttendanceChecklistWidget

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Organisations that took part"))
        kwargs.setdefault(
            "help_text",
            _(
                "Tick every organisation from the register that took part. Each one is listed "
                "once, under its first category; open a group to see its organisations."
            ),
        )
        super().__init__(**kwargs)


def choices() -> tuple[list[tuple[str, list[tuple[int, str]]]], dict[int, str]]:
    """The register as grouped choices, and each organisation's name by id (two queries).

    An organisation in several categories is listed once, under the first by name, with the
    others beside its name: two checkboxes for one organisation could disagree.
    """
    organisation = civil_model("Organisation")
    found = organisation.objects.order_by("name", "pk").prefetch_related("categories")
    groups: dict[str, list[tuple[int, str]]] = {}
    names: dict[int, str] = {}
    for item in found:
        categories = sorted(c.name for c in item.categories.all())
        label = item.name
        if len(categories) > 1:
            label += " " + pgettext("other categories", "(also %(list)s)") % {
                "list": ", ".join(categories[1:])
            }
        if not item.live:
            label += " " + pgettext("organisation not published", "(draft)")
        group = categories[0] if categories else str(_("Without a category"))
        groups.setdefault(group, []).append((item.pk, label))
        names[item.pk] = item.name
    without = str(_("Without a category"))
    order = sorted(groups, key=lambda g: (g == without, g.casefold()))
    return [(g, groups[g]) for g in order], names


class AttendanceChecklistMixin:
    """For the meeting page's form: fills the checklist, and saves it as attendance rows.

    Only when the form has no formset of its own for the rows (a site that puts Wagtail's
    ``InlinePanel("attending_organisations")`` back keeps that working instead).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if FIELD not in self.fields:
            return
        if self._checklist_unused():
            del self.fields[FIELD]
            return
        grouped, self._organisation_names = choices()
        field = self.fields[FIELD]
        field.choices = grouped
        if not self.is_bound:
            rows = getattr(self.instance, RELATION).all()
            self.initial[FIELD] = [row.organisation_id for row in rows]

    def _checklist_unused(self) -> bool:
        return RELATION in getattr(self, "formsets", {})

    def save(self, commit: bool = True) -> Any:
        if FIELD in self.fields and FIELD in self.cleaned_data:
            self._save_checklist(self.cleaned_data[FIELD])
        return super().save(commit=commit)

    def _save_checklist(self, chosen: list[int]) -> None:
        wanted = set(chosen)
        rows = getattr(self.instance, RELATION)
        kept = [row for row in rows.all() if row.organisation_id in wanted]
        listed = {row.organisation_id for row in kept}
        names = self._organisation_names
        added = sorted(wanted - listed, key=lambda pk: (names.get(pk, "").casefold(), pk))
        model = rows.model
        kept += [model(organisation_id=pk) for pk in added]
        for order, row in enumerate(kept):
            row.sort_order = order
        setattr(self.instance, RELATION, kept)


class AttendanceChecklistPanel(FieldPanel):
    """The checklist in the edit form; revisions compare it as the attendance rows it saves."""

    def __init__(self, field_name: str = FIELD, **kwargs: Any) -> None:
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def get_comparison(self) -> list[Any]:
            relation = self.panel.model._meta.get_field(RELATION)
            organisation = relation.related_model._meta.get_field("organisation")
            return [
                functools.partial(
                    compare.ChildRelationComparison,
                    relation,
                    [functools.partial(compare.ForeignObjectComparison, organisation)],
                    label=self.heading,
                )
            ]
