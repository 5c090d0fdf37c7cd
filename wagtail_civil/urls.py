"""Non-page URLs of the app: the calendar feeds. Include ahead of Wagtail's own URLs::

    path("", include("wagtail_civil.urls")),
    path("", include(wagtail_urls)),

Wagtail's page serving only routes paths made of ``[\\w-]+/`` segments, so it can never answer
``calendar/all.ics``; and the paths carry primary keys, never slugs, so a subscription keeps
working for years while editors rename things. The patterns are those of the feeds registered
in :data:`wagtail_civil.feeds.FEEDS` when the URLs are first read, so a site's own feed
(:func:`wagtail_civil.feeds.register_feed`) is served here too. Use
:func:`wagtail_civil.feed_urls.feed_path` rather than reversing the names by hand.
"""

from __future__ import annotations

from typing import Any

from .feeds import feed_urlpatterns

app_name = "wagtail_civil"


def __getattr__(name: str) -> Any:
    """``urlpatterns``, read from the registry each time Django builds its URL resolver."""
    if name == "urlpatterns":
        return feed_urlpatterns()
    raise AttributeError(name)
