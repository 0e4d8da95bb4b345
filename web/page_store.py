"""The stored pages' cache backends (settings.CACHES["pages"]): Django's,
without the per-character key check.

Django checks every key, character by character, for what memcached would
refuse (a space, a control character, more than 250 characters), to warn;
for a stored page's ~120-character key that was ~10 of a locmem read's ~18 µs
(timeit on this machine under load), on every stored page served and every
page stored. These keys are made by ``web.page_cache._key`` alone: ASCII
words, digits and a SHA-256 digest, under 250 characters (a schema name is
at most 63), so the check can never warn.

With Redis, a worker keeps the pages it stored or read in its own memory too
(:class:`RedisPages`): their keys hold the generation numbers every request
reads from Redis, so a write ends a worker's copy as surely as the shared
one, and reading it costs no round trip (~80 µs of a worker's CPU each on
this machine, a page served from the page cache taking ~0.6 ms with them).
"""

import math
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

from web.fragment_store import FragmentStore
from web.redis_cache import RedisCache

#: A worker's own copies of stored pages with Redis: as many pages as the
#: per-process cache holds without CACHE_URL (settings: 600), in at most
#: 16 MB (a page is ~7–45 kB).
NEAR_PAGES = 600
NEAR_BYTES = 16 * 1024 * 1024


class _PageKeys:
    def validate_key(self, key: str) -> None:
        """Nothing to check: see the module's docstring."""


class LocMemPages(_PageKeys, LocMemCache):
    """Each process's memory (no CACHE_URL)."""


class RedisPages(_PageKeys, RedisCache):
    """Redis (CACHE_URL), one client per server (web/redis_cache.py), and
    this worker's own copies. Each page is stored in Redis with the moment
    it ends, so a copy taken from Redis ends then too (a page's life stops
    at its site's next scheduled change: web.page_cache._until)."""

    #: Pages are kept as (the moment they end, the page) since this version
    #: of their keys: the releases before stored the page alone, under
    #: version 1. In a rolling deploy both share Redis, and neither may
    #: read what the other stored.
    FORMAT = 2

    def __init__(self, server, params) -> None:
        super().__init__(server, {**params, "VERSION": self.FORMAT})
        self._near = FragmentStore(max_entries=NEAR_PAGES, max_bytes=NEAR_BYTES)

    def get(self, key, default=None, version=None):
        full = self.make_key(key, version=version)
        found = self._near.get(full)
        if found is not None:
            return found
        stored = self._cache.get(full, None)  # the key made once (RedisCache.get makes it again)
        if type(stored) is not tuple or len(stored) != 2:  # none, or not this format
            return default
        until, value = stored
        if until <= time.time():  # Redis counts whole seconds; the page's own end is exact
            return default
        self._near.set(full, value, until=until)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        full, seconds = self.make_key(key, version=version), self.get_backend_timeout(timeout)
        until = math.inf if seconds is None else time.time() + seconds
        self._cache.set(full, (until, value), seconds)
        self._near.set(full, value, until=until)

    def delete(self, key, version=None) -> bool:
        self._near.delete(self.make_key(key, version=version))
        return super().delete(key, version=version)

    def clear(self) -> bool:
        self._near.clear()
        return super().clear()

    def get_many(self, keys, version=None) -> dict:
        found = {key: self.get(key, _MISSING, version=version) for key in keys}
        return {key: value for key, value in found.items() if value is not _MISSING}

    def _unsupported(self, *args, **kwargs):
        raise NotImplementedError("stored pages are only stored, read and deleted")

    add = set_many = touch = incr = decr = get_or_set = _unsupported


_MISSING = object()
