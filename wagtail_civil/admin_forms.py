"""Admin forms: meeting times are typed and shown in the municipality's time zone.

A meeting in Luleå starts at 18:00 Luleå time whatever time zone the editor's laptop or Wagtail
profile is set to; the invitation, the feed and the reminder all say 18:00. So the date-time fields
of a meeting read and show wall-clock time in ``conf.time_zone()``, and say which zone that is.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from . import conf
from .attendance_checklist import AttendanceChecklistField, AttendanceChecklistMixin

__all__ = ["LocalDateTimeField", "MeetingPageForm"]


class LocalDateTimeField(forms.DateTimeField):
    """A ``DateTimeField`` that uses the municipality's time zone instead of the active one.

    Django's own conversion is reused inside ``timezone.override`` so a time that does not exist
    (02:30 on the night clocks go forward) is still reported as a form error.
    """

    def _zone(self) -> ZoneInfo:
        return ZoneInfo(conf.time_zone())

    def prepare_value(self, value: Any) -> Any:
        with timezone.override(self._zone()):
            return super().prepare_value(value)

    def to_python(self, value: Any) -> Any:
        with timezone.override(self._zone()):
            return super().to_python(value)


class MeetingPageForm(AttendanceChecklistMixin, WagtailAdminPageForm):
    """The meeting page's edit form: date-time fields in the municipality's zone, and who took
    part ticked in a list of the register (:mod:`.attendance_checklist`)."""

    attending_register = AttendanceChecklistField()
    local_datetime_fields = ("start", "end", "registration_deadline", "registration_opens")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if not args and "data" not in kwargs and instance is not None and instance.pk is None:
            # A new meeting planned from the dashboard: agreement and kind filled in.
            from .follow_up.prefill import initial_for

            for name, value in initial_for(kwargs.get("for_user")).items():
                setattr(instance, name, value)
        super().__init__(*args, **kwargs)
        zone_note = _("Local time in %(zone)s.") % {"zone": conf.time_zone()}
        for name in self.local_datetime_fields:
            old = self.fields.get(name)
            if old is None:
                continue
            help_text = f"{old.help_text} {zone_note}" if old.help_text else zone_note
            self.fields[name] = LocalDateTimeField(
                required=old.required,
                label=old.label,
                help_text=help_text,
                widget=old.widget,
                localize=old.localize,
                disabled=old.disabled,
            )
