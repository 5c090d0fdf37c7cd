"""Serializer fields for what the API computes rather than reads from one column.

Each is given the whole object (``source="*"``) and the request through the serializer's
context, and reads only what the endpoint's queryset prefetched, so a list of 50 items costs
the queries of a list of 5. Related pages and organisations are shown only when residents may
see them: a published organisation, a live and public page (the endpoint collects which in
:meth:`.base.CivilEndpointMixin.visible_pages`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from rest_framework import serializers

from .. import conf
from ..feeds import FEEDS
from ..sites import absolute_url

__all__ = [
    "Computed",
    "LocalDateTimeField",
    "feed_url",
    "local_iso",
    "organisation_ref",
    "page_ref",
]


def local_iso(value: dt.datetime | None) -> str | None:
    """ISO 8601 with the municipality's offset, as its residents read the time."""
    if value is None:
        return None
    return value.astimezone(ZoneInfo(conf.time_zone())).isoformat()


class LocalDateTimeField(serializers.Field):
    """A date-time column in ISO 8601 with the municipality's offset (``+01:00`` in winter)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: dt.datetime) -> str | None:
        return local_iso(value)


class Computed(serializers.Field):
    """A value computed from the whole object: ``Computed(function)`` calls
    ``function(obj, context)``, ``context`` being the serializer's (request, view)."""

    def __init__(self, function: Any, **kwargs: Any) -> None:
        self.function = function
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> Any:
        return self.function(value, self.context)


def organisation_ref(organisation: Any) -> dict[str, Any]:
    """A published organisation as other items refer to it."""
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "organisation_number": organisation.organisation_number,
    }


def page_ref(page: Any, context: dict[str, Any]) -> dict[str, Any] | None:
    """A related page (``{"id", "title", "html_url"}``); ``None`` unless live and public."""
    if page is None or page.pk not in context["view"].visible_pages(context):
        return None
    return {"id": page.pk, "title": page.title, "html_url": absolute_url(page, context["request"])}


def feed_url(kind: str, obj: Any, context: dict[str, Any]) -> str | None:
    """The absolute URL of ``obj``'s calendar feed of ``kind``, if the site serves one."""
    feed = FEEDS.get(kind)
    path = feed.path_for(obj) if feed is not None else None
    return context["request"].build_absolute_uri(path) if path else None
