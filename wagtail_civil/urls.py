"""The calendar feeds' URLs and the registrant's personal page, included ahead of Wagtail's
(docs/install.md)::

    path("", include("wagtail_civil.urls")),
    path("", include(wagtail_urls)),

The patterns are those of the feeds registered when the URLs are first read, a site's own feeds
too; link to them with :func:`wagtail_civil.feed_urls.feed_path`.
"""

from __future__ import annotations

from typing import Any

from django.urls import path

from .feeds import feed_urlpatterns
from .registration.personal import personal_page

app_name = "wagtail_civil"


def __getattr__(name: str) -> Any:
    """``urlpatterns``, read from the registry each time Django builds its URL resolver."""
    if name == "urlpatterns":
        return [
            *feed_urlpatterns(),
            path("registrations/<str:token>/", personal_page, name="registration"),
        ]
    raise AttributeError(name)
