"""HTTP for calendar feeds: headers that let calendar programs, proxies and CDNs poll cheaply.

Thousands of calendar programs ask for the same feed every few hours, and almost always nothing
has changed. The feed is built first and its bytes hashed, then Django's own conditional-GET rules
(:func:`django.utils.cache.get_conditional_response`, the same ones ``ConditionalGetMiddleware``
applies) turn a matching ``If-None-Match`` or ``If-Modified-Since`` into a 304: the strong ETag
is exact by construction, because it *is* the content, whatever changed it.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date, quote_etag

from . import conf

__all__ = ["CALENDAR_CONTENT_TYPE", "calendar_response", "strong_etag"]

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def strong_etag(body: bytes) -> str:
    """A quoted strong ETag for ``body``: equal bytes, equal tag, on every server."""
    return quote_etag(hashlib.sha256(body).hexdigest()[:40])


def calendar_response(
    request: HttpRequest,
    body: bytes,
    *,
    filename: str,
    last_modified: dt.datetime | None,
    attachment: bool = False,
) -> HttpResponse:
    """The feed with caching headers, or a 304 / 412 when the request's conditions say so.

    ``inline`` suits subscriptions (the client reads the feed itself); a one-meeting download is
    an ``attachment`` so a desktop browser saves it for the calendar program to open. A HEAD
    request gets the headers, including the length of the body it would have received.
    """
    response = HttpResponse(b"" if request.method == "HEAD" else body)
    response["Content-Type"] = CALENDAR_CONTENT_TYPE
    response["Content-Length"] = str(len(body))
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["ETag"] = strong_etag(body)
    timestamp = None
    if last_modified is not None:
        timestamp = int(last_modified.timestamp())
        response["Last-Modified"] = http_date(timestamp)
    patch_cache_control(response, **conf.feed_cache_control())
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=timestamp, response=response
    )
