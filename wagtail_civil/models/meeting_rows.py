"""A meeting as one flat row: what a feed shows, fetched for any number of meetings in ONE query.

Page instances with five ``prefetch_related`` lookups cost more than the whole feed's
serialisation (Django sets up related caches per page, even empty ones), so feeds read
``.values()`` rows instead, each relation aggregated to a JSON array by a correlated subquery
(:class:`JSONArray`). The row is also what a cached event is keyed by (:mod:`..feeds.render`):
an organisation's or category's rename changes the row, so no cache needs invalidating.

:func:`meeting_from_row` is the one conversion to the core's ``Meeting``:
``MeetingPage.to_domain()`` makes the same row from an instance (a preview, a revision).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from django.db.models import Aggregate, F, OuterRef, Subquery, TextField
from django.db.models.functions import JSONObject
from django.db.models.sql.constants import MULTI

from civilsamhalle import model as domain

from .. import conf
from .mixins import lines, richtext_to_text

__all__ = ["FEED_FIELDS", "FeedRows", "JSONArray", "feed_rows", "meeting_from_row", "relation"]

# The page's own columns a feed reads, by their ``values()`` names.
FEED_FIELDS = (
    "id", "uid", "title", "url_path", "kind", "theme", "description", "status", "start", "end",
    "mode", "venue_name", "street_address", "postal_code", "locality", "latitude", "longitude",
    "online_url", "municipal_hosts", "registration_kind", "registration_url",
    "registration_deadline", "contact_name", "contact_email", "contact_phone", "sequence",
    "first_published_at", "last_published_at", "attendance_organisations", "attendance_people",
    "attendance_municipal_staff", "outcome", "agreement__slug", "agreement__title",
)  # fmt: skip
# The relations, each a JSON array under "j_" + its name (the names of the fields are taken).
RELATIONS = ("hosts", "host_categories", "categories", "programme", "speakers", "attending")


class JSONArray(Aggregate):
    """The rows of a group as one JSON array, as text: each database's own aggregate."""

    function = "JSON_GROUP_ARRAY"
    output_field = TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = super().as_sql(compiler, connection, function="JSON_AGG", **extra)
        return f"({sql})::text", params

    def as_mysql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="JSON_ARRAYAGG", **extra)


def _array(queryset: Any, item: Any) -> Subquery:
    """A correlated subquery: ``item`` (a ``JSONObject`` or one column) of each of the meeting's
    rows of ``queryset``, as a JSON array; NULL when there are none."""
    grouped = queryset.order_by().values("page_id").annotate(array=JSONArray(item))
    return Subquery(grouped.values("array")[:1], output_field=TextField())


@dataclass(frozen=True)
class FeedRows:
    """Fetched rows as the database gave them, hashed as they are (:mod:`..feeds.render`), and
    :meth:`row`, which makes one a dict of Python values: done only for the meetings whose
    event is not cached, since converting every date of a thousand rows costs more than the
    cached feed."""

    names: tuple[str, ...]
    raw: list[Sequence[Any]]
    converters: Callable[[Sequence[Any]], Sequence[Any]] | None = None

    def row(self, raw: Sequence[Any]) -> dict[str, Any]:
        values = self.converters(raw) if self.converters else raw
        return dict(zip(self.names, values, strict=True))

    @classmethod
    def of(cls, rows: list[dict[str, Any]]) -> FeedRows:
        """Rows made in Python (``MeetingPage.feed_row()``), in the same shape."""
        names = (*FEED_FIELDS, *("j_" + name for name in RELATIONS))
        return cls(names, [tuple(row[name] for name in names) for row in rows])


def feed_rows(pages: Any) -> FeedRows:
    """``pages`` (a ``MeetingPage`` queryset) as rows of :data:`FEED_FIELDS` plus one JSON text
    per relation (:data:`RELATIONS`): one query, whatever the number of meetings.

    Run as ``QuerySet.values()`` runs it (the same SQL compiler, the same converters), but the
    converters are applied later, row by row, by :meth:`FeedRows.row`."""
    from .meeting_parts import MeetingAttendance, MeetingHost, MeetingProgrammeItem, MeetingSpeaker

    model = pages.model
    page = OuterRef("pk")
    own_categories = model.categories.through.objects.filter(meetingpage_id=page).annotate(
        page_id=F("meetingpage_id")
    )
    annotations = {
        "j_hosts": _array(
            MeetingHost.objects.filter(page_id=page),
            JSONObject(
                k=F("sort_order"), i=F("pk"), o=F("organisation_id"), n=F("organisation__name"),
                s=F("organisation__slug"), l=F("organisation__live"),
            ),
        ),
        # The categories of the published hosts (NULL for a host without any).
        "j_host_categories": _array(
            MeetingHost.objects.filter(page_id=page, organisation__live=True),
            F("organisation__categories__name"),
        ),
        "j_categories": _array(own_categories, F("organisationcategory__name")),
        "j_programme": _array(
            MeetingProgrammeItem.objects.filter(page_id=page),
            JSONObject(
                k=F("sort_order"), i=F("pk"), t=F("title"), at=F("start_time"),
                d=F("description"),
            ),
        ),
        "j_speakers": _array(
            MeetingSpeaker.objects.filter(page_id=page),
            JSONObject(
                k=F("sort_order"), i=F("pk"), n=F("name"), t=F("title"), a=F("affiliation"),
                l=F("organisation__live"), o=F("organisation__name"),
            ),
        ),
        "j_attending": _array(
            MeetingAttendance.objects.filter(page_id=page),
            JSONObject(
                k=F("sort_order"), i=F("pk"), s=F("organisation__slug"), l=F("organisation__live")
            ),
        ),
    }  # fmt: skip
    values = pages.prefetch_related(None).select_related(None).values(*FEED_FIELDS, **annotations)
    query = values.query
    names = (*query.extra_select, *query.values_select, *query.annotation_select)
    compiler = query.get_compiler(values.db)
    raw = list(chain.from_iterable(compiler.execute_sql(MULTI)))
    if not raw:
        return FeedRows(names, [])
    converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])

    def convert(row: Sequence[Any]) -> Sequence[Any]:
        return next(iter(compiler.apply_converters([row], converters)))

    return FeedRows(names, raw, convert if converters else None)


def relation(row: dict[str, Any], name: str) -> list[Any]:
    """A relation of a fetched row as a list in the editor's order (the aggregate has none)."""
    found = row["j_" + name]
    items = json.loads(found) if isinstance(found, str) else list(found or ())
    if items and isinstance(items[0], dict):
        items.sort(key=lambda item: (item["k"] is not None, item["k"] or 0, item["i"]))
    return items


def _time(value: Any) -> dt.time | None:
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(value)


def meeting_from_row(row: dict[str, Any], url: str | None) -> domain.Meeting:
    """The core's meeting from a row of :func:`feed_rows` (or of ``MeetingPage.feed_row()``).

    Published organisations only: an unpublished host, speaker's organisation or participant
    is left out. Raises ``ValueError`` (pydantic's) for data the domain rejects.
    """
    # Validated in one call of pydantic's (nested data as dicts), not object by object.
    hosts = {host["o"]: host for host in relation(row, "hosts")}  # each organisation once
    public = [(host["n"], host["s"]) for host in hosts.values() if host["l"]]
    categories = {c for c in relation(row, "categories") + relation(row, "host_categories") if c}
    attending = [a["s"] for a in relation(row, "attending") if a["l"]]
    counts = (
        row["attendance_organisations"],
        row["attendance_people"],
        row["attendance_municipal_staff"],
    )
    attendance = None
    if attending or any(n is not None for n in counts):
        attendance = {
            "organisation_ids": tuple(attending),
            "organisations": counts[0],
            "people": counts[1],
            "municipal_staff": counts[2],
        }
    contact = None
    if row["contact_name"] or row["contact_email"] or row["contact_phone"]:
        contact = {
            "name": row["contact_name"],
            "email": row["contact_email"],
            "phone": row["contact_phone"],
        }
    venue = None
    if row["venue_name"].strip():
        venue = {
            "name": row["venue_name"],
            "street_address": row["street_address"],
            "postal_code": row["postal_code"],
            "locality": row["locality"],
            "latitude": row["latitude"],
            "longitude": row["longitude"],
        }
    speakers = [
        {
            "name": s["n"],
            "title": s["t"],
            "affiliation": s["a"].strip() or (s["o"] if s["l"] else "") or "",
        }
        for s in relation(row, "speakers")
    ]
    agreement = row["agreement__slug"]
    kind = domain.RegistrationKind(row["registration_kind"])
    # Registration on the page itself: the calendar's text says where, as it does for a link.
    registration_url = url if kind is domain.RegistrationKind.BUILT_IN else None
    registration_url = registration_url or row["registration_url"] or None
    return domain.Meeting.model_validate(
        {
            "uid": row["uid"],
            "title": row["title"],
            "kind": domain.MeetingKind(row["kind"]),
            "theme": row["theme"],
            "description": richtext_to_text(row["description"]),
            "start": row["start"],
            "end": row["end"],
            "timezone": conf.time_zone(),
            "mode": domain.AttendanceMode(row["mode"]),
            "venue": venue,
            "online_url": row["online_url"] or None,
            "programme": tuple(
                {"title": p["t"], "start_time": _time(p["at"]), "description": p["d"]}
                for p in relation(row, "programme")
            ),
            "speakers": tuple(speakers),
            "host_ids": tuple(slug for _name, slug in public),
            "hosts": tuple([name for name, _slug in public] + lines(row["municipal_hosts"])),
            "agreement_id": agreement,
            "agreement_title": row["agreement__title"] if agreement is not None else "",
            "categories": tuple(sorted(categories)),
            "registration": {
                "kind": kind,
                "url": registration_url,
                "deadline": row["registration_deadline"],
            },
            "contact": contact,
            "status": domain.EventStatus(row["status"]),
            "sequence": row["sequence"],
            "url": url,
            "created": row["first_published_at"],
            "last_modified": row["last_published_at"],
            "attendance": attendance,
            "outcome": richtext_to_text(row["outcome"]),
        }
    )
