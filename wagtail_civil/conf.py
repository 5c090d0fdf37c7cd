"""The app's settings, each with a default, read at call time so tests can override them."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings


def uid_domain() -> str:
    """The domain that qualifies every event UID (``<uuid>@<domain>``).

    Calendar programs recognise an event by its UID for years, so this must be set once and never
    changed: ``WAGTAIL_CIVIL_UID_DOMAIN``. Without it the host of ``WAGTAILADMIN_BASE_URL`` is used.
    """
    explicit = getattr(settings, "WAGTAIL_CIVIL_UID_DOMAIN", "")
    if explicit:
        return explicit
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return urlsplit(base).hostname or "localhost"


def time_zone() -> str:
    """The municipality's time zone: ``WAGTAIL_CIVIL_TIME_ZONE``, else Django's ``TIME_ZONE``."""
    return getattr(settings, "WAGTAIL_CIVIL_TIME_ZONE", "") or settings.TIME_ZONE


def feed_refresh_interval() -> timedelta:
    """How often calendar programs are asked to poll a feed (``WAGTAIL_CIVIL_FEED_REFRESH``)."""
    return getattr(settings, "WAGTAIL_CIVIL_FEED_REFRESH", timedelta(hours=6))


def cancelled_visible_for() -> timedelta:
    """How long a cancelled meeting stays in feeds after its start.

    ``WAGTAIL_CIVIL_CANCELLED_VISIBLE``, a ``timedelta``.
    """
    return getattr(settings, "WAGTAIL_CIVIL_CANCELLED_VISIBLE", timedelta(days=90))


def feed_max_age() -> int:
    """Cache-Control max-age in seconds for feeds (``WAGTAIL_CIVIL_FEED_MAX_AGE``)."""
    return int(getattr(settings, "WAGTAIL_CIVIL_FEED_MAX_AGE", 900))


def feed_past_days() -> int:
    """How many days back feeds keep meetings that were held (``WAGTAIL_CIVIL_FEED_PAST_DAYS``).

    Calendar programs keep what they once received, but a subscriber who joins today should still
    see last spring's dialogue; beyond a year the feed only grows, so older meetings are left out.
    """
    return int(getattr(settings, "WAGTAIL_CIVIL_FEED_PAST_DAYS", 365))
