"""HTTP for calendar feeds: headers that let calendar programs, proxies and CDNs poll cheaply.

Thousands of calendar programs ask for the same feed every few hours, and almost always nothing
has changed. The feed's strong ETag comes from its version key (:meth:`.MeetingFeed.version`),
known before anything is built, so Django's own conditional-GET rules
(:func:`django.utils.cache.get_conditional_response`, the same ones ``ConditionalGetMiddleware``
applies) answer a matching ``If-None-Match`` or ``If-Modified-Since`` with a 304 and the body is
never made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date, quote_etag

from . import conf

__all__ = ["CALENDAR_CONTENT_TYPE", "calendar_response", "strong_etag"]

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def strong_etag(data: bytes) -> str:
    """A quoted strong ETag for ``data``: equal bytes, equal tag, on every server."""
    return quote_etag(hashlib.sha256(data).hexdigest()[:40])


# The same few values on every poll of a feed: formatted once.
_disposition = lru_cache(maxsize=1024)(content_disposition_header)
_http_date = lru_cache(maxsize=1024)(http_date)


def calendar_response(
    request: HttpRequest,
    body: Callable[[], bytes],
    *,
    etag: str,
    filename: str,
    last_modified: dt.datetime | None,
    attachment: bool = False,
) -> HttpResponse:
    """The feed with caching headers, or a 304 / 412 when the request's conditions say so.

    ``body`` is called only when the feed is sent. ``inline`` suits subscriptions (the client
    reads the feed itself); a one-meeting download is an ``attachment`` so a desktop browser
    saves it for the calendar program to open. A HEAD request gets the headers, including the
    length of the body it would have received.
    """
    response = HttpResponse(content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(attachment, filename)
    response["ETag"] = etag
    timestamp = None
    if last_modified is not None:
        timestamp = int(last_modified.timestamp())
        response["Last-Modified"] = _http_date(timestamp)
    patch_cache_control(response, **conf.feed_cache_control())
    answer = get_conditional_response(
        request, etag=etag, last_modified=timestamp, response=response
    )
    if answer is not response:
        return answer
    data = body()
    if request.method != "HEAD":
        response.content = data
    response["Content-Length"] = str(len(data))
    return response
