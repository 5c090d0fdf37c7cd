"""A meeting list's meetings as CSV, served by the list page at ``<list>/download/csv/``.

Every meeting the list holds, upcoming and held, cancelled ones too (the ``status`` column
says so: a researcher counting dialogues needs the cancelled ones), each once, as the list's
``get_meetings()`` gives them: published, public, no aliases. What a row shows follows the
meeting page: no venue for a meeting that is off, no online link once it is over (counted from
local midnight, so the file stays the same all day and its ETag with it), the organisations
only if published, the agreement and council only if residents may open them, and never the
contact person, speakers or registrations.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse

from civilsamhalle.enums import EventStatus, attendance_mode
from civilsamhalle.interchange.spreadsheet import CSV_CONTENT_TYPE, csv_bytes

from .. import conf
from ..apps import civil_model
from ..models.meeting_parts import MeetingHost
from ..models.mixins import lines
from .organisations import LIST_SEPARATOR
from .query import checked_filter, delimiter
from .serving import BadQuery, bad_query_response, file_name, serve_download

__all__ = ["MEETING_COLUMNS", "meeting_rows", "meetings_csv"]

# Stable names, in English, whatever the visitor's language (docs/open-data.md).
MEETING_COLUMNS = (
    "uid",
    "title",
    "kind",
    "status",
    "start",
    "end",
    "mode",
    "venue",
    "street_address",
    "postal_code",
    "locality",
    "online_url",
    "hosts",
    "agreement",
    "council",
    "page_url",
)


def _meetings(meeting_list: Any, request: HttpRequest) -> Any:
    """The list's meetings after its filters, fetched with what a row reads and nothing more
    (``for_feed()``'s prefetches are for pages): the same queries for 5 or 500."""
    meetings = meeting_list.get_meetings()
    filtered = checked_filter(meeting_list.get_filterset(request, meetings))
    hosts = MeetingHost.objects.select_related("organisation")
    return (
        filtered.select_related(None)
        .prefetch_related(None)
        .prefetch_related(Prefetch("host_links", queryset=hosts))
        .order_by("start", "pk")
    )


def _public_titles(name: str, pks: set[int]) -> dict[int, str]:
    """The titles of the pages among ``pks`` residents may open (one query for all)."""
    if not pks:
        return {}
    pages = civil_model(name).objects.live().public().filter(pk__in=pks)
    return dict(pages.values_list("pk", "title"))


def _local(moment: dt.datetime, zone: ZoneInfo) -> str:
    """ISO 8601 with the municipality's offset at that moment: ``2026-10-13T18:00:00+02:00``."""
    return moment.astimezone(zone).isoformat(timespec="seconds")


def meeting_rows(
    meetings: list[Any], request: HttpRequest, day_start: dt.datetime
) -> list[list[Any]]:
    """One row per meeting, in :data:`MEETING_COLUMNS` order."""
    zone = ZoneInfo(conf.time_zone())
    uid_domain = conf.uid_domain()
    agreements = _public_titles(
        "AgreementPage", {m.agreement_id for m in meetings if m.agreement_id}
    )
    councils = _public_titles("CouncilPage", {m.council_id for m in meetings if m.council_id})
    rows = []
    for meeting in meetings:
        is_off = not EventStatus(meeting.status).counts_as_held
        mode = attendance_mode(meeting.mode, meeting.status)
        at_venue = bool(meeting.venue_name.strip()) and mode.has_venue and not is_off
        online = mode.has_link and not is_off and meeting.end >= day_start
        hosts = [h.name for h in meeting.public_hosts] + lines(meeting.municipal_hosts)
        url = meeting.get_url(request)
        rows.append(
            [
                f"{meeting.uid}@{uid_domain}",
                meeting.title,
                meeting.kind,
                meeting.status,
                _local(meeting.start, zone),
                _local(meeting.end, zone),
                mode.value,
                meeting.venue_name if at_venue else "",
                meeting.street_address if at_venue else "",
                meeting.postal_code if at_venue else "",
                meeting.locality if at_venue else "",
                meeting.online_url if online else "",
                LIST_SEPARATOR.join(hosts),
                agreements.get(meeting.agreement_id, ""),
                councils.get(meeting.council_id, ""),
                request.build_absolute_uri(url) if url else "",
            ]
        )
    return rows


def meetings_csv(meeting_list: Any, request: HttpRequest) -> HttpResponse:
    """``<list>/download/csv/``: the list's meetings as CSV (``?delimiter=semicolon`` for Excel
    set to Swedish or Norwegian); the list's filters apply."""
    try:
        separator = delimiter(request)
        meetings = _meetings(meeting_list, request)
    except BadQuery as error:
        return bad_query_response(error)

    def build(day_start: dt.datetime) -> bytes:
        rows = meeting_rows(list(meetings), request, day_start)
        return csv_bytes(MEETING_COLUMNS, rows, separator)

    return serve_download(
        request,
        meeting_list,
        name="meetings_csv",
        filename=file_name(meeting_list, ".csv"),
        content_type=CSV_CONTENT_TYPE,
        build=build,
    )
