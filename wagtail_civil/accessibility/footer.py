"""Where a site's accessibility statement is, for the link in every page's footer.

Every page shows the link, so the answer is kept in Django's cache per site and forgotten (a
new token in every key) whenever a statement is saved, published, unpublished, moved or deleted,
or a view restriction or a site changes: a page then costs no query for it.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_slug_changed, post_page_move

from ..models import AccessibilityStatementPage

__all__ = ["connect", "forget", "statement_url"]

_TOKEN_KEY = "wagtail_civil:accessibility-statement:token"
_TIMEOUT = 24 * 3600


def _token() -> str:
    token = cache.get(_TOKEN_KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.set(_TOKEN_KEY, token, None)
    return token


def forget(*args: Any, **kwargs: Any) -> None:
    """Forget every site's answer (a receiver of the signals in :func:`connect`)."""
    cache.set(_TOKEN_KEY, uuid.uuid4().hex, None)


def statement_url(request: HttpRequest | None) -> str:
    """The address of the live, public statement of the request's site, or ``""``."""
    if request is None:
        return ""
    site = Site.find_for_request(request)
    if site is None:
        return ""
    roots = [root for root in Site.get_site_root_paths() if root.site_id == site.pk]
    if not roots:
        return ""
    key = f"wagtail_civil:accessibility-statement:{_token()}:{site.pk}:{roots[0].root_path}"
    found = cache.get(key)
    if found is None:
        page = (
            AccessibilityStatementPage.objects.live().public()
            .filter(url_path__startswith=roots[0].root_path).order_by("path").first()
        )  # fmt: skip
        found = (page.get_url(request) or "") if page is not None else ""
        cache.set(key, found, _TIMEOUT)
    return found


def connect() -> None:
    for signal in (post_save, post_delete):
        for sender in (AccessibilityStatementPage, PageViewRestriction, Site):
            uid = f"civil-a11y-{sender.__name__}-{id(signal)}"
            signal.connect(forget, sender=sender, dispatch_uid=uid)
    post_page_move.connect(forget, dispatch_uid="civil-a11y-moved")
    page_slug_changed.connect(forget, dispatch_uid="civil-a11y-slug")
