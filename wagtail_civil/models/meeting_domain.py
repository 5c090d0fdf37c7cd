"""A meeting page as the core's :class:`civilsamhalle.model.Meeting`.

Kept apart from the page model because it is the one place that decides what of a meeting leaves
the site through feeds and exports: unpublished organisations are left out of hosts, speakers'
affiliations and attendance, as they are everywhere residents look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

from civilsamhalle import model as domain

from .. import conf
from ..sites import absolute_url
from .mixins import richtext_to_text

if TYPE_CHECKING:
    from .meetings import MeetingPage

__all__ = ["meeting_to_domain"]


def meeting_to_domain(page: MeetingPage, request: HttpRequest | None = None) -> domain.Meeting:
    """``page`` for the calendar and the rules; ``url`` is absolute (with ``request``'s host)."""
    contact = domain.Contact(
        name=page.contact_name, email=page.contact_email, phone=page.contact_phone
    )
    attending = [
        a.organisation.slug for a in page.attending_organisations.all() if a.organisation.live
    ]
    counts = (
        page.attendance_organisations,
        page.attendance_people,
        page.attendance_municipal_staff,
    )
    attendance = None
    if attending or any(n is not None for n in counts):
        attendance = domain.Attendance(
            organisation_ids=tuple(attending),
            organisations=counts[0],
            people=counts[1],
            municipal_staff=counts[2],
        )
    return domain.Meeting(
        uid=page.uid,
        title=page.title,
        kind=domain.MeetingKind(page.kind),
        theme=page.theme,
        description=richtext_to_text(page.description),
        start=page.start,
        end=page.end,
        timezone=conf.time_zone(),
        mode=domain.AttendanceMode(page.mode),
        venue=page.venue,
        online_url=page.online_url or None,
        programme=tuple(item.to_domain() for item in page.programme.all()),
        speakers=tuple(s.to_domain() for s in page.speakers.all()),
        host_ids=tuple(h.slug for h in page.public_hosts),
        hosts=tuple(page.host_names),
        agreement_id=page.agreement.slug if page.agreement_id else None,
        agreement_title=page.agreement.title if page.agreement_id else "",
        categories=tuple(c.name for c in page.all_categories),
        registration=domain.Registration(
            kind=domain.RegistrationKind(page.registration_kind),
            url=page.registration_url or None,
            deadline=page.registration_deadline,
        ),
        contact=contact if (contact.name or contact.email or contact.phone) else None,
        status=domain.EventStatus(page.status),
        sequence=page.sequence,
        url=absolute_url(page, request) if page.pk else None,
        created=page.first_published_at,
        last_modified=page.last_published_at,
        attendance=attendance,
        outcome=richtext_to_text(page.outcome),
    )
