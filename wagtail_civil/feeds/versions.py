"""What a process remembers between polls, so that a 304 costs one query.

A feed's version (its key, ETag and ``Last-Modified``) follows from the change stamp, the day,
the language, the address the request came to and the feed's own :meth:`version_parts`; the
process keeps it under those, and the next poll with the same ones reads the stamp and nothing
else. The site found for a host is kept the same way. Both are forgotten when the stamp moves,
since every write that can change a feed, a site or a page moves it
(docs/architecture.md, "Why a 304 costs one query").
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Site

__all__ = [
    "Version",
    "forget",
    "identity",
    "known",
    "known_body",
    "remember",
    "remember_body",
    "remember_site",
]

_LIMIT = 4096  # feeds × languages × hosts a process keeps; all are forgotten past it


@dataclass(frozen=True)
class Version:
    key: str  # the version key: the cache key of the bytes
    headers: dict[str, str]  # ETag, Last-Modified, Cache-Control, Content-Disposition


_KNOWN: dict[tuple[Any, ...], Version] = {}
# The bytes of the versions served last, by version key, up to _BODY_LIMIT bytes in all: a
# feed of 1,000 meetings is over a megabyte, and reading it back from the cache (a copy into
# fresh memory) cost more than the rest of the request.
_BODIES: OrderedDict[str, bytes] = OrderedDict()
_BODY_LIMIT = 32 * 1024 * 1024
_body_bytes = 0
_SITES: dict[tuple[str, str, str], Site] = {}
_settings_generation = 0


def identity(
    feed: Any, request: HttpRequest, token: str, day_start: dt.datetime, parts: tuple[Any, ...]
) -> tuple[Any, ...] | None:
    """What a feed's version follows from, besides the database; ``None`` before any change
    was recorded (nothing then tells one database from another)."""
    if token == "0":
        return None
    return (
        type(feed),
        token,
        day_start,
        translation.get_language(),
        request.scheme,
        request._get_raw_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),  # as sent: get_full_path() re-encodes it
        parts,
        _settings_generation,
    )


def known(key: tuple[Any, ...] | None) -> Version | None:
    return _KNOWN.get(key) if key is not None else None


def remember(key: tuple[Any, ...] | None, version: Version) -> None:
    if key is None:
        return
    if len(_KNOWN) >= _LIMIT:
        _KNOWN.clear()
    _KNOWN[key] = version


def known_body(key: str) -> bytes | None:
    return _BODIES.get(key)


def remember_body(key: str, data: bytes) -> None:
    """Keep ``data`` in this process, forgetting the oldest bodies past the limit."""
    global _body_bytes
    if key in _BODIES or len(data) > _BODY_LIMIT // 4:
        return
    _BODIES[key] = data
    _body_bytes += len(data)
    while _body_bytes > _BODY_LIMIT and _BODIES:
        _old_key, old = _BODIES.popitem(last=False)
        _body_bytes -= len(old)


def remember_site(request: HttpRequest, token: str) -> None:
    """Give ``request`` the site found for its host before, while the stamp is the same.

    Wagtail reads it from ``request._wagtail_site``, where ``Site.find_for_request`` keeps
    what it found; its lookup was most of what a 304 cost.
    """
    if token == "0":
        return
    key = (token, request._get_raw_host(), str(request.get_port()))
    remembered = _SITES.get(key)
    if remembered is not None:
        request._wagtail_site = remembered
        return
    found = Site.find_for_request(request)
    if found is not None:
        if len(_SITES) >= 64:
            _SITES.clear()
        _SITES[key] = found


def forget() -> None:
    """Forget every remembered version and site, as a process that just started
    (a benchmark's cold request, a test that plays another server)."""
    global _body_bytes
    _KNOWN.clear()
    _SITES.clear()
    _BODIES.clear()
    _body_bytes = 0


@receiver(setting_changed)
def _forget(**kwargs: Any) -> None:
    """A test changed a setting: versions made under the old ones no longer hold."""
    global _settings_generation
    _settings_generation += 1
    forget()
