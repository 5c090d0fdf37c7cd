"""The rules a data file and an editor's form share, each failure named by a code.

The command line words a failure in the terminal's language, the Wagtail admin in the editor's,
next to the field that was typed. Both need to know *which* rule failed and *what was typed*, not
an English sentence, so every rule raises :class:`RuleError` with a ``code``, the core's name of
the ``field`` and the ``params`` its message is filled in with. :data:`MESSAGES` holds the core's
own wording (translated through the ``civilsamhalle`` catalogue); the admin keeps its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from .enums import EventStatus, attendance_mode
from .i18n import translation

__all__ = [
    "MESSAGES",
    "RuleError",
    "check_commitment_minimum",
    "check_commitment_period",
    "check_http_url",
    "check_meeting_times",
    "check_registration",
    "check_milestone",
    "check_plan_period",
    "check_progress",
    "check_validity",
    "meeting_place_problems",
    "message",
]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SPACE = re.compile(r"\s")  # what str.isspace() calls space, found in one scan

# code → English message; ``{value}`` is what was typed. Kept in the catalogue by these msgids.
MESSAGES: dict[str, str] = {
    "empty": "must not be empty",
    "url_scheme": "only http and https links can be used: '{value}' is a '{scheme}:' link",
    "url_no_scheme": "'{value}' is not a whole link: it must start with https:// or http://",
    "url_no_host": "'{value}' has no address after '{scheme}://'",
    "url_space": "'{value}' contains a space or an invisible character",
    "time_zone_unknown": "unknown time zone '{value}'",
    "datetime_naive": "'{value}' has no time zone: add its UTC offset, e.g. +01:00 (without it "
    "the time is ambiguous)",
    "email_invalid": "'{value}' is not an email address",
    "meeting_end_before_start": "the meeting must end after it starts",
    "online_link_missing": "an online or hybrid meeting needs the link participants join by "
    "(online_url)",
    "venue_missing": "a meeting held in person or hybrid needs a venue; or set mode to 'online'",
    "registration_link_missing": "an external registration needs the registration link",
    "registration_deadline_after_end": "the registration deadline must be before the meeting ends",
    "registration_opens_after_deadline": "registration must open before its deadline",
    "validity_order": "the agreement must end after it starts ({valid_until} is before "
    "{valid_from})",
    "plan_period_order": "the plan's period must end after it starts ({period_end} is before "
    "{period_start})",
    "milestone_after_period": "the milestone {value} is after the plan's period, which ends "
    "{period_end}",
    "progress_range": "progress is a percentage from 0 to 100, not {value}",
    "own_parent": "an organisation cannot be its own parent",
    "organisation_number_characters": "'{value}' may contain only digits, spaces and a hyphen",
    "organisation_number_length_se": "'{value}' has {count} digits; a Swedish organisation "
    "number has ten digits (NNNNNN-NNNN)",
    "organisation_number_length_no": "'{value}' has {count} digits; a Norwegian organisation "
    "number has nine digits",
    "organisation_number_check_digit_se": "'{value}' is not a valid Swedish organisation number "
    "(check digit)",
    "organisation_number_check_digit_no": "'{value}' is not a valid Norwegian organisation "
    "number (check digit)",
    "country_unknown": "unknown country '{value}'; expected SE or NO",
    "commitment_minimum": "a commitment promises at least one meeting per period, not {value}",
    "commitment_period": "a period is at least one month long, not {value}",
}


def message(
    code: str, params: Mapping[str, object] | None = None, language: str | None = None
) -> str:
    """The core's message for ``code`` in ``language`` (English when ``None``), filled in."""
    template = translation(language).gettext(MESSAGES[code])
    return template.format(**(params or {}))


class RuleError(ValueError):
    """A broken rule: ``code`` says which, ``field`` where, ``params`` what was typed."""

    def __init__(self, code: str, field: str | None = None, **params: object) -> None:
        self.code = code
        self.field = field
        self.params: dict[str, object] = params
        super().__init__(message(code, params))

    @property
    def template(self) -> str:
        """The English message with ``{placeholders}``, as pydantic's custom errors want it."""
        return MESSAGES[self.code]


def check_http_url(value: str) -> str:
    """``value`` stripped, if it is an http(s) link a browser can open; else :class:`RuleError`."""
    value = value.strip()
    match = _SCHEME.match(value)
    # "localhost:8000" is a host and a port, not a scheme.
    if not match or value[match.end() : match.end() + 1].isdigit():
        raise RuleError("url_no_scheme", value=value)
    scheme = match.group(1)
    if scheme.lower() not in ("http", "https"):
        raise RuleError("url_scheme", value=value, scheme=scheme)
    rest = value[len(scheme) + 1 :]
    if not rest.startswith("//") or not rest[2:] or rest[2:].startswith("/"):
        raise RuleError("url_no_host", value=value, scheme=scheme)
    if _SPACE.search(value) or not value.isprintable():
        raise RuleError("url_space", value=value)
    return value


def check_meeting_times(start: dt.datetime | None, end: dt.datetime | None) -> None:
    """A meeting ends after it starts (compared as instants, not as wall-clock times)."""
    if start is not None and end is not None and end <= start:
        raise RuleError("meeting_end_before_start", "end")


def meeting_place_problems(
    mode: str, status: str, *, has_venue: bool, online_url: str | None
) -> list[RuleError]:
    """Where a meeting takes place: a venue in person, a link online, both when hybrid.

    A cancelled or postponed meeting needs neither; a meeting moved online needs its link.
    ``mode`` and ``status`` are the values of :class:`~civilsamhalle.model.AttendanceMode` and
    :class:`~civilsamhalle.model.EventStatus`.
    """
    if not EventStatus(status).counts_as_held:
        return []
    now = attendance_mode(mode, status)
    problems = []
    if now.has_venue and not has_venue:
        problems.append(RuleError("venue_missing", "venue"))
    if now.has_link and not (online_url or "").strip():
        problems.append(RuleError("online_link_missing", "online_url"))
    return problems


def check_registration(
    kind: str,
    url: str | None,
    deadline: dt.datetime | None,
    end: dt.datetime | None,
    opens: dt.datetime | None = None,
) -> list[RuleError]:
    """An external registration has its link; registering closes before the meeting ends and
    opens before it closes."""
    problems = []
    if str(kind) == "external" and not (url or "").strip():
        problems.append(RuleError("registration_link_missing", "url"))
    if deadline is not None and end is not None and deadline > end:
        problems.append(RuleError("registration_deadline_after_end", "deadline"))
    closes = deadline if deadline is not None else end
    if opens is not None and closes is not None and opens >= closes:
        problems.append(RuleError("registration_opens_after_deadline", "opens"))
    return problems


def check_validity(valid_from: dt.date | None, valid_until: dt.date | None) -> None:
    """An agreement's validity ends on or after the day it starts."""
    if valid_from and valid_until and valid_until < valid_from:
        raise RuleError(
            "validity_order",
            "valid_until",
            valid_from=str(valid_from),
            valid_until=str(valid_until),
        )


def check_commitment_minimum(minimum: int | None) -> None:
    """A commitment promises at least one meeting: "zero dialogues a year" promises nothing."""
    if minimum is not None and minimum < 1:
        raise RuleError("commitment_minimum", "minimum", value=minimum)


def check_commitment_period(months: int | None) -> None:
    """A period is at least a month long; empty means a calendar year."""
    if months is not None and months < 1:
        raise RuleError("commitment_period", "period_months", value=months)


def check_plan_period(period_start: dt.date | None, period_end: dt.date | None) -> None:
    """An action plan's period ends on or after the day it starts."""
    if period_start and period_end and period_end < period_start:
        raise RuleError(
            "plan_period_order",
            "period_end",
            period_start=str(period_start),
            period_end=str(period_end),
        )


def check_milestone(value: dt.date | None, period_end: dt.date | None) -> None:
    """A milestone of an action falls within its plan's period (on or before its last day).

    A milestone before the period may be one an action carried over from last year already
    passed, so only the end is a rule.
    """
    if value and period_end and value > period_end:
        raise RuleError(
            "milestone_after_period", "milestones", value=str(value), period_end=str(period_end)
        )


def check_progress(value: int | None) -> None:
    """A progress percentage is a whole number from 0 to 100 (or not given)."""
    if value is not None and not 0 <= value <= 100:
        raise RuleError("progress_range", "progress", value=value)
