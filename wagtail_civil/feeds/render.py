"""From the meeting pages a feed shows to the bytes it serves.

One function, so the view (:mod:`.base`) decides *whether* to build and this module *how*:
what to fetch, how to convert, what to reuse.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest

from civilsamhalle.calendar import FeedInfo, feed_bytes

from ..feed_words import feed_labels

__all__ = ["render_feed"]

logger = logging.getLogger(__name__)


def render_feed(pages: Any, info: FeedInfo, request: HttpRequest) -> bytes:
    """The feed of ``pages`` (a ``MeetingPage`` queryset, windowed and narrowed) as bytes."""
    meetings = []
    for page in pages:
        meetings += _to_domain(page, request)
    return feed_bytes(meetings, info, feed_labels(info.language))


def _to_domain(page: Any, request: HttpRequest) -> list[Any]:
    """The meeting as the core's model, or nothing: one meeting with data the domain rejects
    must not take every subscriber's calendar down; the editor sees the error on next save."""
    try:
        return [page.to_domain(request)]
    except ValueError:  # pydantic's ValidationError, or an unknown choice value
        logger.warning("Meeting %s left out of a feed: invalid data", page.pk, exc_info=True)
        return []
