"""The field types of the domain, each failing with a rule's code (see :mod:`civilsamhalle.rules`).

pydantic reports a failure as an error whose ``type`` is the rule's code and whose ``ctx`` holds
what was typed, so the command line can word it in the terminal's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, ValidationError
from pydantic.json_schema import WithJsonSchema
from pydantic_core import InitErrorDetails, PydanticCustomError

from . import rules
from .rules import RuleError

__all__ = [
    "AwareDatetime",
    "HttpUrl",
    "NonEmptyStr",
    "TimeZoneName",
    "custom_error",
    "raise_at",
]


def custom_error(error: RuleError) -> PydanticCustomError:
    """A rule's failure as pydantic reports it: the code as the error type, params as context."""
    return PydanticCustomError(error.code, error.template, error.params)


def raise_at(model: str, problems: list[RuleError], inputs: dict[str, object]) -> None:
    """Report cross-field problems on the field each is about (``meetings[3].online_url``)."""
    if problems:
        details = [
            InitErrorDetails(
                type=custom_error(p),
                loc=tuple((p.field or "").split(".")),
                input=inputs.get(p.field),
            )
            for p in problems
        ]
        raise ValidationError.from_exception_data(model, details)


def _non_empty(value: str) -> str:
    value = value.strip()
    if not value:
        raise custom_error(RuleError("empty"))
    return value


def _http_url(value: str) -> str:
    try:
        return rules.check_http_url(value)
    except RuleError as error:
        raise custom_error(error) from None


def _time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise custom_error(RuleError("time_zone_unknown", value=value)) from None
    return value


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise custom_error(RuleError("datetime_naive", value=value.isoformat()))
    return value


# The schema says as much of each rule as JSON Schema can; the validators say the rest.
NonEmptyStr = Annotated[
    str, AfterValidator(_non_empty), WithJsonSchema({"type": "string", "pattern": r"\S"})
]
HttpUrl = Annotated[
    str,
    AfterValidator(_http_url),
    WithJsonSchema(
        {"type": "string", "format": "uri", "pattern": r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^/\s]"}
    ),
]
TimeZoneName = Annotated[str, AfterValidator(_time_zone)]
AwareDatetime = Annotated[dt.datetime, AfterValidator(_aware)]
