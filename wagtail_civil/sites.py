"""One rule for the site's absolute addresses and its name, in pages, feeds and JSON-LD.

Within a response every absolute address uses the host the request came in on: a page, the feed
it links to, the "more information" link inside that feed, the Google and Outlook links and the
JSON-LD all say the same ``scheme://host:port``, whatever the Wagtail ``Site`` record says (a
fresh ``wagtail start`` site says ``localhost:80``; a demo may run on another port). Wagtail's
:meth:`Page.get_url` gives the path for a page of the request's own site and a full URL for a
page of another site, and :meth:`HttpRequest.build_absolute_uri` completes the first and leaves
the second alone. Without a request (a data export, a management command) the ``Site`` record's
root URL is all there is, so the installer sets the Site's hostname and port.

The site's name has one rule too: the ``Site``'s name, else ``WAGTAIL_SITE_NAME``, else the
host name; the page header, the page title and every feed's name use it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Site

__all__ = ["absolute_url", "site_name"]


def absolute_url(obj: Any, request: HttpRequest | None = None) -> str | None:
    """``obj``'s address with scheme and host (a page, an organisation: anything with
    ``get_url``/``get_full_url``); the request's host when there is a request. ``None`` when the
    object has no public address."""
    if request is None:
        return obj.get_full_url()
    url = obj.get_url(request)
    if not url:
        return None
    return request.build_absolute_uri(url)


def site_name(site: Site | None = None, request: HttpRequest | None = None) -> str:
    """The site's name for headers, titles and feeds: ``Site.site_name``, else
    ``WAGTAIL_SITE_NAME``, else the site's host name (``""`` only without any of them)."""
    if site is None and request is not None:
        site = Site.find_for_request(request)
    if site is not None and site.site_name:
        return site.site_name
    configured = getattr(settings, "WAGTAIL_SITE_NAME", "") or ""
    return configured or (site.hostname if site is not None else "")
