"""Fetching a followed site's meetings and agreements: conditional requests over urllib, the
answer checked as a whole (:mod:`civilsamhalle.federation`), the copy replaced in one transaction.

A source that times out, answers an error, garbage, or a meeting with another domain's UID is
refused with a logged reason and its last good copy stays; no other source is touched, since
each endpoint of each site is fetched and stored on its own. A 304 keeps the copy and only
records the time. The feed stamp moves only when a copy's content changed, so polling every few
minutes does not make every calendar feed of the site build anew.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from civilsamhalle import __version__
from civilsamhalle.federation import Refused, agreement_from_item, list_items, meeting_from_item

from .. import conf
from ..feeds import stamp as feed_stamp
from ..models.federation import FollowedCopy, FollowedItem, FollowedSite

__all__ = ["ENDPOINTS", "Outcome", "fetch_all", "fetch_endpoint", "fetch_site"]

logger = logging.getLogger(__name__)

ENDPOINTS = ("meetings", "agreements")
# Asked per page; a site whose WAGTAILAPI_LIMIT_MAX is lower answers 400 and is asked again with
# Wagtail's default maximum, 20.
PAGE_SIZES = (100, 20)
MAX_ITEMS = 5000  # more than any municipality publishes; a source that claims more is refused
MAX_BYTES = 5 * 1024 * 1024  # one answer page
USER_AGENT = f"civilsamhalle/{__version__} (regional calendar)"


class _BadRequest(Refused):
    """HTTP 400: the page size may be above the source's limit."""


@dataclass(frozen=True)
class Outcome:
    """What one fetch of one endpoint did: ``changed``, ``unchanged`` or ``refused``."""

    site: str
    endpoint: str
    result: str
    reason: str = ""


def timeout() -> float:
    """Seconds a source may take, per request and for its whole answer
    (``WAGTAIL_CIVIL_FEDERATION_TIMEOUT``, 10 by default)."""
    return float(getattr(settings, "WAGTAIL_CIVIL_FEDERATION_TIMEOUT", 10))


def fetch_all(sites: Iterable[FollowedSite] | None = None) -> list[Outcome]:
    """Every active followed site, one after the other; one failing never stops the others."""
    if sites is None:
        sites = FollowedSite.objects.filter(active=True)
    return [outcome for site in sites for outcome in fetch_site(site)]


def fetch_site(site: FollowedSite) -> list[Outcome]:
    return [fetch_endpoint(site, endpoint) for endpoint in ENDPOINTS]


def fetch_endpoint(site: FollowedSite, endpoint: str) -> Outcome:
    """Fetch one endpoint of ``site`` and keep its copy up to date (see the module's doc)."""
    now = timezone.now()
    copy, _created = FollowedCopy.objects.get_or_create(site=site, endpoint=endpoint)
    copies = FollowedCopy.objects.filter(pk=copy.pk)
    try:
        answer = _download(site, endpoint, copy)
        rows = None if answer is None else _rows(site, endpoint, answer[0])
    except Refused as refusal:
        reason = str(refusal)[:500]
        logger.warning("Followed site %s (%s) refused: %s", site.name, endpoint, reason)
        copies.update(attempted_at=now, error=reason)
        return Outcome(site.name, endpoint, "refused", reason)
    if answer is None or rows is None:  # 304: the copy is still the source's
        copies.update(attempted_at=now, fetched_at=now, error="")
        return Outcome(site.name, endpoint, "unchanged")
    _items, etag, last_modified = answer
    with transaction.atomic():
        changed = _replace(site, endpoint, rows)
        copies.update(attempted_at=now, fetched_at=now, error="", etag=etag[:255],
                      last_modified=last_modified[:64])  # fmt: skip
        if changed:
            feed_stamp.bump()
    return Outcome(site.name, endpoint, "changed" if changed else "unchanged")


def _download(
    site: FollowedSite, endpoint: str, copy: FollowedCopy
) -> tuple[list[Mapping[str, Any]], str, str] | None:
    """Every item of the endpoint, with the first page's validators; ``None`` for a 304."""
    if urlsplit(site.api_url).scheme not in ("http", "https"):
        raise Refused("the API address is not http(s)")
    deadline = time.monotonic() + timeout()
    query: dict[str, Any] = {}
    if endpoint == "meetings":  # what the feeds show: since feed_past_days() ago
        since = timezone.localdate() - dt.timedelta(days=conf.feed_past_days() + 1)
        query["start_after"] = since.isoformat()
    conditional = {}
    if copy.fetched_at is not None:  # validators of a copy that was taken
        if copy.etag:
            conditional["If-None-Match"] = copy.etag
        if copy.last_modified:
            conditional["If-Modified-Since"] = copy.last_modified
    items: list[Mapping[str, Any]] = []
    for size in PAGE_SIZES:
        query["limit"] = size
        try:
            first = _get(site.endpoint(endpoint), {**query, "offset": 0}, conditional, deadline)
            break
        except _BadRequest:
            if size == PAGE_SIZES[-1]:
                raise
    if first is None:
        return None
    body, etag, last_modified = first
    page, total = list_items(body)
    if total > MAX_ITEMS:
        raise Refused(f"the source lists {total} items, more than {MAX_ITEMS}")
    items.extend(page)
    while page and len(items) < total:
        got = _get(site.endpoint(endpoint), {**query, "offset": len(items)}, {}, deadline)
        if got is None:
            raise Refused("a 304 for a page that was not asked conditionally")
        page, _total = list_items(got[0])
        items.extend(page)
    return items, etag, last_modified


def _get(
    url: str, query: Mapping[str, Any], headers: Mapping[str, str], deadline: float
) -> tuple[Any, str, str] | None:
    """One GET, its JSON body and validators; ``None`` for 304; :class:`Refused` otherwise."""
    request = urllib.request.Request(
        f"{url}?{urlencode(query)}",
        headers={"Accept": "application/json", "User-Agent": USER_AGENT, **headers},
    )
    left = deadline - time.monotonic()
    if left <= 0:
        raise Refused("the source took too long")
    try:
        with urllib.request.urlopen(request, timeout=left) as response:  # noqa: S310 (checked)
            data = _read(response, deadline)
            etag = response.headers.get("ETag", "")
            last_modified = response.headers.get("Last-Modified", "")
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return None
        if error.code == 400:
            raise _BadRequest("the source answered HTTP 400") from None
        raise Refused(f"the source answered HTTP {error.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:  # refused, timed out, bad URL
        raise Refused(f"the source could not be reached: {error}") from None
    try:
        return json.loads(data.decode("utf-8")), etag, last_modified
    except (UnicodeDecodeError, ValueError):
        raise Refused("the answer is not JSON") from None


def _read(response: Any, deadline: float) -> bytes:
    """The body in chunks, so a source that trickles bytes cannot hold the task forever."""
    chunks, size = [], 0
    while chunk := response.read(65536):
        size += len(chunk)
        if size > MAX_BYTES:
            raise Refused(f"the answer is larger than {MAX_BYTES} bytes")
        if time.monotonic() > deadline:
            raise Refused("the source took too long")
        chunks.append(chunk)
    return b"".join(chunks)


def _rows(site: FollowedSite, endpoint: str, items: list[Mapping[str, Any]]) -> list[dict]:
    """The items as the rows to store, checked all before any is stored."""
    rows: dict[str, dict[str, Any]] = {}
    for item in items:
        if endpoint == "meetings":
            followed = meeting_from_item(item, site.expected_uid_domain)
            if followed is None:
                logger.info("Followed site %s: meeting %r left out (invalid)", site.name,
                            item.get("uid"))  # fmt: skip
                continue
            meeting = followed.meeting
            rows.setdefault(followed.uid, {
                "uid": followed.uid, "title": meeting.title, "html_url": followed.html_url,
                "start": meeting.start, "end": meeting.end,
                "data": {"meeting": meeting.model_dump(mode="json"),
                         "agreement_title": followed.agreement_title},
            })  # fmt: skip
        else:
            agreement = agreement_from_item(item)
            rows.setdefault(str(agreement.source_id), {
                "uid": str(agreement.source_id), "title": agreement.title,
                "html_url": agreement.html_url, "start": None, "end": None,
                "data": {"status": agreement.status,
                         "period_start": _iso(agreement.period_start),
                         "period_end": _iso(agreement.period_end),
                         "signatories": list(agreement.signatories)},
            })  # fmt: skip
    return list(rows.values())


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _replace(site: FollowedSite, endpoint: str, rows: list[dict[str, Any]]) -> bool:
    """Replace the copy with ``rows`` unless it holds the same already; whether it changed."""
    stored = FollowedItem.objects.filter(site=site, endpoint=endpoint)
    old = {(i.uid, i.title, i.html_url, json.dumps(i.data, sort_keys=True)) for i in stored}
    new = {(r["uid"], r["title"], r["html_url"], json.dumps(r["data"], sort_keys=True))
           for r in rows}  # fmt: skip
    if old == new:
        return False
    stored.delete()
    FollowedItem.objects.bulk_create(
        FollowedItem(site=site, endpoint=endpoint, **row) for row in rows
    )
    return True
