"""A Redis cache that the site outlives.

When Redis cannot be reached, reads miss and writes are dropped, so pages are served
uncached instead of failing, and the log says so (once a minute per process, not once
per request). After a failure Redis is left alone for a few seconds, so that a save
with many rows does not wait for a timeout on each. A process that saw Redis fail may
have missed recording an edit (``cica.caching``): ``outage_seen()`` tells it to start a
new content version once Redis answers again. It also keeps one client per connection
pool instead of building one per operation."""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

WARNING_INTERVAL_SECONDS = 60
# After a failure, operations miss at once for this long instead of trying again.
RETRY_AFTER_SECONDS = 2

_outage = threading.Event()


def outage_seen() -> bool:
    """Whether this process failed to reach the cache since ``clear_outage()``."""
    return _outage.is_set()


def clear_outage() -> None:
    _outage.clear()


# What each operation answers when Redis is unreachable: a miss, or nothing done.
_FALLBACKS = {
    "get": lambda args, kwargs: kwargs.get("default", args[1] if len(args) > 1 else None),
    "get_many": lambda args, kwargs: {},
    "has_key": lambda args, kwargs: False,
    "add": lambda args, kwargs: False,
    "set": lambda args, kwargs: None,
    "set_many": lambda args, kwargs: list(args[0]) if args else [],
    "touch": lambda args, kwargs: False,
    "delete": lambda args, kwargs: False,
    "delete_many": lambda args, kwargs: None,
    "clear": lambda args, kwargs: False,
    "incr": lambda args, kwargs: None,
}


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a ``redis.Redis`` object for every operation, a third of
    the cost of a cache read on loopback; one per connection pool serves them all (it
    is thread-safe)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    _last_warning = float("-inf")
    _down_until = float("-inf")

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def _unreachable(self, operation: str, error: Exception) -> None:
        _outage.set()
        now = time.monotonic()
        ResilientRedisCache._down_until = now + RETRY_AFTER_SECONDS
        if now - ResilientRedisCache._last_warning >= WARNING_INTERVAL_SECONDS:
            ResilientRedisCache._last_warning = now
            logger.warning(
                "Cache unreachable (%s failed: %s); serving pages uncached.", operation, error
            )


def _resilient(name: str):
    method = getattr(RedisCache, name)
    fallback = _FALLBACKS[name]

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if time.monotonic() < ResilientRedisCache._down_until:
            _outage.set()
            return fallback(args, kwargs)
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            self._unreachable(name, error)
            return fallback(args, kwargs)

    return wrapper


for _name in _FALLBACKS:
    setattr(ResilientRedisCache, _name, _resilient(_name))
