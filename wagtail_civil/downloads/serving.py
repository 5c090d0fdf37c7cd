"""Serving a download as the feeds are served: ETag, Last-Modified, Cache-Control, 304.

A download's version key is made from the feeds' change stamp (:mod:`..feeds.stamp`), which
moves with every write that can change a published page, organisation or category, in the
same transaction. So the key, the strong ETag and the cache key of the bytes are known before
anything is built: a client or proxy that asks again gets a 304, and a second reader gets the
bytes from this process or from Django's cache (:mod:`..feeds.cache`, which never takes a
response down). A front-end cache is purged through the list page's ``get_cached_paths()``,
which names the download addresses too (:mod:`..purging` purges the list pages).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from anyascii import anyascii
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from civilsamhalle import __version__

from .. import conf
from ..feeds import stamp as feed_stamp
from ..feeds import versions
from ..feeds.cache import cache_get, cache_set
from ..http import calendar_response, feed_headers, strong_etag

__all__ = ["BadQuery", "bad_query_response", "file_name", "serve_download"]

# A download behind a view restriction was let through by Wagtail for this visitor only.
_PRIVATE = {"private": True, "no_store": True}


class BadQuery(ValueError):
    """A query value the download cannot use: answered 400 with the reason (never a 500)."""


def bad_query_response(error: BadQuery) -> HttpResponse:
    """A 400 in the visitor's language, plain text: a script's author reads it in a terminal."""
    # Translators: the start of the answer to a download address with a wrong value after "?"
    text = _("The address asks for something this download cannot give:") + f" {error}\n"
    return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")


def file_name(page: Any, suffix: str) -> str:
    """``<page slug><suffix>`` in ASCII, as the feeds name theirs: "Möten" gives ``moten.csv``."""
    return f"{slugify(anyascii(page.slug)) or 'download'}{suffix}"


def _day_start() -> dt.datetime:
    """Local midnight: what a download that depends on the time of day is fixed to."""
    local = timezone.localtime(timezone.now(), ZoneInfo(conf.time_zone()))
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def serve_download(
    request: HttpRequest,
    page: Any,
    *,
    name: str,
    filename: str,
    content_type: str,
    build: Callable[[dt.datetime], bytes],
    attachment: bool = True,
) -> HttpResponse:
    """The download ``name`` of the list ``page``, or a 304 when the client has it already.

    ``build(day_start)`` makes the bytes; it is called only when they are neither remembered
    nor cached. Wagtail has already checked the page's view restriction before routing here;
    a restricted page's download is then marked ``private, no-store`` so no shared cache keeps
    what only this visitor may read.
    """
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    stamp = feed_stamp.current()
    day_start = _day_start()
    identity = versions.identity(page, request, stamp.token, day_start, (name, page.pk))
    version = versions.known(identity)
    if version is None:
        restricted = page.get_view_restrictions().exists()
        parts = (
            __version__,
            "download",
            name,
            page.pk,
            stamp.token,
            day_start.isoformat(),
            translation.get_language(),
            request.scheme,
            request.get_host(),
            sorted(request.GET.lists()),
            restricted,
            conf.time_zone(),  # the times' offsets
            conf.uid_domain(),  # the meetings' UIDs
        )
        key = hashlib.sha256(repr(parts).encode()).hexdigest()
        changed = (stamp.changed_at, day_start, getattr(page, "last_published_at", None))
        version = versions.Version(
            key=key,
            headers=feed_headers(
                etag=strong_etag(key.encode()),
                filename=filename,
                last_modified=max((c for c in changed if c is not None), default=None),
                attachment=attachment,
                content_type=content_type,
                cache_control=_PRIVATE if restricted else None,
            ),
        )
        versions.remember(identity, version)
    return calendar_response(request, lambda: _body(version.key, day_start, build), version.headers)


def _body(key: str, day_start: dt.datetime, build: Callable[[dt.datetime], bytes]) -> bytes:
    """The bytes of this version: from this process, else the cache, else built (and kept)."""
    remembered = versions.known_body(key)
    if remembered is not None:
        return remembered
    cache_key = f"wagtail_civil:download:{key}"
    cached = cache_get(cache_key)
    if isinstance(cached, bytes):
        versions.remember_body(key, cached)
        return cached
    data = build(day_start)
    cache_set(cache_key, data)
    versions.remember_body(key, data)
    return data
