"""Reads of visitors' pages from a streaming replica; everything else from the primary.

With ``DATABASE_REPLICA_URL`` set, a ``GET`` or ``HEAD`` from someone with no
session (a visitor who is not signed in) reads from the ``replica`` database.
The primary serves:

- every write, and every read after a write in the same request;
- every read inside a transaction (``atomic``: it may lock or must see its writes);
- every request with a session (people signed in see their own changes);
- for ``REPLICA_PIN_SECONDS`` after a request that posted or wrote, that
  browser's requests on that site (a cookie), so whoever just registered for
  an event sees the place they took even while the replica catches up;
- every request while the replica cannot be reached;
- every request while the page cache is on (``PAGE_CACHE_SECONDS``): what it
  stores must be what the primary holds, not a replica's past.

Sites are schemas: the replica's connection follows the primary's, so a read
there runs in the schema the request (or a ``schema_context``) is in.
"""

import logging
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_COOKIE = "primary_pin"
SAFE_METHODS = ("GET", "HEAD")

logger = logging.getLogger(__name__)


@dataclass
class _Request:
    may_use_replica: bool
    wrote: bool = False


_current: ContextVar[_Request | None] = ContextVar("replica_request", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Database router: the replica for visitors' reads, the primary for the rest."""

    def db_for_read(self, model, **hints) -> str | None:
        request = _current.get()
        if request is None or not request.may_use_replica or request.wrote:
            return DEFAULT_DB_ALIAS
        primary = connections[DEFAULT_DB_ALIAS]
        if primary.in_atomic_block:
            return DEFAULT_DB_ALIAS
        _follow(primary, connections[REPLICA])
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        request = _current.get()
        if request is not None:
            request.wrote = True
        # Explicitly: an object read from the replica would otherwise be
        # saved back to where it came from.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first, second, **hints) -> bool | None:
        aliases = {DEFAULT_DB_ALIAS, REPLICA}
        if first._state.db in aliases and second._state.db in aliases:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool | None:
        return False if db == REPLICA else None


def _follow(primary, replica) -> None:
    """Put the replica's connection in the primary's schema (no query: django-tenants
    sets the search path when the next cursor is made)."""
    if (
        replica.schema_name != primary.schema_name
        or replica.include_public_schema != primary.include_public_schema
    ):
        replica.set_tenant(primary.tenant, include_public=primary.include_public_schema)


class ReplicaMiddleware:
    """Decides, per request, whether its reads may go to the replica. Placed
    after the site middleware, so the primary's connection is in the site's
    schema when the first read is routed."""

    def __init__(self, get_response) -> None:
        if not replica_configured():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        state = _Request(may_use_replica=self._may_use_replica(request))
        token = _current.set(state)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if request.method not in SAFE_METHODS or state.wrote:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def _may_use_replica(self, request: HttpRequest) -> bool:
        if request.method not in SAFE_METHODS:
            return False
        if getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0:
            # A page rendered from a replica that has not yet replayed the
            # latest write would be stored under the new generation and shown
            # for minutes: with the page cache on, its misses read the primary.
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES or PIN_COOKIE in request.COOKIES:
            return False
        replica = connections[REPLICA]
        try:
            replica.ensure_connection()
        except DatabaseError as error:
            logger.warning("replica unreachable, reading from the primary: %s", error)
            return False
        return True
