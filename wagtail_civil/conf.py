"""The app's settings, each with a default, read at call time so tests can override them
(the time zone is kept until Django says a setting changed)."""

from __future__ import annotations

import ipaddress
import tempfile
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver


def uid_domain() -> str:
    """The domain that qualifies every event UID (``<uuid>@<domain>``).

    Set once and never changed (UIDs never change): ``WAGTAIL_CIVIL_UID_DOMAIN``. Without it the
    host of ``WAGTAILADMIN_BASE_URL`` is used.
    """
    explicit = getattr(settings, "WAGTAIL_CIVIL_UID_DOMAIN", "")
    if explicit:
        return explicit
    return admin_base_host() or "localhost"


def admin_base_host() -> str:
    """The host name of ``WAGTAILADMIN_BASE_URL``, or ``""`` when it is unset or has none."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    try:
        return urlsplit(base).hostname or ""
    except ValueError:  # an unparseable URL ("http://[::1") names no host
        return ""


# Names that can never be a municipality's own domain (RFC 2606, RFC 6761, RFC 6762).
PLACEHOLDER_DOMAINS = ("example.com", "example.org", "example.net", "localhost")
PLACEHOLDER_TOP_LEVEL = ("example", "invalid", "local", "localhost", "test")


def is_placeholder_host(host: str) -> bool:
    """Whether ``host`` is a stand-in rather than a domain someone owns.

    ``wagtail start`` writes ``WAGTAILADMIN_BASE_URL = "http://example.com"``; a UID domain taken
    from it (or from localhost, an IP address, a single label such as ``testserver``, or a
    reserved name such as ``*.test``) would be published in every feed and could never change.
    """
    name = host.strip().strip("[]").rstrip(".").lower()
    if not name:
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        pass
    else:
        return True
    if "." not in name:
        return True
    if any(name == domain or name.endswith("." + domain) for domain in PLACEHOLDER_DOMAINS):
        return True
    return name.rsplit(".", 1)[1] in PLACEHOLDER_TOP_LEVEL


@cache
def time_zone() -> str:
    """The municipality's time zone: ``WAGTAIL_CIVIL_TIME_ZONE``, else Django's ``TIME_ZONE``.

    Kept until a setting changes: every feed request reads it, and an unset setting is an
    exception inside Django's settings object each time it is asked for."""
    return getattr(settings, "WAGTAIL_CIVIL_TIME_ZONE", "") or settings.TIME_ZONE


@receiver(setting_changed)
def _setting_changed(setting: str, **kwargs: Any) -> None:
    if setting in ("WAGTAIL_CIVIL_TIME_ZONE", "TIME_ZONE"):
        time_zone.cache_clear()


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


def feed_stale_while_revalidate() -> int:
    """Seconds past max-age a cache may answer with its copy while it fetches a new one
    (``WAGTAIL_CIVIL_FEED_STALE_WHILE_REVALIDATE``, 0 leaves the directive out).

    A day: a feed polled at least daily is always answered from the cache at once, and the copy
    it gets is at most one poll old (and none at all once purging tells the cache of a change).
    """
    return int(getattr(settings, "WAGTAIL_CIVIL_FEED_STALE_WHILE_REVALIDATE", 24 * 60 * 60))


def feed_stale_if_error() -> int:
    """Seconds past max-age a cache may answer with its copy while the site answers errors
    (``WAGTAIL_CIVIL_FEED_STALE_IF_ERROR``, 0 leaves the directive out).

    A week: during an outage a calendar program gets last week's meetings rather than an error,
    which some programs take as a reason to drop the subscription's events.
    """
    return int(getattr(settings, "WAGTAIL_CIVIL_FEED_STALE_IF_ERROR", 7 * 24 * 60 * 60))


def feed_cache_control() -> dict[str, bool | int]:
    """The feeds' ``Cache-Control`` directives, as keyword arguments of ``patch_cache_control``."""
    directives: dict[str, bool | int] = {"public": True, "max_age": feed_max_age()}
    for name, seconds in (
        ("stale_while_revalidate", feed_stale_while_revalidate()),
        ("stale_if_error", feed_stale_if_error()),
    ):
        if seconds > 0:
            directives[name] = seconds
    return directives


def purge_feeds() -> bool:
    """Whether changes purge feeds and listing pages from the site's front-end caches
    (``WAGTAIL_CIVIL_PURGE_FEEDS``); needs ``wagtail.contrib.frontend_cache`` as well."""
    return bool(getattr(settings, "WAGTAIL_CIVIL_PURGE_FEEDS", True))


def feed_past_days() -> int:
    """How many days back feeds keep meetings that were held (``WAGTAIL_CIVIL_FEED_PAST_DAYS``).

    Calendar programs keep what they once received, but a subscriber who joins today should still
    see last spring's dialogue; beyond a year the feed only grows, so older meetings are left out.
    """
    return int(getattr(settings, "WAGTAIL_CIVIL_FEED_PAST_DAYS", 365))


def feed_cache_alias() -> str:
    """The cache (a key of ``CACHES``) feeds are kept in: ``WAGTAIL_CIVIL_FEED_CACHE``.

    ``default`` unless set. With several app servers it must be shared (Redis), so that a change
    published through one server is seen by the next request to any other.
    """
    return getattr(settings, "WAGTAIL_CIVIL_FEED_CACHE", "default")


def feed_cache_timeout() -> int:
    """Seconds a built feed or event stays cached (``WAGTAIL_CIVIL_FEED_CACHE_TIMEOUT``).

    Keys change whenever content does, so this only bounds how long unused entries take space.
    """
    return int(getattr(settings, "WAGTAIL_CIVIL_FEED_CACHE_TIMEOUT", 7 * 24 * 3600))


def task_backend() -> str:
    """The tasks backend (a key of ``TASKS``) registration emails are queued in:
    ``WAGTAIL_CIVIL_TASK_BACKEND``, ``default`` unless set (docs/registration.md)."""
    return getattr(settings, "WAGTAIL_CIVIL_TASK_BACKEND", "default")


def registration_notify() -> list[str]:
    """Addresses told when a meeting's seats are 80 % and 100 % taken, besides the meeting's
    contact email: ``WAGTAIL_CIVIL_REGISTRATION_NOTIFY``, a list (empty unless set)."""
    addresses = getattr(settings, "WAGTAIL_CIVIL_REGISTRATION_NOTIFY", None) or []
    if isinstance(addresses, str):
        addresses = [addresses]
    return [address.strip() for address in addresses if address and address.strip()]


def registration_retention_days() -> int:
    """Days after a meeting that registrants' personal data is kept
    (``WAGTAIL_CIVIL_REGISTRATION_RETENTION_DAYS``); the form's privacy text names it."""
    return int(getattr(settings, "WAGTAIL_CIVIL_REGISTRATION_RETENTION_DAYS", 90))


def retention_days_problem(name: str, default: int) -> str | None:
    """What is wrong with the retention setting ``name``, or ``None``.

    It must be a whole number of days, 0 or more: erasing personal data on a guess (a string, a
    ``timedelta``, a negative number that would reach into meetings still ahead) is worse than
    not erasing, so the erasing commands refuse and ``manage.py check`` warns.
    """
    value = getattr(settings, name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return f"{name} is {value!r}; it must be a whole number of days, 0 or more."
    return None


def registration_retention_problem() -> str | None:
    """What is wrong with ``WAGTAIL_CIVIL_REGISTRATION_RETENTION_DAYS``, or ``None``."""
    return retention_days_problem("WAGTAIL_CIVIL_REGISTRATION_RETENTION_DAYS", 90)


def registration_rate_limit() -> tuple[int, int] | None:
    """How many registration attempts one client may post to one meeting, and in how many
    seconds (``WAGTAIL_CIVIL_REGISTRATION_RATE_LIMIT``, default ``(10, 600)``); ``None``: no
    limit (e.g. for a load test from one address)."""
    limit = getattr(settings, "WAGTAIL_CIVIL_REGISTRATION_RATE_LIMIT", (10, 600))
    if limit is None:
        return None
    count, seconds = limit
    return int(count), int(seconds)


def signing_request_retention_days() -> int:
    """Days after an editor decides a signing request that the requester's and signatory's
    personal data is kept (``WAGTAIL_CIVIL_SIGNING_REQUEST_RETENTION_DAYS``, default 90); the
    form's privacy text names it. A request waiting for a decision keeps it until decided."""
    return int(getattr(settings, "WAGTAIL_CIVIL_SIGNING_REQUEST_RETENTION_DAYS", 90))


def signing_request_retention_problem() -> str | None:
    """What is wrong with ``WAGTAIL_CIVIL_SIGNING_REQUEST_RETENTION_DAYS``, or ``None``."""
    return retention_days_problem("WAGTAIL_CIVIL_SIGNING_REQUEST_RETENTION_DAYS", 90)


def volunteer_offer_retention_days() -> int:
    """Days volunteer offers' personal data is kept after the need is over, or after the
    offer was last answered (``WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS``, default 180);
    the offer form names it (docs/volunteering.md)."""
    return int(getattr(settings, "WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS", 180))


def volunteer_offer_retention_problem() -> str | None:
    """What is wrong with ``WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS``, or ``None``."""
    return retention_days_problem("WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS", 180)


def volunteer_rate_limit() -> tuple[int, int] | None:
    """How many offers or reported needs one client may post to one page, and in how many
    seconds (``WAGTAIL_CIVIL_VOLUNTEER_RATE_LIMIT``, default ``(10, 600)``; ``None``: none)."""
    limit = getattr(settings, "WAGTAIL_CIVIL_VOLUNTEER_RATE_LIMIT", (10, 600))
    if limit is None:
        return None
    count, seconds = limit
    return int(count), int(seconds)


def import_dir() -> Path:
    """Where a register file uploaded in the admin waits for confirmation: private, not media."""
    configured = getattr(settings, "WAGTAIL_CIVIL_IMPORT_DIR", "")
    return Path(configured or Path(tempfile.gettempdir()) / "wagtail_civil_imports")


def accessibility_report_retention_days() -> int:
    """Days an accessibility report's description, name and email are kept after it was
    answered, or sent if never answered (``WAGTAIL_CIVIL_ACCESSIBILITY_REPORT_RETENTION_DAYS``,
    default 365); the form names it (docs/accessibility-statement.md)."""
    return int(getattr(settings, "WAGTAIL_CIVIL_ACCESSIBILITY_REPORT_RETENTION_DAYS", 365))


def accessibility_report_retention_problem() -> str | None:
    """What is wrong with ``WAGTAIL_CIVIL_ACCESSIBILITY_REPORT_RETENTION_DAYS``, or ``None``."""
    return retention_days_problem("WAGTAIL_CIVIL_ACCESSIBILITY_REPORT_RETENTION_DAYS", 365)


def import_run_retention_days() -> int:
    """Days the record of a register import confirmed in the admin (its report may repeat what
    the file held, an email address among it) is kept after it finished
    (``WAGTAIL_CIVIL_IMPORT_RUN_RETENTION_DAYS``, default 90)."""
    return int(getattr(settings, "WAGTAIL_CIVIL_IMPORT_RUN_RETENTION_DAYS", 90))


def import_run_retention_problem() -> str | None:
    """What is wrong with ``WAGTAIL_CIVIL_IMPORT_RUN_RETENTION_DAYS``, or ``None``."""
    return retention_days_problem("WAGTAIL_CIVIL_IMPORT_RUN_RETENTION_DAYS", 90)
