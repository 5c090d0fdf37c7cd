"""Where a calendar feed lives, for templates, blocks and the feed views.

A site that has not included ``wagtail_civil.urls`` gets no links (``None``), not an error.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .feeds import FEEDS

__all__ = ["feed_path", "feed_urls"]


def feed_path(kind: str, obj: Any = None) -> str | None:
    """The path of a feed (``/calendar/agreements/12.ics``), or ``None`` when there is none.

    ``kind`` is a registered feed's (:data:`wagtail_civil.feeds.FEEDS`); ``None`` for an unknown
    kind, and as :meth:`wagtail_civil.feeds.MeetingFeed.path_for` says.
    """
    feed = FEEDS.get(kind)
    return feed.path_for(obj) if feed is not None else None


def feed_urls(request: HttpRequest, path: str) -> dict[str, str]:
    """The two forms a subscribe box offers for one feed path.

    ``webcal`` opens the subscription dialog of Apple Calendar, Outlook and Thunderbird;
    ``https`` is the same address to copy, for Google Calendar and Outlook on the web, which only
    take http(s). ``https`` uses the scheme the request came in on, so a site behind a proxy must
    set ``SECURE_PROXY_SSL_HEADER`` for it to read ``https://``.
    """
    absolute = request.build_absolute_uri(path)
    _scheme, _sep, rest = absolute.partition("://")
    return {"https": absolute, "webcal": f"webcal://{rest}"}
