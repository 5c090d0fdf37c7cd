"""The API's query filters: each parameter read strictly, garbage answered 400 in words.

An endpoint names its filters (``filters = {"start_after": start_after, ...}``); each is a
function ``(queryset, raw value, view) -> queryset`` that reads its value with one of the
``parse_*`` functions here, which raise Wagtail's ``BadRequestError`` (a 400 with a message in the
requester's language) for anything that is not a value the filter knows. Nothing reaches the
database unchecked, so no garbage can turn into a 500.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from .. import conf

__all__ = [
    "CivilFilterBackend",
    "CivilOrderingFilter",
    "MAX_ID",
    "choice_filter",
    "moment_filter",
    "public_page_filter",
    "Filter",
    "parse_choice",
    "parse_id",
    "parse_moment",
    "parse_slug",
]

Filter = Callable[[QuerySet, str, Any], QuerySet]

# Primary keys are at most a PostgreSQL integer; a larger number is no row, and asking for one
# must not make the database raise.
MAX_ID = 2**31 - 1
_SLUG = re.compile(r"^[-\w]{1,255}$")
_YEARS = (1900, 2999)  # a date-time outside cannot be converted between zones safely


def parse_id(name: str, value: str) -> int:
    """A positive whole number, e.g. ``?organisation=12``."""
    if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID:
        return int(value)
    raise BadRequestError(
        # Translators: an API error; %(name)s is a query parameter, e.g. organisation
        _("%(name)s must be the id of an item, a positive whole number.") % {"name": name}
    )


def parse_slug(name: str, value: str) -> str:
    """A slug as Wagtail makes them: letters, digits, hyphens and underscores."""
    if _SLUG.match(value):
        return value
    raise BadRequestError(
        # Translators: an API error; %(name)s is a query parameter, e.g. category
        _("%(name)s must be a slug: letters, digits and hyphens, e.g. kulturforeningar.")
        % {"name": name}
    )


def parse_choice(name: str, value: str, choices: Iterable[str]) -> str:
    allowed = list(choices)
    if value in allowed:
        return value
    raise BadRequestError(
        # Translators: an API error; %(name)s is a query parameter, %(choices)s its values
        _("%(name)s must be one of: %(choices)s.") % {"name": name, "choices": ", ".join(allowed)}
    )


def parse_moment(name: str, value: str) -> dt.datetime:
    """A date (``2027-01-14``, midnight in the municipality's zone) or a date-time in ISO 8601
    (``2027-01-14T18:00:00+01:00``; without an offset, in the municipality's zone)."""
    zone = ZoneInfo(conf.time_zone())
    moment: dt.datetime | None = None
    try:
        day = parse_date(value)
        if day is not None:
            moment = dt.datetime.combine(day, dt.time.min)
        else:
            # An offset's unencoded + arrives as a space: 2027-01-14T18:00:00 01:00.
            moment = parse_datetime(value) or parse_datetime(
                re.sub(r" (\d\d:?\d\d)$", r"+\1", value)
            )
    except ValueError:
        moment = None
    if moment is None or not _YEARS[0] <= moment.year <= _YEARS[1]:
        raise BadRequestError(
            # Translators: an API error; %(name)s is a query parameter, e.g. start_after
            _("%(name)s must be a date (2027-01-14) or a date and time (2027-01-14T18:00+01:00).")
            % {"name": name}
        )
    return timezone.make_aware(moment, zone) if timezone.is_naive(moment) else moment


class CivilFilterBackend(BaseFilterBackend):
    """Applies the endpoint's ``filters`` named in the query string."""

    def filter_queryset(self, request: Any, queryset: QuerySet, view: Any) -> QuerySet:
        for name, apply in view.filters.items():
            if name in request.GET:
                queryset = apply(queryset, request.GET[name], view)
        return queryset


class CivilOrderingFilter(BaseFilterBackend):
    """``?order=start`` or ``?order=-start``, among the endpoint's ``order_fields`` only."""

    def filter_queryset(self, request: Any, queryset: QuerySet, view: Any) -> QuerySet:
        raw = request.GET.get("order")
        if raw is None:
            return queryset
        keys = raw.split(",")
        for key in keys:
            if key.removeprefix("-") not in view.order_fields:
                raise BadRequestError(
                    # Translators: an API error; "order" is the query parameter, keep it as is
                    _("order must be one or more of: %(choices)s (with - for descending).")
                    % {"choices": ", ".join(view.order_fields)}
                )
        return queryset.order_by(*keys, "pk")


def choice_filter(
    name: str, choices: Iterable[tuple[Any, Any]], field: str | None = None
) -> Filter:
    """A filter on a field with choices: ``?status=cancelled``; any other value is a 400."""
    values = [str(value) for value, _label in choices]

    def apply(queryset: QuerySet, value: str, view: Any) -> QuerySet:
        return queryset.filter(**{field or name: parse_choice(name, value, values)})

    return apply


def moment_filter(name: str, lookup: str) -> Filter:
    """A filter on a date-time: ``?start_after=2027-01-14`` → ``start__gte``."""

    def apply(queryset: QuerySet, value: str, view: Any) -> QuerySet:
        return queryset.filter(**{lookup: parse_moment(name, value)})

    return apply


def public_page_filter(name: str, field: str | None = None) -> Filter:
    """A filter on a page a field points to (``?agreement=7``): a draft or a private page's id
    gives nothing, as an unknown id does, so the answer tells nothing about it."""

    def apply(queryset: QuerySet, value: str, view: Any) -> QuerySet:
        pk = parse_id(name, value)
        if not Page.objects.live().public().filter(pk=pk).exists():
            return queryset.none()
        return queryset.filter(**{f"{field or name}_id": pk})

    return apply
