"""``/healthz`` and ``/readyz`` for load balancers, orchestrators and uptime checks.

Both answer on every host (the hub's, a site's, an unknown one, a bare IP)
before the site lookup, the session and the language prefix, with
``Cache-Control: no-store``:

- ``/healthz``: the process answers. Nothing else is touched.
- ``/readyz``: the database answers, every migration on disk is applied in
  the public and template schemas, and the cache answers. 200 when all hold,
  503 naming the failed check otherwise (details go to the log, not to the
  caller). The answer is kept for ``READY_CACHE_SECONDS`` per process, so a
  probe every second costs the database two small queries every few seconds.
"""

import json
import logging
import threading
import time
import uuid
from functools import cache

from django.conf import settings
from django.core.cache import cache as django_cache
from django.db import connection
from django.http import HttpRequest, HttpResponse

from web.observability import HEALTH_PATHS

READY_CACHE_SECONDS = 5.0
log = logging.getLogger("portal.health")
_last: tuple[float, int, dict[str, str]] | None = None
_lock = threading.Lock()


class HealthCheckMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info not in HEALTH_PATHS:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=405, content_type="text/plain; charset=utf-8")
            response["Allow"] = "GET, HEAD"
        elif request.path_info == "/healthz":
            response = _json(200, {"status": "ok"})
        else:
            status, checks = readiness()
            response = _json(
                status, {"status": "ok" if status == 200 else "fail", "checks": checks}
            )
        response["Cache-Control"] = "no-store"
        # A failing probe is logged once per check above, not as a server
        # error each second (which would also mail ADMINS every time).
        response._has_been_logged = True
        return response


def _json(status: int, body: dict) -> HttpResponse:
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")


def readiness() -> tuple[int, dict[str, str]]:
    """``(HTTP status, {check: "ok" | "fail"})``, computed at most every few seconds."""
    global _last
    with _lock:
        now = time.monotonic()
        if _last is None or now - _last[0] >= READY_CACHE_SECONDS:
            checks = {
                "database": _check(_database),
                "migrations": "fail",
                "cache": _check(_cache),
            }
            if checks["database"] == "ok":
                checks["migrations"] = _check(_migrations)
            status = 200 if all(value == "ok" for value in checks.values()) else 503
            _last = (now, status, checks)
        return _last[1], dict(_last[2])


def forget() -> None:
    """Drop the remembered answer (tests, and after migrating in-process)."""
    global _last
    with _lock:
        _last = None


def _check(probe) -> str:
    try:
        return "ok" if probe() else "fail"
    except Exception:
        log.exception("readiness check %s failed", probe.__name__.strip("_"))
        return "fail"


def _database() -> bool:
    # The request has not been routed to a site yet; the connection may still
    # be on the schema the previous request used.
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _migrations() -> bool:
    expected = migrations_on_disk()
    with connection.cursor() as cursor:
        # The template schema appears with the first site (provision_site):
        # a portal without sites yet is as ready as its public schema.
        cursor.execute(
            "SELECT to_regclass('public.django_migrations') IS NOT NULL, "
            "EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = %s)",
            [settings.TEMPLATE_SCHEMA],
        )
        public_ready, template_exists = cursor.fetchone()
        if not public_ready:
            log.warning("readiness: no migration table in the public schema")
            return False
        schemas = ("public", settings.TEMPLATE_SCHEMA) if template_exists else ("public",)
        cursor.execute(
            " UNION ALL ".join(
                f"SELECT '{schema}', app, name FROM \"{schema}\".django_migrations"
                for schema in schemas
            )
        )
        applied: dict[str, set[tuple[str, str]]] = {schema: set() for schema in schemas}
        for schema, app, name in cursor.fetchall():
            applied[schema].add((app, name))
    for schema in schemas:
        missing = expected - applied[schema]
        if missing:
            log.warning(
                "readiness: %d migration(s) not applied in schema %s, e.g. %s",
                len(missing),
                schema,
                ".".join(sorted(missing)[0]),
            )
            return False
    return True


@cache
def migrations_on_disk() -> frozenset[tuple[str, str]]:
    """Every migration of the installed apps (read once per process: the
    files do not change under a running process)."""
    from django.db.migrations.loader import MigrationLoader

    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def _cache() -> bool:
    token = uuid.uuid4().hex
    django_cache.set("health:readyz", token, timeout=30)
    return django_cache.get("health:readyz") == token
