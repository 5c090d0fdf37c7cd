"""Who came to a meeting: the printed list to tick at the door, the form to mark it in the admin,
and the meeting's attendance figures filled from it.

How the figures reach the page (:func:`record_attendance`): the page is never saved behind the
editors' back. The figures are written into a new revision made from the page's latest revision,
so a draft in progress keeps every change in it. That revision is published only when the page
was live with no unpublished changes and the editor may publish it: publishing then changes
nothing but the figures. When the page has a draft, the figures stay in the new draft and the
editor is told to publish it, since publishing would also make public what a colleague has not
finished; an editor who may not publish is told to ask one who may.
"""

from __future__ import annotations

import enum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.generic import FormView, View
from wagtail.admin import messages

from ..models import MeetingAttendance, MeetingPage, Registration
from .admin_forms import AttendanceForm
from .admin_rows import organisation_text, status_counts
from .admin_views import MeetingViewMixin, url

__all__ = [
    "AttendancePrintView", "AttendanceView", "FiguresSaved", "record_attendance", "typed_by_hand",
]  # fmt: skip


class FiguresSaved(enum.Enum):
    PUBLISHED = "published"  # the page had no draft: the figures are on the live page
    DRAFT = "draft"  # the page has unpublished changes (or is not live): saved into its draft
    NOT_PUBLISHER = "not_publisher"  # saved as a draft: the editor may not publish the page
    INVALID = "invalid"  # the page's latest revision does not validate: nothing saved to it


def seated(meeting: MeetingPage) -> list[Registration]:
    """Who has a seat, by name: the list at the door."""
    return list(
        Registration.objects.filter(meeting=meeting)
        .seated()
        .select_related("organisation")
        .order_by("name", "pk")
    )


def _came_figures(registrations: Any) -> tuple[int, list[int], set[str]]:
    """Who is marked as come: how many, their organisations from the register (by name), and
    the organisation names typed by those without one (compared without case)."""
    came = registrations.filter(attended=True)
    organisations = list(
        came.filter(organisation__isnull=False)
        .order_by("organisation__name")
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    typed = {
        name.strip().casefold()
        for name in came.filter(organisation__isnull=True).values_list(
            "organisation_name", flat=True
        )
        if name.strip()
    }
    return came.count(), organisations, typed


def record_attendance(meeting: MeetingPage, attended: dict[int, bool], user: Any) -> FiguresSaved:
    """Mark who came, then fill the page's figures from every registration marked as come.

    Filled, because marking who came is the editor asking for it; but only what the marking
    wrote before: ``attendance_people`` and ``attendance_organisations`` change only while they
    are blank or still hold what the previous marking gave (a figure typed by hand, e.g. 79
    people with those who came without registering, stays). ``attending_organisations`` gets
    the organisations of registrants who came; a row goes only when the previous marking added
    it and nobody from it is marked as come now, so a row ticked by hand stays.
    ``attendance_organisations`` counts the rows and the organisations typed by registrants who
    came. See the module's docstring for how the page is saved.
    """
    registrations = Registration.objects.filter(meeting=meeting)
    with transaction.atomic():
        before_people, before_orgs, before_typed = _came_figures(registrations)
        for came in (True, False):
            chosen = [pk for pk, value in attended.items() if value is came]
            registrations.filter(pk__in=chosen).update(attended=came)
    people, came_orgs, typed = _came_figures(registrations)

    had_draft = meeting.has_unpublished_changes or not meeting.live
    page = meeting.get_latest_revision_as_object()
    old_rows = list(page.attending_organisations.all())
    previous_count = len({r.organisation_id for r in old_rows}) + len(before_typed)
    gone = set(before_orgs) - set(came_orgs)
    rows = [row for row in old_rows if row.organisation_id not in gone]
    listed = {r.organisation_id for r in rows}
    rows += [MeetingAttendance(organisation_id=pk) for pk in came_orgs if pk not in listed]
    page.attending_organisations = rows
    if page.attendance_people in (None, before_people):
        page.attendance_people = people
    if page.attendance_organisations in (None, previous_count):
        page.attendance_organisations = len({r.organisation_id for r in rows}) + len(typed)
    may_publish = meeting.permissions_for_user(user).can_publish()
    try:
        with transaction.atomic():
            revision = page.save_revision(user=user, log_action=True)
            if had_draft:
                return FiguresSaved.DRAFT
            if not may_publish:
                return FiguresSaved.NOT_PUBLISHER
            revision.publish(user=user)
    except ValidationError:
        return FiguresSaved.INVALID
    return FiguresSaved.PUBLISHED


def typed_by_hand(meeting: MeetingPage, people: int) -> int | None:
    """The number of people the page's latest version says came, when it is not the number
    marked (typed by hand, and kept): the editor is told, so nobody wonders which is right."""
    latest = meeting.get_latest_revision_as_object()
    figure = latest.attendance_people
    return figure if figure is not None and figure != people else None


class AttendanceView(MeetingViewMixin, FormView):
    """One form for the whole list: tick who came, save once."""

    template_name = "wagtail_civil/admin/registrations/attendance.html"
    page_title = gettext_lazy("Mark attendance")

    def get_form(self, form_class: Any = None) -> AttendanceForm:
        return AttendanceForm(registrations=seated(self.meeting), **self.get_form_kwargs())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            action_url=url("attendance", self.meeting.pk),
            print_url=url("attendance_print", self.meeting.pk),
            submit_button_label=_("Save attendance"),
            submit_button_active_label=pgettext("attendance being saved", "Saving…"),
            **kwargs,
        )

    def form_valid(self, form: AttendanceForm) -> Any:
        saved = record_attendance(self.meeting, form.attended(), self.request.user)
        people = sum(form.attended().values())
        figures = {"people": people}
        kept = typed_by_hand(self.meeting, people) if saved is not FiguresSaved.INVALID else None
        if kept is not None:
            messages.info(
                self.request,
                _(
                    "The meeting page keeps the %(typed)s people typed by hand rather than the "
                    "%(people)s marked here: change it on the page if it is wrong."
                )
                % {"typed": kept, "people": people},
            )
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.meeting.pk])
        edit = [messages.button(edit_url, _("Edit the meeting"))]
        if saved is FiguresSaved.PUBLISHED:
            messages.success(
                self.request,
                _("Attendance saved: %(people)s came. The meeting page shows the figures.")
                % figures,
                buttons=edit,
            )
        elif saved is FiguresSaved.DRAFT:
            messages.warning(
                self.request,
                _(
                    "Attendance saved: %(people)s came. The meeting page has unpublished "
                    "changes, so the figures were saved into its draft: publish the page to "
                    "show them."
                )
                % figures,
                buttons=edit,
            )
        elif saved is FiguresSaved.NOT_PUBLISHER:
            messages.warning(
                self.request,
                _(
                    "Attendance saved: %(people)s came. The figures were saved into a draft of "
                    "the meeting page: ask an editor who may publish it to publish it."
                )
                % figures,
                buttons=edit,
            )
        else:
            messages.error(
                self.request,
                _(
                    "Attendance saved: %(people)s came. The figures could not be saved on the "
                    "meeting page because its latest version has errors: correct them and "
                    "save this form again."
                )
                % figures,
                buttons=edit,
            )
        return redirect(url("index", self.meeting.pk))


class AttendancePrintView(MeetingViewMixin, View):
    """A page made for paper: the names with a box to tick, and the counts."""

    def get(self, request: Any, meeting_id: int) -> TemplateResponse:
        rows = [(r, organisation_text(r)) for r in seated(self.meeting)]
        return TemplateResponse(
            request,
            "wagtail_civil/admin/registrations/attendance_print.html",
            {"meeting": self.meeting, "rows": rows, "counts": status_counts(self.meeting)},
        )
