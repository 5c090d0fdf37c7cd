"""Another site's meetings and agreements, read from its API answer (docs/federation.md).

A regional calendar shows what other sites running this package publish. Their answers come
over the network from sites this one does not control, so everything is checked here, without
Django: an answer that is not in the read API's shape, or a meeting whose UID belongs to another
domain than its source's, is refused as a whole (:class:`Refused`, with the reason to log), so
a source can neither break the follower's pages nor overwrite a third site's events in its
subscribers' calendars. A well-formed meeting that the domain rules reject (an in-person meeting
without a place, say) is only left out, as the source's own feed leaves it out.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from .enums import AttendanceMode, EventStatus, MeetingKind
from .model import Meeting

__all__ = [
    "FollowedAgreement",
    "FollowedMeeting",
    "Refused",
    "agreement_from_item",
    "domain_allowed",
    "list_items",
    "meeting_from_item",
    "uid_domain",
]

# The read API's contract names iCalendar's statuses; the core's own names are accepted too.
_STATUSES = {
    "confirmed": EventStatus.SCHEDULED,
    "tentative": EventStatus.POSTPONED,
    **{status.value: status for status in EventStatus},
}
MAX_TEXT = 2000  # longer text from a source is cut: a page shows a summary, the source the rest


class Refused(ValueError):
    """A source's answer that is not taken; ``str()`` is the reason, for the log and the admin."""


@dataclass(frozen=True)
class FollowedMeeting:
    """A meeting of another site: the domain meeting, the source's exact UID and its page."""

    uid: str
    meeting: Meeting
    html_url: str
    agreement_title: str = ""


@dataclass(frozen=True)
class FollowedAgreement:
    """An agreement of another site, as the overview shows it."""

    source_id: int
    title: str
    html_url: str
    status: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    signatories: tuple[str, ...] = field(default_factory=tuple)


def uid_domain(uid: str) -> str:
    """The part of ``uid`` after its last ``@``, lower-cased; empty when there is none."""
    local, at, domain = uid.rpartition("@")
    return domain.strip().lower() if at and local else ""


def domain_allowed(domain: str, expected: str) -> bool:
    """Whether a UID's ``domain`` is the source's: the same, or the source's host is under it
    (``www.uddevalla.se`` may use ``uddevalla.se``)."""
    domain, expected = domain.lower().strip("."), expected.lower().strip(".")
    if not domain:
        return False
    if domain == expected:
        return True
    # A parent domain, not a bare top-level one nor part of an IP address.
    return "." in domain and not _is_ip(expected) and expected.endswith("." + domain)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def list_items(answer: Any) -> tuple[list[Mapping[str, Any]], int]:
    """The items of a Wagtail API v2 list answer and its ``total_count``, or :class:`Refused`."""
    if not isinstance(answer, Mapping):
        raise Refused("the answer is not a JSON object")
    items, meta = answer.get("items"), answer.get("meta")
    if not isinstance(items, list) or not isinstance(meta, Mapping):
        raise Refused("the answer has no items and meta")
    total = meta.get("total_count")
    if not isinstance(total, int) or isinstance(total, bool) or total < 0:
        raise Refused("the answer's meta has no total_count")
    if not all(isinstance(item, Mapping) for item in items):
        raise Refused("an item is not a JSON object")
    return list(items), total


def meeting_from_item(item: Mapping[str, Any], expected_domain: str) -> FollowedMeeting | None:
    """The meeting of one API item; ``None`` when the domain rules reject it (left out), and
    :class:`Refused` when the item is not a meeting of the source at all."""
    uid = item.get("uid")
    if not isinstance(uid, str) or not uid.strip() or len(uid) > 255 or "\n" in uid:
        raise Refused(f"meeting {item.get('id')!r} has no usable uid")
    if not domain_allowed(uid_domain(uid), expected_domain):
        raise Refused(f"meeting uid {uid!r} is not of the source's domain {expected_domain!r}")
    html_url = _http_url(_meta(item).get("html_url"))
    if html_url is None:
        raise Refused(f"meeting {uid!r} has no http(s) html_url")
    agreement = item.get("agreement")
    agreement_title = _text(agreement.get("title")) if isinstance(agreement, Mapping) else ""
    organisations = item.get("organisations")
    hosts = tuple(
        _text(o.get("name"))
        for o in (organisations if isinstance(organisations, list) else ())
        if isinstance(o, Mapping) and _text(o.get("name"))
    )
    units = item.get("municipal_hosts")
    hosts += tuple(_text(u) for u in (units if isinstance(units, list) else ()) if _text(u))
    categories = item.get("categories")
    try:
        meeting = Meeting(
            uid=_uuid_of(uid),
            title=_text(item.get("title")),
            kind=_choice(MeetingKind, item.get("kind"), MeetingKind.DIALOGUE),
            theme=_text(item.get("theme")),
            start=item.get("start"),
            end=item.get("end"),
            timezone=item.get("timezone") or "Europe/Stockholm",
            mode=_choice(AttendanceMode, item.get("mode"), AttendanceMode.IN_PERSON),
            venue=_venue(item.get("venue")),
            online_url=item.get("online_url") or None,
            hosts=hosts,
            agreement_title=agreement_title,
            categories=tuple(
                _text(c) for c in (categories if isinstance(categories, list) else ()) if _text(c)
            ),
            status=_STATUSES.get(str(item.get("status")), EventStatus.SCHEDULED),
            sequence=item.get("sequence") or 0,
            url=html_url,
            created=_meta(item).get("first_published_at") or None,
            last_modified=item.get("last_published_at") or None,
        )
    except (ValidationError, ValueError, TypeError):
        return None
    return FollowedMeeting(uid=uid, meeting=meeting, html_url=html_url,
                           agreement_title=agreement_title)  # fmt: skip


def agreement_from_item(item: Mapping[str, Any]) -> FollowedAgreement:
    """The agreement of one API item, or :class:`Refused`."""
    source_id, title = item.get("id"), _text(item.get("title"))
    if not isinstance(source_id, int) or isinstance(source_id, bool) or not title:
        raise Refused(f"agreement {source_id!r} has no id or title")
    html_url = _http_url(_meta(item).get("html_url"))
    if html_url is None:
        raise Refused(f"agreement {source_id!r} has no http(s) html_url")
    signatures = item.get("signatures")
    names = []
    for signature in signatures if isinstance(signatures, list) else ():
        if not isinstance(signature, Mapping):
            continue
        organisation = signature.get("organisation")
        name = _text(signature.get("party")) or (
            _text(organisation.get("name")) if isinstance(organisation, Mapping) else ""
        )
        if name:
            names.append(name)
    return FollowedAgreement(
        source_id=source_id,
        title=title,
        html_url=html_url,
        status=_text(item.get("status"))[:50],
        # The contract's names, and the API's own (the page's fields).
        period_start=_date(item.get("period_start") or item.get("valid_from")),
        period_end=_date(item.get("period_end") or item.get("valid_until")),
        signatories=tuple(names),
    )


def _meta(item: Mapping[str, Any]) -> Mapping[str, Any]:
    meta = item.get("meta")
    return meta if isinstance(meta, Mapping) else {}


def _text(value: Any) -> str:
    return value.strip()[:MAX_TEXT] if isinstance(value, str) else ""


def _http_url(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) address (never ``javascript:`` and the like)."""
    if not isinstance(value, str) or len(value) > 2000:
        return None
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.netloc else None


def _uuid_of(uid: str) -> uuid.UUID:
    """The UUID of a UID made by this package (``<uuid>@<domain>``); any other UID gets a
    stable one made from it (the feed writes the UID itself, this only orders ties)."""
    local = uid.rpartition("@")[0]
    try:
        return uuid.UUID(local)
    except ValueError:
        return uuid.uuid5(uuid.NAMESPACE_URL, uid)


def _choice(enum: Any, value: Any, default: Any) -> Any:
    try:
        return enum(value)
    except ValueError:
        return default


def _venue(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, Mapping) or not _text(value.get("name")):
        return None
    keys = ("name", "street_address", "postal_code", "locality")
    venue: dict[str, Any] = {key: _text(value.get(key)) for key in keys}
    for key in ("latitude", "longitude"):
        number = value.get(key)
        venue[key] = (
            number if isinstance(number, int | float) and not isinstance(number, bool) else None
        )
    return venue


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
