"""The site's absolute addresses and its name: one rule for pages, feeds and JSON-LD.

Within a response every absolute address uses the request's host, whatever the ``Site`` record
says; without a request (an export, a command) the ``Site``'s root URL is all there is. The name
is the ``Site``'s, else ``WAGTAIL_SITE_NAME``, else the host name.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Site

__all__ = ["absolute_url", "site_name"]


def admin_url(viewname: str, *args: Any) -> str:
    """An admin address for an email, which has no request: ``WAGTAILADMIN_BASE_URL`` and the
    view's path, or ``""`` when the setting is missing (an email then names no link)."""
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    return base + reverse(viewname, args=args) if base else ""


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
