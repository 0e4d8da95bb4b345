"""The scratch database a benchmark fills and drops: on the server of
DATABASE_URL when set, else on the embedded one."""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]


def _named(name: str) -> str:
    # BENCH_SCRATCH_PREFIX keeps runs apart: ``make bench-smoke`` uses its
    # own names, so it never replaces a database a run kept for --reuse.
    return os.environ.get("BENCH_SCRATCH_PREFIX", "") + name


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def use_scratch_database(name: str, *, fresh: bool = True) -> str:
    """Create ``name`` afresh (or keep it, if not ``fresh``) and point
    DATABASE_URL at it (before django.setup())."""
    from portal import database

    url = os.environ.get("DATABASE_URL") or database.embedded_server(ROOT / "var" / "pg").get_uri()
    name = _named(name)
    database.ensure_database(_with_database(url, "postgres"), name, fresh=fresh)
    os.environ["DATABASE_URL"] = _with_database(url, name)
    return os.environ["DATABASE_URL"]


def drop_scratch_database(name: str) -> None:
    from portal import database

    database.drop_database(_with_database(os.environ["DATABASE_URL"], "postgres"), _named(name))
