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

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import (
    content_disposition_header,
    http_date,
    parse_etags,
    parse_http_date,
    quote_etag,
)

from . import conf

__all__ = ["CALENDAR_CONTENT_TYPE", "calendar_response", "feed_headers", "strong_etag"]

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def strong_etag(data: bytes) -> str:
    """A quoted strong ETag for ``data``: equal bytes, equal tag, on every server."""
    return quote_etag(hashlib.sha256(data).hexdigest()[:40])


def feed_headers(
    *,
    etag: str,
    filename: str,
    last_modified: dt.datetime | None,
    attachment: bool = False,
    content_type: str = CALENDAR_CONTENT_TYPE,
    cache_control: dict[str, bool | int] | None = None,
) -> dict[str, str]:
    """The headers of one version of a feed, made once and sent with every poll of it.

    ``inline`` suits subscriptions (the client reads the feed itself); a one-meeting download is
    an ``attachment`` so a desktop browser saves it for the calendar program to open. The data
    downloads (:mod:`.downloads`) are served the same way with their own ``content_type``, and
    ``cache_control`` when a shared cache must not keep them.
    """
    probe = HttpResponse()
    patch_cache_control(probe, **(cache_control or conf.feed_cache_control()))
    headers = {
        "Content-Type": content_type,
        "Content-Disposition": content_disposition_header(attachment, filename),
        "ETag": etag,
        "Cache-Control": probe["Cache-Control"],
    }
    if last_modified is not None:
        headers["Last-Modified"] = http_date(int(last_modified.timestamp()))
    return headers


# What a 304 repeats of the 200 (RFC 9110, 15.4.5), as Django's own conditional responses do.
_NOT_MODIFIED_HEADERS = ("Cache-Control", "ETag", "Last-Modified")


def _not_modified(request: HttpRequest, etag: str) -> bool:
    """Whether a GET or HEAD with only ``If-None-Match`` names this ETag (or ``*``).

    The one condition calendar programs send, answered without building a 200 first; any other
    condition (``If-Match``, ``If-Unmodified-Since``) goes through Django's
    :func:`~django.utils.cache.get_conditional_response`, whose comparison this is
    (weak, as RFC 9110 says for If-None-Match). ``If-Modified-Since`` is ignored beside it.
    """
    meta = request.META
    header = meta.get("HTTP_IF_NONE_MATCH")
    if not header or request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_IF_MATCH" in meta or "HTTP_IF_UNMODIFIED_SINCE" in meta:
        return False
    if header == etag:  # what a calendar program sends back: no parsing needed
        return True
    tags = parse_etags(header)
    return tags == ["*"] or etag.removeprefix("W/") in (t.removeprefix("W/") for t in tags)


# The request headers Django's get_conditional_response() reads; without any it changes nothing.
_CONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def calendar_response(
    request: HttpRequest, body: Callable[[], bytes], headers: dict[str, str]
) -> HttpResponse:
    """The feed with ``headers`` (:func:`feed_headers`), or a 304 / 412 when the request's
    conditions say so; ``body`` is called only when the feed is sent. A HEAD request gets the
    headers, including the length of the body it would have received.
    """
    if _not_modified(request, headers["ETag"]):
        return HttpResponseNotModified(
            headers={name: headers[name] for name in _NOT_MODIFIED_HEADERS if name in headers}
        )
    response = HttpResponse(headers=headers)
    meta = request.META
    if any(name in meta for name in _CONDITIONS):
        modified = headers.get("Last-Modified")
        answer = get_conditional_response(
            request,
            etag=headers["ETag"],
            last_modified=parse_http_date(modified) if modified else None,
            response=response,
        )
        if answer is not response:
            return answer
    data = body()
    if request.method != "HEAD":
        response.content = data
    response["Content-Length"] = str(len(data))
    return response
