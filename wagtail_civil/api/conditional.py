"""ETag and Last-Modified for the API, so a follower polling it mostly gets an empty 304.

Every answer is versioned by the feed change stamp (:mod:`wagtail_civil.feeds.stamp`), which
moves with every write that can change what residents see, and by the local day (a commitment's
state and a volunteer need's state move at midnight without any write). Knowing the version
before anything is built lets a matching ``If-None-Match`` be answered without a query beyond
the stamp's; any other condition goes through Django's own rules
(:func:`django.utils.cache.get_conditional_response`) once the answer is built.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponseBase, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_etags, quote_etag
from rest_framework.utils.encoders import JSONEncoder

from civilsamhalle import __version__

from .. import conf
from ..feeds import stamp as feed_stamp

__all__ = ["Version", "conditional", "version_of"]


class Version:
    """What a request's answer is versioned by: its ETag and its Last-Modified."""

    def __init__(self, etag: str, last_modified: dt.datetime) -> None:
        self.etag = etag
        self.last_modified = last_modified

    def headers(self) -> dict[str, str]:
        return {"ETag": self.etag, "Last-Modified": http_date(int(self.last_modified.timestamp()))}


def _day_start() -> dt.datetime:
    local = timezone.localtime(timezone.now(), ZoneInfo(conf.time_zone()))
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def version_of(request: HttpRequest) -> Version:
    """The version of the answer to ``request``: the same URL on the same host, the same day,
    with nothing published since, is the same answer on every server."""
    stamp = feed_stamp.current()
    day = _day_start()
    key = "|".join(
        (
            __version__,
            stamp.token,
            day.date().isoformat(),
            request.get_host(),
            request.get_full_path(),
        )
    )
    etag = quote_etag(hashlib.sha256(key.encode()).hexdigest()[:40])
    changed = max(filter(None, (stamp.changed_at, day)))
    return Version(etag, changed)


def _names_etag(request: HttpRequest, etag: str) -> bool:
    """Whether ``If-None-Match`` names this very ETag (``*`` is left to Django, after the answer
    is built: it matches only an answer that exists)."""
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header or "HTTP_IF_MATCH" in request.META:
        return False
    tags = [tag.removeprefix("W/") for tag in parse_etags(header)]
    return etag in tags


def conditional(
    request: HttpRequest, build: Callable[[], HttpResponseBase], *, by_content: bool = False
) -> HttpResponseBase:
    """``build()``'s answer with ETag and Last-Modified, or a 304 (or 412) when the request's
    conditions say so. Only a 200 is versioned: an error is never cached as content.

    ``by_content`` is for answers that move with the clock, not only with writes (a volunteer
    need closes at its end): the ETag is then the answer's own hash and there is no
    Last-Modified, so a 304 saves the transfer but not the work.
    """
    version = None if by_content else version_of(request)
    if version is not None and request.method in ("GET", "HEAD"):
        if _names_etag(request, version.etag):
            return HttpResponseNotModified(headers=version.headers())
    response = build()
    if response.status_code != 200:
        return response
    if version is None:
        data = json.dumps(getattr(response, "data", None), cls=JSONEncoder, sort_keys=True)
        response["ETag"] = quote_etag(hashlib.sha256(data.encode()).hexdigest()[:40])
        return get_conditional_response(request, etag=response["ETag"], response=response)
    for name, value in version.headers().items():
        response[name] = value
    return get_conditional_response(
        request,
        etag=version.etag,
        last_modified=int(version.last_modified.timestamp()),
        response=response,
    )
