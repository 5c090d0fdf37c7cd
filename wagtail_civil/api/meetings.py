"""``/api/v2/meetings/``: published, public meetings with what a calendar or a region needs.

The UID is the one the meeting's ``.ics`` events carry (``<uuid>@<uid domain>``), so a follower
that merges several sites' meetings (the regional calendar) keeps each meeting's identity, and
the times are ISO 8601 with the municipality's offset.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from wagtail.api import APIField

from .. import conf
from ..choices import ATTENDANCE_MODE_CHOICES, EVENT_STATUS_CHOICES, MEETING_KIND_CHOICES
from ..models import MeetingPage, Organisation
from ..models.mixins import lines
from .base import CivilPagesEndpoint
from .fields import Computed, LocalDateTimeField, feed_url, local_iso, organisation_ref, page_ref
from .filters import choice_filter, moment_filter, parse_id, parse_slug, public_page_filter

__all__ = ["MeetingsEndpoint"]


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
        "directions": meeting.directions,
    }


def _organisations(meeting: MeetingPage, context: dict[str, Any]) -> list[dict[str, Any]]:
    """The published host organisations, in the editor's order."""
    return [organisation_ref(host) for host in meeting.public_hosts]


# --- filters -------------------------------------------------------------------------------------


def _organisation(meetings: QuerySet, value: str, view: Any) -> QuerySet:
    """Meetings a published organisation hosts or took part in."""
    pk = parse_id("organisation", value)
    if not Organisation.objects.public().filter(pk=pk).exists():
        return meetings.none()
    return meetings.for_organisation(pk)


def _category(meetings: QuerySet, value: str, view: Any) -> QuerySet:
    return meetings.for_category(parse_slug("category", value))


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
        "start_after": moment_filter("start_after", "start__gte"),
        "start_before": moment_filter("start_before", "start__lt"),
        "organisation": _organisation,
        "agreement": public_page_filter("agreement"),
        "council": public_page_filter("council"),
        "category": _category,
        "status": choice_filter("status", EVENT_STATUS_CHOICES),
        "mode": choice_filter("mode", ATTENDANCE_MODE_CHOICES),
        "kind": choice_filter("kind", MEETING_KIND_CHOICES),
    }
    order_fields: ClassVar[tuple[str, ...]] = ("start", "end", "title", "id", "last_published_at")

    def get_queryset(self) -> Any:
        # for_feed() is the one gate of every public list of meetings (live, public, no alias).
        return self.site_pages().for_feed().select_related("council")

    def prepare(self, items: list[Any], context: dict[str, Any]) -> None:
        pages = {m.agreement_id for m in items} | {m.council_id for m in items}
        self.remember_visible_pages(context, pages)
