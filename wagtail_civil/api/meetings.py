"""``/api/v2/meetings/``: published, public meetings with what a calendar or a region needs.

The UID is the one the meeting's ``.ics`` events carry (``<uuid>@<uid domain>``), so a follower
that merges several sites' meetings (the regional calendar) keeps each meeting's identity, and
the times are ISO 8601 with the municipality's offset.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from wagtail.api import APIField
from wagtail.models import Page

from .. import conf
from ..choices import ATTENDANCE_MODE_CHOICES, EVENT_STATUS_CHOICES, MEETING_KIND_CHOICES
from ..models import MeetingPage, Organisation
from ..models.mixins import lines
from .base import CivilPagesEndpoint
from .fields import Computed, LocalDateTimeField, feed_url, local_iso, organisation_ref, page_ref
from .filters import parse_choice, parse_id, parse_moment, parse_slug

__all__ = ["MeetingsEndpoint"]


def _values(choices: Any) -> list[str]:
    return [str(value) for value, _label in choices]


# --- computed fields -----------------------------------------------------------------------------


def _uid(meeting: MeetingPage, context: dict[str, Any]) -> str:
    return f"{meeting.uid}@{conf.uid_domain()}"


def _venue(meeting: MeetingPage, context: dict[str, Any]) -> dict[str, Any] | None:
    venue = meeting.venue
    if venue is None:
        return None
    return {
        "name": venue.name,
        "street_address": venue.street_address,
        "postal_code": venue.postal_code,
        "locality": venue.locality,
        "latitude": venue.latitude,
        "longitude": venue.longitude,
    }


def _organisations(meeting: MeetingPage, context: dict[str, Any]) -> list[dict[str, Any]]:
    """The published host organisations, in the editor's order."""
    return [organisation_ref(host) for host in meeting.public_hosts]


# --- filters -------------------------------------------------------------------------------------


def _start_after(meetings: QuerySet, value: str, view: Any) -> QuerySet:
    return meetings.filter(start__gte=parse_moment("start_after", value))


def _start_before(meetings: QuerySet, value: str, view: Any) -> QuerySet:
    return meetings.filter(start__lt=parse_moment("start_before", value))


def _organisation(meetings: QuerySet, value: str, view: Any) -> QuerySet:
    """Meetings a published organisation hosts or took part in."""
    pk = parse_id("organisation", value)
    if not Organisation.objects.public().filter(pk=pk).exists():
        return meetings.none()
    return meetings.for_organisation(pk)


def _public_page(meetings: QuerySet, name: str, value: str, view: Any) -> QuerySet:
    pk = parse_id(name, value)
    if not Page.objects.live().public().filter(pk=pk).exists():
        return meetings.none()  # a draft or private page is no answer, not even an empty one
    return meetings.filter(**{f"{name}_id": pk})


def _agreement(meetings: QuerySet, value: str, view: Any) -> QuerySet:
    return _public_page(meetings, "agreement", value, view)


def _council(meetings: QuerySet, value: str, view: Any) -> QuerySet:
    return _public_page(meetings, "council", value, view)


def _category(meetings: QuerySet, value: str, view: Any) -> QuerySet:
    return meetings.for_category(parse_slug("category", value))


def _choice(name: str, choices: Any) -> Any:
    def apply(meetings: QuerySet, value: str, view: Any) -> QuerySet:
        return meetings.filter(**{name: parse_choice(name, value, _values(choices))})

    return apply


class MeetingsEndpoint(CivilPagesEndpoint):
    """The meetings of the request's site, soonest first."""

    name = "meetings"
    model = MeetingPage
    fields: ClassVar[list[Any]] = [
        "title",
        APIField("uid", serializer=Computed(_uid)),
        "sequence",
        "status",
        APIField("start", serializer=LocalDateTimeField()),
        APIField("end", serializer=LocalDateTimeField()),
        APIField("timezone", serializer=Computed(lambda m, c: conf.time_zone())),
        "kind",
        "theme",
        "mode",
        APIField("venue", serializer=Computed(_venue)),
        "online_url",
        APIField("feed_url", serializer=Computed(lambda m, c: feed_url("meeting", m, c))),
        APIField("agreement", serializer=Computed(lambda m, c: page_ref(m.agreement, c))),
        APIField("council", serializer=Computed(lambda m, c: page_ref(m.council, c))),
        APIField("organisations", serializer=Computed(_organisations)),
        APIField("municipal_hosts", serializer=Computed(lambda m, c: lines(m.municipal_hosts))),
        APIField(
            "categories",
            serializer=Computed(lambda m, c: [category.name for category in m.all_categories]),
        ),
        "registration_kind",
        "registration_url",
        APIField("registration_deadline", serializer=LocalDateTimeField()),
        APIField(
            "last_published_at",
            serializer=Computed(lambda m, c: local_iso(m.last_published_at)),
        ),
    ]
    filters: ClassVar[dict[str, Any]] = {
        "start_after": _start_after,
        "start_before": _start_before,
        "organisation": _organisation,
        "agreement": _agreement,
        "council": _council,
        "category": _category,
        "status": _choice("status", EVENT_STATUS_CHOICES),
        "mode": _choice("mode", ATTENDANCE_MODE_CHOICES),
        "kind": _choice("kind", MEETING_KIND_CHOICES),
    }
    order_fields: ClassVar[tuple[str, ...]] = ("start", "end", "title", "id", "last_published_at")

    def get_queryset(self) -> Any:
        return self.public_pages().for_feed()

    def prepare(self, items: list[Any], context: dict[str, Any]) -> None:
        pages = {m.agreement_id for m in items} | {m.council_id for m in items}
        self.remember_visible_pages(context, pages)
