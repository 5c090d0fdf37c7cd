"""The feeds' use of Django's cache framework, which must never take a feed down.

A cache that is down (Redis stopped, a network partition) turns every call here into a miss or
a no-op, with a warning in the log: the feed is then built and served uncached.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache import caches

from .. import conf

__all__ = ["cache_get", "cache_get_many", "cache_set", "cache_set_many"]

logger = logging.getLogger(__name__)


def _cache() -> Any:
    return caches[conf.feed_cache_alias()]


def cache_get(key: str) -> Any:
    """The cached value, or ``None`` when missing or when the cache cannot be reached."""
    try:
        return _cache().get(key)
    except Exception:  # noqa: BLE001 — any backend's connection error: serve uncached
        logger.warning("Feed cache unavailable (get); serving uncached", exc_info=True)
        return None


def cache_get_many(keys: list[str]) -> dict[str, Any]:
    """The values found for ``keys``; ``{}`` when the cache cannot be reached."""
    try:
        return _cache().get_many(keys)
    except Exception:  # noqa: BLE001
        logger.warning("Feed cache unavailable (get_many); serving uncached", exc_info=True)
        return {}


def cache_set(key: str, value: Any, timeout: int | None = None) -> None:
    """Store ``value``; nothing happens (but a warning) when the cache cannot be reached."""
    try:
        _cache().set(key, value, timeout if timeout is not None else conf.feed_cache_timeout())
    except Exception:  # noqa: BLE001
        logger.warning("Feed cache unavailable (set); not cached", exc_info=True)


def cache_set_many(values: dict[str, Any], timeout: int | None = None) -> None:
    """Store several values at once (one round trip on Redis)."""
    if not values:
        return
    try:
        _cache().set_many(values, timeout if timeout is not None else conf.feed_cache_timeout())
    except Exception:  # noqa: BLE001
        logger.warning("Feed cache unavailable (set_many); not cached", exc_info=True)
