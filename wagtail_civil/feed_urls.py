"""Where a calendar feed lives, for templates, blocks and the feed views.

Every feed URL carries the object's primary key, never its slug: a calendar program polls the URL
it was given for years, and an editor who renames an organisation must not break every
subscription to it. The paths are reversed from the ``wagtail_civil`` URL namespace, so a site
that has not included ``wagtail_civil.urls`` simply gets no links (``None``) instead of an error.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

__all__ = ["FEED_URL_NAMES", "feed_path", "feed_urls"]

# kind -> (URL name in the ``wagtail_civil`` namespace, URL keyword, attribute of the object)
FEED_URL_NAMES: dict[str, tuple[str, str | None, str | None]] = {
    "all": ("feed_all", None, None),
    "index": ("feed_index", "pk", "pk"),
    "agreement": ("feed_agreement", "pk", "pk"),
    "organisation": ("feed_organisation", "pk", "pk"),
    "category": ("feed_category", "pk", "pk"),
    "meeting": ("feed_meeting", "pk", "pk"),
}


def feed_path(kind: str, obj: Any = None) -> str | None:
    """The path of a feed (``/calendar/agreements/12.ics``), or ``None`` when there is none.

    ``None`` for an unknown kind, a kind that needs an object but got none or an unsaved one, an
    object that is not published (``live`` false: its feed answers 404), or a site without the
    app's URLs. Whether a *page* sits behind a view restriction is not checked here, because that
    costs a query per call; the feed answers 404 for it, and the page showing the link is then
    itself restricted.
    """
    name, kwarg, attribute = FEED_URL_NAMES.get(kind, (None, None, None))
    if name is None:
        return None
    kwargs: dict[str, Any] = {}
    if kwarg is not None:
        value = getattr(obj, attribute, None) if obj is not None else None
        if value is None or getattr(obj, "live", True) is False:
            return None
        kwargs[kwarg] = value
    try:
        return reverse(f"wagtail_civil:{name}", kwargs=kwargs)
    except NoReverseMatch:
        return None


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
