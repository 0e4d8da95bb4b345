"""The stored pages' cache backends (settings.CACHES["pages"]): Django's,
without the per-character key check.

Django checks every key, character by character, for what memcached would
refuse (a space, a control character, more than 250 characters), to warn;
for a stored page's ~120-character key that was ~10 of a locmem read's ~18 µs
(timeit on this machine under load), on every stored page served and every
page stored. These keys are made by ``web.page_cache._key`` alone: ASCII
words, digits and a SHA-256 digest, under 250 characters (a schema name is
at most 63), so the check can never warn.
"""

from django.core.cache.backends.locmem import LocMemCache

from web.redis_cache import RedisCache


class _PageKeys:
    def validate_key(self, key: str) -> None:
        """Nothing to check: see the module's docstring."""


class LocMemPages(_PageKeys, LocMemCache):
    """Each process's memory (no CACHE_URL)."""


class RedisPages(_PageKeys, RedisCache):
    """Redis (CACHE_URL), one client per server (web/redis_cache.py)."""
