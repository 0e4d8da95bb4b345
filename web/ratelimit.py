"""A per-client limit on how often public forms may be posted.

A fixed-window counter in Django's cache, keyed by site, form and client
address. With the default per-process cache each worker counts on its own;
production sets a shared cache (CACHE_URL) so the limit holds across workers.
"""

import time

from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request: HttpRequest, scope: str, *, limit: int, window_seconds: int) -> bool:
    """Count this request; False once the client passed ``limit`` in the window."""
    site = getattr(getattr(request, "tenant", None), "schema_name", "public")
    bucket = int(time.time() // window_seconds)
    key = f"ratelimit:{site}:{scope}:{client_address(request)}:{bucket}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
