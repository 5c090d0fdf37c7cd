"""A Redis cache for Django that a stopped Redis slows down but never takes down.

Django's own ``RedisCache`` raises when Redis cannot be reached, and Wagtail reads its sites'
root paths from the ``default`` cache to make every page's address, so a Redis outage would turn
every page and every feed into a 500. With this backend a read is a miss and a write is skipped,
with a warning in the log (at most one a minute per process); the site is built from the
database meanwhile, and the cache fills again once Redis is back (docs/deployment.md).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

__all__ = ["FailSafeRedisCache"]

logger = logging.getLogger(__name__)

_WARN_EVERY = 60.0  # seconds
_last_warning = 0.0


def _unreachable(error: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= _WARN_EVERY:
        _last_warning = now
        logger.warning("Redis cache unreachable, serving without it: %s", error)


def _failsafe(method: Callable[..., Any], fallback: Callable[..., Any]) -> Callable[..., Any]:
    def call(self: RedisCacheClient, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (self._lib.ConnectionError, self._lib.TimeoutError) as error:
            _unreachable(error)
            return fallback(*args)

    return call


class _FailSafeClient(RedisCacheClient):
    get = _failsafe(RedisCacheClient.get, lambda key, default: default)
    get_many = _failsafe(RedisCacheClient.get_many, lambda keys: {})
    has_key = _failsafe(RedisCacheClient.has_key, lambda key: False)
    add = _failsafe(RedisCacheClient.add, lambda key, value, timeout: False)
    set = _failsafe(RedisCacheClient.set, lambda key, value, timeout: None)
    set_many = _failsafe(RedisCacheClient.set_many, lambda data, timeout: None)
    touch = _failsafe(RedisCacheClient.touch, lambda key, timeout: False)
    delete = _failsafe(RedisCacheClient.delete, lambda key: False)
    delete_many = _failsafe(RedisCacheClient.delete_many, lambda keys: None)
    clear = _failsafe(RedisCacheClient.clear, lambda: False)
    # incr stays as it is: a counter that silently stops counting is worse than an error.


class FailSafeRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that degrades to no cache while Redis is
    down. Give it short socket timeouts in ``OPTIONS`` so an unreachable host costs little."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _FailSafeClient
