"""Meetings: pages under their meeting list, matched by UID so calendars keep knowing them."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.utils.text import slugify
from wagtail.models import Page

from civilsamhalle import model as domain

from ..models import (
    AgreementPage,
    MeetingAttendance,
    MeetingHost,
    MeetingIndexPage,
    MeetingPage,
    MeetingProgrammeItem,
    MeetingSpeaker,
)
from .compare import assign, latest, set_children, set_m2m, set_text
from .context import Context, known
from .register import category, organisation

__all__ = ["import_meetings"]


def import_meetings(ctx: Context, meetings: tuple[domain.Meeting, ...]) -> None:
    """Each meeting in file order; a follow-up later in the file is imported first."""
    by_uid = {m.uid: (i, m) for i, m in enumerate(meetings)}

    def run(i: int, spec: domain.Meeting) -> None:
        if spec.uid in ctx.meetings:
            return
        ctx.meetings[spec.uid] = None  # a loop of follow-ups stops here
        follow_up = by_uid.get(spec.follow_up_uid) if spec.follow_up_uid else None
        if follow_up is not None:
            run(*follow_up)
        with ctx.record(("meetings", i)):
            ctx.meetings[spec.uid] = _meeting(ctx, spec)

    for i, spec in enumerate(meetings):
        run(i, spec)


def _meeting_list(ctx: Context, page_id: str | None) -> MeetingIndexPage:
    """The list a meeting goes on: the one it names, else the only one under the parent."""
    if page_id is not None:
        if not known(ctx.pages, page_id):
            ctx.pages[page_id] = _child(ctx, page_id, MeetingIndexPage, "meeting list")
        return ctx.pages[page_id]
    lists = ctx.parent.get_children().type(MeetingIndexPage).specific()
    if lists.count() != 1:
        raise LookupError(
            f"page_id is needed: {lists.count()} meeting lists under {ctx.parent.url_path}"
        )
    return lists.get()


def _agreement(ctx: Context, agreement_id: str) -> AgreementPage:
    if not known(ctx.agreements, agreement_id):
        ctx.agreements[agreement_id] = _child(ctx, agreement_id, AgreementPage, "agreement")
    return ctx.agreements[agreement_id]


def _child(ctx: Context, slug: str, model: type[Page], kind: str) -> Any:
    found = ctx.parent.get_children().filter(slug=slug).type(model).specific().first()
    if found is None:
        raise LookupError(f"no {kind} '{slug}' in the file or under {ctx.parent.url_path}")
    return found


def _follow_up(ctx: Context, uid: uuid.UUID | None) -> MeetingPage | None:
    if uid is None:
        return None
    found = ctx.meetings[uid] if known(ctx.meetings, uid) else None
    found = found or MeetingPage.objects.filter(uid=uid, locale_id=ctx.parent.locale_id).first()
    if found is None:
        raise LookupError(f"no meeting with the uid {uid} in the file or on the site")
    return found


def _values(ctx: Context, spec: domain.Meeting) -> dict[str, Any]:
    venue = spec.venue or domain.Venue(name="-")
    host_names = {organisation(ctx, i).name for i in spec.host_ids}
    attendance = spec.attendance or domain.Attendance()
    contact = spec.contact or domain.Contact()
    return {
        "title": spec.title,
        "kind": spec.kind.value,
        "theme": spec.theme,
        "status": spec.status.value,
        "start": spec.start,
        "end": spec.end,
        "mode": spec.mode.value,
        "venue_name": venue.name if spec.venue else "",
        "street_address": venue.street_address,
        "postal_code": venue.postal_code,
        "locality": venue.locality,
        "latitude": venue.latitude,
        "longitude": venue.longitude,
        "online_url": str(spec.online_url) if spec.online_url else "",
        "municipal_hosts": "\n".join(h for h in spec.hosts if h not in host_names),
        "agreement": _agreement(ctx, spec.agreement_id) if spec.agreement_id else None,
        "registration_kind": spec.registration.kind.value,
        "registration_url": str(spec.registration.url) if spec.registration.url else "",
        "registration_deadline": spec.registration.deadline,
        "registration_opens": spec.registration.opens,
        "registration_capacity": spec.registration.capacity,
        "registration_waitlist": spec.registration.waitlist,
        "contact_name": contact.name,
        "contact_email": contact.email,
        "contact_phone": contact.phone,
        "attendance_organisations": attendance.organisations,
        "attendance_people": attendance.people,
        "attendance_municipal_staff": attendance.municipal_staff,
        "follow_up": _follow_up(ctx, spec.follow_up_uid),
    }


def _relations(ctx: Context, page: MeetingPage, spec: domain.Meeting) -> bool:
    attending = spec.attendance.organisation_ids if spec.attendance else ()
    changed = set_text(page, "description", spec.description)
    changed |= set_text(page, "outcome", spec.outcome)
    changed |= set_children(
        page,
        "host_links",
        MeetingHost,
        [{"organisation_id": organisation(ctx, i).pk} for i in spec.host_ids],
    )
    changed |= set_m2m(page.categories, [category(ctx, name) for name in spec.categories])
    changed |= set_children(
        page,
        "programme",
        MeetingProgrammeItem,
        [
            {"start_time": p.start_time, "title": p.title, "description": p.description}
            for p in spec.programme
        ],
    )
    changed |= set_children(
        page,
        "speakers",
        MeetingSpeaker,
        [
            {
                "name": s.name,
                "title": s.title,
                "organisation_id": organisation(ctx, s.organisation_id).pk
                if s.organisation_id
                else None,
                "affiliation": s.affiliation,
            }
            for s in spec.speakers
        ],
    )
    return set_children(page, "attending_organisations", MeetingAttendance, [
        {"organisation_id": organisation(ctx, i).pk} for i in attending
    ]) or changed  # fmt: skip


def _slug(spec: domain.Meeting) -> str:
    unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    return spec.slug or slugify(spec.title, allow_unicode=unicode)


def _meeting(ctx: Context, spec: domain.Meeting) -> MeetingPage:
    # A translation shares the UID: the meeting of the locale imported into.
    existing = MeetingPage.objects.filter(uid=spec.uid, locale_id=ctx.parent.locale_id).first()
    created = existing is None
    # A new meeting starts at the file's SEQUENCE: calendars that subscribed to the site it
    # comes from hold that number, and ignore a meeting whose number is lower.
    page = (
        MeetingPage(uid=spec.uid, slug=_slug(spec), live=False, sequence=spec.sequence)
        if existing is None
        else latest(existing)
    )
    changed = assign(page, _values(ctx, spec))
    if spec.slug and page.slug != spec.slug:
        page.slug, changed = spec.slug, True
    changed |= _relations(ctx, page, spec)
    if created:
        _meeting_list(ctx, spec.page_id).add_child(instance=page)
    if created or changed:
        ctx.save(page)
    ctx.report.count("meeting", created=created, changed=changed and not created)
    return MeetingPage.objects.get(pk=page.pk)
