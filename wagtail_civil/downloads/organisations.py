"""The organisation register as CSV and as Popolo JSON, served by the directory page.

Only published organisations, as the directory lists them (``get_organisations()``, so a site
that narrows its directory narrows its downloads too), and only what their public pages show,
less the public email and phone: a page shows one organisation's contact to a reader, while a
file of the whole register is what address harvesters collect, and a small association's
"public" phone is often a private person's. The website and the page address stay.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse

from civilsamhalle.interchange.spreadsheet import CSV_CONTENT_TYPE, csv_bytes

from ..models.mixins import richtext_to_text
from ..popolo import register_popolo
from .query import checked_filter, delimiter
from .serving import BadQuery, bad_query_response, file_name, serve_download

__all__ = ["ORGANISATION_COLUMNS", "organisation_rows", "organisations_csv", "organisations_popolo"]

# The header row: stable names, in English, whatever the visitor's language (docs/open-data.md).
ORGANISATION_COLUMNS = (
    "slug",
    "name",
    "kind",
    "organisation_number",
    "country",
    "parent_slug",
    "categories",
    "areas_of_activity",
    "website",
    "page_url",
    "description",
)
# Between the several values of one cell (categories, areas): a name rarely holds it.
LIST_SEPARATOR = " | "


def _organisations(directory: Any, request: HttpRequest) -> Any:
    """The directory's organisations after its filters (a wrong filter: :class:`BadQuery`),
    with what a row reads fetched up front: the same queries for 5 or 5,000."""
    organisations = checked_filter(directory.get_filterset(request))
    return organisations.select_related("parent").prefetch_related(
        "categories", "tagged_areas__tag"
    )


def _urls(directory: Any, request: HttpRequest, organisations: list[Any]) -> dict[int, str | None]:
    """Each organisation's page in this directory, with scheme and host."""
    base = directory.get_url(request)
    if base is None:
        return {}
    absolute = request.build_absolute_uri(base)
    return {
        o.pk: absolute + directory.reverse_subpage("organisation", [o.slug]) for o in organisations
    }


def organisation_rows(organisations: list[Any], urls: dict[int, str | None]) -> list[list[Any]]:
    """One row per organisation, in :data:`ORGANISATION_COLUMNS` order."""
    rows = []
    for organisation in organisations:
        parent = organisation.parent if organisation.parent_id else None
        categories = sorted(category.name for category in organisation.categories.all())
        areas = sorted(tagged.tag.name for tagged in organisation.tagged_areas.all())
        rows.append(
            [
                organisation.slug,
                organisation.name,
                organisation.kind,
                organisation.organisation_number,
                organisation.country,
                parent.slug if parent is not None and parent.live else "",
                LIST_SEPARATOR.join(categories),
                LIST_SEPARATOR.join(areas),
                organisation.website,
                urls.get(organisation.pk) or "",
                richtext_to_text(organisation.description),
            ]
        )
    return rows


def organisations_csv(directory: Any, request: HttpRequest) -> HttpResponse:
    """``<directory>/download/csv/``: the register as CSV (``?delimiter=semicolon`` for Excel
    set to Swedish or Norwegian); the directory's filters apply."""
    try:
        separator = delimiter(request)
        organisations = _organisations(directory, request)
    except BadQuery as error:
        return bad_query_response(error)

    def build(day_start: Any) -> bytes:
        found = list(organisations)
        return csv_bytes(
            ORGANISATION_COLUMNS,
            organisation_rows(found, _urls(directory, request, found)),
            separator,
        )

    return serve_download(
        request,
        directory,
        name="organisations_csv",
        filename=file_name(directory, ".csv"),
        content_type=CSV_CONTENT_TYPE,
        build=build,
    )


def organisations_popolo(directory: Any, request: HttpRequest) -> HttpResponse:
    """``<directory>/download/popolo/``: the register as Popolo ``organizations``."""
    try:
        organisations = _organisations(directory, request)
    except BadQuery as error:
        return bad_query_response(error)

    def build(day_start: Any) -> bytes:
        found = list(organisations)
        data = register_popolo(found, _urls(directory, request, found))
        return json.dumps(data, indent=2, ensure_ascii=False).encode()

    return serve_download(
        request,
        directory,
        name="organisations_popolo",
        filename=file_name(directory, "-popolo.json"),
        content_type="application/json",
        build=build,
        attachment=False,
    )
