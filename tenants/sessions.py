"""Sessions kept in the database of each site and cached in the shared cache.

Chosen when ``CACHE_URL`` names a shared cache (``SESSION_ENGINE =
"tenants.sessions"``): reads come from Redis, every change is written to the
site's own session table as well, so a Redis restart or eviction signs nobody
out. A cache-only engine would; and with a per-process cache, a session ended
in one worker would live on in another's copy, which is why the plain
database engine is kept there.

Session rows live in each site's schema, so a session cookie of one site means
nothing on another. The cache is shared by all sites, so its keys carry the
schema too: a cookie copied to another site's address finds no session there.
"""

from django.contrib.sessions.backends import cached_db
from django.db import connection


class SessionStore(cached_db.SessionStore):
    @property
    def cache_key_prefix(self) -> str:  # the class attribute, per site
        return f"{cached_db.KEY_PREFIX}{connection.schema_name}:"
