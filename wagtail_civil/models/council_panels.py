"""How an editor edits a council: its seats listed on the page's form, and a seat's own form.

The page lists its seats with links to edit each and to add one, since a seat and its holders
are edited in a form of their own (:mod:`.council_seats` says why). The seat's form checks its
holders together: two ordinary holders of one seat at the same time is the mistake to catch.
"""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import Panel

from civilsamhalle.councils import Term, overlapping_terms

__all__ = ["CouncilSeatForm", "CouncilSeatsPanel", "seat_admin_url"]


def seat_admin_url(action: str, *args: Any) -> str | None:
    """The snippet admin's ``add``/``edit`` URL of a seat, or ``None`` where it is not served."""
    try:
        return reverse(f"wagtailsnippets_wagtail_civil_councilseat:{action}", args=args)
    except NoReverseMatch:
        return None


class CouncilSeatsPanel(Panel):
    """The council's seats and their current holders, each with a link to its form."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_civil/admin/council_seats_panel.html"

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            page = self.instance
            seats = list(page.seats.for_page()) if page.pk else []
            context["seats"] = [(seat, seat_admin_url("edit", seat.pk)) for seat in seats]
            add_url = seat_admin_url("add") if page.pk else None
            context["add_url"] = f"{add_url}?council={page.pk}" if add_url else None
            return context


def _date(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "…"


class CouncilSeatForm(WagtailAdminModelForm):
    """A seat with its holders; two ordinary holders whose terms overlap is an error on the
    later one's start, naming the other, with everything typed kept."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        formset = self.formsets.get("holders") if hasattr(self, "formsets") else None
        if formset is None:
            return valid
        forms = [
            form
            for form in formset.forms
            if getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("name")
        ]
        terms = [
            Term(
                form.cleaned_data.get("term_from"),
                form.cleaned_data.get("term_to"),
                bool(form.cleaned_data.get("substitute")),
            )
            for form in forms
        ]
        flagged = set()
        for first, second in overlapping_terms(terms):
            if second in flagged:
                continue
            flagged.add(second)
            other = forms[first].cleaned_data
            message = _(
                "%(name)s holds this seat from %(start)s to %(end)s: the terms overlap. Tick "
                "“substitute” if this person stands in for them."
            ) % {
                "name": other["name"],
                "start": _date(other.get("term_from")),
                "end": _date(other.get("term_to")),
            }
            forms[second].add_error("term_from", message)
        return valid and not flagged
