"""One registration as the admin shows and exports it: the values, their headings, the counts.

The listing, the CSV and XLSX exports and the printed attendance list read the same values from
here, so a column means the same wherever an editor meets it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from civilsamhalle.enums import RegistrationStatus

from ..dates import local
from ..models import MeetingPage, Registration

__all__ = ["EXPORT_FIELDS", "StatusCounts", "field_label", "organisation_text", "status_counts"]


def field_label(name: str) -> str:
    return capfirst(Registration._meta.get_field(name).verbose_name)


def organisation_text(registration: Registration) -> str:
    """The organisation from the register, else as typed (needs ``select_related``)."""
    if registration.organisation_id:
        return registration.organisation.name
    return registration.organisation_name


def _attended_text(registration: Registration) -> str:
    if registration.attended is None:
        return ""
    return str(_("yes") if registration.attended else _("no"))


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """The municipality's wall-clock time, without a zone: what a spreadsheet cell can hold."""
    return local(value).replace(tzinfo=None) if value is not None else None


# name → (heading, value): what an export holds, in this order.
EXPORT_FIELDS: dict[str, tuple[Any, Callable[[Registration], Any]]] = {
    "name": (field_label("name"), lambda r: r.name),
    "organisation": (field_label("organisation"), organisation_text),
    "email": (field_label("email"), lambda r: r.email),
    "phone": (field_label("phone"), lambda r: r.phone),
    "access_needs": (field_label("access_needs"), lambda r: r.access_needs),
    "dietary_needs": (field_label("dietary_needs"), lambda r: r.dietary_needs),
    "status": (field_label("status"), lambda r: r.get_status_display()),
    "source": (
        pgettext_lazy("how a registration was made", "Made"),
        lambda r: r.get_source_display(),
    ),
    "created_at": (field_label("created_at"), lambda r: _local(r.created_at)),
    "attended": (field_label("attended"), _attended_text),
}


class StatusCounts(dict[str, int]):
    """``{status: n}`` with the figures the pages show by name."""

    @property
    def confirmed(self) -> int:
        return self[RegistrationStatus.CONFIRMED.value]

    @property
    def waitlisted(self) -> int:
        return self[RegistrationStatus.WAITLISTED.value]

    @property
    def cancelled(self) -> int:
        return self[RegistrationStatus.CANCELLED.value]


def status_counts(meeting: MeetingPage) -> StatusCounts:
    """The meeting's registrations per status, in one query."""
    return StatusCounts(Registration.objects.filter(meeting=meeting).counts())
