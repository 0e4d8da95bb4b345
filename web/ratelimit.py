"""A per-client (or per-account) limit on how often something may be done.

A fixed-window counter in Django's cache, keyed by site, scope and the client
address (``web.clients``) or an explicit key such as an e-mail address. With
the default per-process cache each worker counts on its own; production sets
a shared cache (CACHE_URL) so the limit holds across workers.
"""

import hashlib
import time

from django.core.cache import cache
from django.http import HttpRequest

from web.clients import client_address


def account_key(email: str) -> str:
    """A cache-key part for an account, without the address itself in the cache."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


def allow(
    request: HttpRequest,
    scope: str,
    *,
    limit: int,
    window_seconds: int,
    key: str | None = None,
) -> bool:
    """Count this request; False once the client (or ``key``) passed ``limit`` in the window."""
    site = getattr(getattr(request, "tenant", None), "schema_name", "public")
    bucket = int(time.time() // window_seconds)
    who = key if key is not None else client_address(request)
    cache_key = f"ratelimit:{site}:{scope}:{who}:{bucket}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    return count <= limit


def address_mail_allowed(request: HttpRequest, scope: str, email: str) -> bool:
    """Whether the portal may e-mail ``email`` about ``scope`` once more:
    ACCOUNT_MAIL_LIMIT an hour, whoever asks, so nobody floods an inbox
    through the portal's forms."""
    from django.conf import settings

    return allow(
        request,
        scope,
        key=account_key(email),
        limit=settings.ACCOUNT_MAIL_LIMIT,
        window_seconds=settings.ACCOUNT_MAIL_WINDOW_SECONDS,
    )
