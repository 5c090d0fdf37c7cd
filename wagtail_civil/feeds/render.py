"""From the meeting pages a feed shows to the bytes it serves.

One function, so the view (:mod:`.base`) decides *whether* to build and this module *how*:
the meetings are fetched as rows in one query (:func:`..models.meeting_rows.feed_rows`), and
each meeting's VEVENT is kept in Django's cache under a hash of everything it is made from (its
row with the names of its organisations and categories, the feed's words, UID domain and zone,
the request's scheme and host, the package version). A key changes with the content, so nothing
is ever invalidated; after one meeting of a thousand changed, one event is serialised again and
the feed is assembled from the pieces (:func:`civilsamhalle.calendar.assemble_feed`), byte for
byte what a full render writes. A cache that is down only makes every event a miss.
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import astuple
from itertools import repeat
from typing import Any

from django.db.models import QuerySet
from django.db.models.base import ModelState
from django.http import HttpRequest
from wagtail.models import Site

from civilsamhalle import __version__
from civilsamhalle.calendar import FeedInfo, FeedLabels
from civilsamhalle.calendar.feed import EventPiece, assemble_feed, event_piece

from .. import conf
from ..feed_words import feed_labels
from ..models.meeting_rows import FeedRows, feed_rows, meeting_from_row
from ..sites import absolute_url
from .cache import cache_get_many, cache_set_many

__all__ = ["render_feed"]

logger = logging.getLogger(__name__)

KEY_PREFIX = "civil:vevent:2:"  # the number changes with what a cached piece holds


def render_feed(pages: Any, info: FeedInfo, request: HttpRequest) -> bytes:
    """The feed of ``pages`` (a ``MeetingPage`` queryset, windowed and narrowed) as bytes."""
    with _collector_paused():
        return _render(pages, info, request)


def _render(pages: Any, info: FeedInfo, request: HttpRequest) -> bytes:
    if isinstance(pages, QuerySet):
        rows, models = feed_rows(pages), repeat(pages.model)
    else:  # a hook may give pages (the single-meeting feed does): their rows, no query
        pages = list(pages)
        rows, models = FeedRows.of([page.feed_row() for page in pages]), map(type, pages)
    labels = feed_labels(info.language)
    context = _context(info, labels, request)
    keys = [KEY_PREFIX + _digest(context, raw) for raw in rows.raw]
    found = cache_get_many(keys) if keys else {}
    made: dict[str, EventPiece] = {}
    start, uid = rows.names.index("start"), rows.names.index("uid")
    kept: list[tuple[Any, str, EventPiece]] = []
    for raw, key, model in zip(rows.raw, keys, models, strict=False):
        piece = found.get(key)
        if not isinstance(piece, EventPiece):
            piece = _piece(model, rows.row(raw), info, labels, request)
            if piece is None:
                continue
            made[key] = piece
        # The rows' own start as fetched (the database ordered by it), then the UID.
        kept.append((raw[start], str(raw[uid]), piece))
    cache_set_many(made)
    kept.sort(key=lambda item: (item[0], item[1]))
    return assemble_feed(info, (piece for _start, _uid, piece in kept))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection while a feed is made: a thousand events make millions of
    short-lived objects, none in a cycle, and the collector then took a fifth of the request
    scanning the whole heap of a Django process again and again. It runs again afterwards."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _context(info: FeedInfo, labels: FeedLabels, request: HttpRequest) -> bytes:
    """What every event of this request is made from besides its row, as a digest.

    Not the feed's name or address: an event does not show them, so the feeds of all meetings,
    of a category and of an organisation share their pieces."""
    parts = (
        __version__,
        info.uid_domain,
        info.language,
        astuple(labels),
        conf.time_zone(),
        request.scheme,
        request.get_host(),
        Site.get_site_root_paths(),  # what page URLs are made from (cached by Wagtail)
    )
    return hashlib.blake2b(repr(parts).encode()).digest()


def _digest(context: bytes, raw: Sequence[Any]) -> str:
    return hashlib.blake2b(context + repr(raw).encode()).hexdigest()


def _piece(
    model: Any, row: dict[str, Any], info: FeedInfo, labels: FeedLabels, request: HttpRequest
) -> EventPiece | None:
    """The meeting's serialised event, or nothing: one meeting with data the domain rejects
    must not take every subscriber's calendar down; the editor sees the error on next save."""
    page = _page(model, row)
    try:
        meeting = meeting_from_row(row, absolute_url(page, request))
    except ValueError:  # pydantic's ValidationError, or an unknown choice value
        logger.warning("Meeting %s left out of a feed: invalid data", row["id"], exc_info=True)
        return None
    return event_piece(meeting, info, labels)


def _page(model: Any, row: dict[str, Any]) -> Any:
    """The page as Wagtail's own ``get_url()`` needs it: its id and URL path, as a page loaded
    with every other field deferred would be, without setting up eighty fields."""
    page = model.__new__(model)
    page.__dict__.update(
        id=row["id"], page_ptr_id=row["id"], url_path=row["url_path"], _state=ModelState()
    )
    return page
