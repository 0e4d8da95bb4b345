"""The test database, built once and copied for every pytest process.

Building it (migrating the public and template schemas, then provisioning the
two demo sites) cost each xdist worker 50–105 s, paid by both workers of both
phases of ``make test``. Now the first process to need it builds it as before
and keeps a copy, a *prebuilt* database; every later process, in the next
phase or the next run, gets its own database as a file copy of that one
(``CREATE DATABASE … TEMPLATE``, ~4 s) and is left as provisioning leaves
the builder: the template schema checked.
(Provisioning the demo sites again would change nothing but cost ~40 s under
load, mostly the demo products' code lookups.)

A prebuilt database is used only while it matches: its name carries a
fingerprint of everything that decides its content (the code and migrations,
the site specs, the demo sites' local dates, the clock shift of ``make
test-clock``), and it is built again after two hours anyway. The rest of the
session (each test in a rolled-back transaction, browser tests committing to
their own process's database) is unchanged. An advisory lock on the server
lets one process build and keep it; a process that finds the lock taken by a
build waits for it and copies (two builds at once on two cores took twice as
long as one).
"""

import contextlib
import datetime
import hashlib
import importlib.metadata
import os
import re
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from psycopg2 import errors, sql

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "test_prebuilt_"
#: A prebuilt database older than this is built again: the demo content is
#: dated from the day it was loaded, and tests read times relative to now.
MAX_AGE = datetime.timedelta(hours=2)
_LOCK = 0x7E57DB  # pg_advisory_lock key: one builder at a time per server
_current_key: str | None = None  # this process's fingerprint, once set up


def fingerprint(site_files: list[Path], clock_shift: datetime.timedelta) -> str:
    """What the prebuilt database's content follows: every file of the project
    outside tests/ (code, migrations, catalogs, site specs, the lock file),
    this module and the conftest that provisions, the demo sites' local dates,
    the clock shift, the environment settings.py reads and the installed
    packages' versions."""
    digest = hashlib.sha256()
    for path in _source_files():
        digest.update(str(path.relative_to(ROOT)).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:  # listed by git but deleted in the work tree
            digest.update(b"-")
    now = datetime.datetime.now(datetime.UTC)
    for site_file in site_files:
        zone = tomllib.loads(site_file.read_text())["time_zone"]
        digest.update(now.astimezone(ZoneInfo(zone)).date().isoformat().encode())
    digest.update(str(clock_shift.total_seconds()).encode())
    for name, value in _settings_environment():
        digest.update(f"{name}={value}\0".encode())
    for distribution in sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    ):
        digest.update(distribution.encode())
    return digest.hexdigest()[:20]


def _settings_environment() -> list[tuple[str, str]]:
    # The variables settings.py reads (env("NAME"…), env_secret…), the
    # settings module and the portal's own: a domain or a database changes
    # what is built; the rest of the environment (xdist's per-worker names)
    # must not keep the phases from sharing one build.
    source = (ROOT / "portal" / "settings.py").read_text()
    names = set(re.findall(r'env\w*\(\s*"([A-Z0-9_]+)"', source))
    names.add("DJANGO_SETTINGS_MODULE")
    names.update(name for name in os.environ if name.startswith("PORTAL_"))
    return [(name, os.environ.get(name, "")) for name in sorted(names)]


def _source_files() -> list[Path]:
    # git lists tracked and new (not ignored) files: a new migration counts
    # before it is committed; .venv, var/ and compiled catalogs are ignored
    # (the .po files they come from are listed).
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
        names = set(listed.split("\0")) - {""}
    except (OSError, subprocess.CalledProcessError):  # not a git checkout
        names = set()
        for folder, subfolders, files in os.walk(ROOT):
            subfolders[:] = [
                name
                for name in subfolders
                if not name.startswith(".")
                and name not in {"var", "node_modules", "test-artifacts", "__pycache__"}
            ]
            relative = Path(folder).relative_to(ROOT)
            names.update(
                str(relative / name) for name in files if not name.endswith((".pyc", ".mo"))
            )
    tests_kept = {"tests/conftest.py", "tests/prebuilt_database.py"}
    return [
        ROOT / name for name in sorted(names) if not name.startswith("tests/") or name in tests_kept
    ]


def _maintenance(connection):
    """A connection to the server's ``postgres`` database, in autocommit."""
    import psycopg2

    params = connection.get_connection_params()
    params.pop("database", None)
    params["dbname"] = "postgres"
    params.pop("server_side_binding", None)
    params.pop("cursor_factory", None)
    maintenance = psycopg2.connect(**params)
    maintenance.autocommit = True
    return maintenance


def _drop_unused(cursor, name: str) -> None:
    """Drop an out-of-date prebuilt database unless another run is copying
    from it right now: it is then left for the next run to drop."""
    with contextlib.suppress(errors.ObjectInUse):
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def _keep_copy(cursor, source: str, name: str) -> None:
    """Copy ``source`` as ``name``, dated: ``_usable`` reads the date."""
    from django.db import connections

    # No connection may stay open on a database being copied.
    connections.close_all()
    cursor.execute(
        sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(source)
        )
    )
    saved = datetime.datetime.now(datetime.UTC).isoformat()
    cursor.execute(
        sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(saved))
    )


def migrated_name(key: str) -> str:
    """The prebuilt database as migrated, before the demo sites: public
    schema and template schema only."""
    return f"{PREFIX}{key}_migrated"


def migrated_copy_source(connection) -> str | None:
    """The migrated prebuilt database of this run, if there is one: a
    scratch database of the same server can start as a copy of it
    (``CREATE DATABASE … TEMPLATE``, ~2 s) instead of running every
    migration (tests/tenants/sites_scenario.py, SCRATCH_TEMPLATE)."""
    if _current_key is None:
        return None
    name = migrated_name(_current_key)
    maintenance = _maintenance(connection)
    try:
        with maintenance.cursor() as cursor:
            return name if _usable(cursor, name) else None
    finally:
        maintenance.close()


def _usable(cursor, name: str) -> bool:
    cursor.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        [name],
    )
    row = cursor.fetchone()
    if row is None or not row[0]:
        return False
    built = datetime.datetime.fromisoformat(row[0])
    return datetime.datetime.now(datetime.UTC) - built < MAX_AGE


def setup(
    key: str,
    build: Callable[[], list],
    provision_sites: Callable[[], None],
    warm: Callable[[], None],
) -> list:
    """Give this process its test database; return what ``teardown_databases``
    takes. ``build`` makes it the slow way (Django's test database set-up),
    then ``provision_sites``; the first process to build keeps the result as
    the prebuilt database. A copy is then ``warm``ed: what provisioning
    leaves in a process besides the rows is done there too."""
    from django.conf import settings
    from django.db import connection

    global _current_key
    _current_key = key
    prebuilt = f"{PREFIX}{key}"
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    maintenance = _maintenance(connection)
    try:
        with maintenance.cursor() as cursor:
            # Copies wait for each other (a second) and for a build's save.
            # A process that finds another of the run building (the first
            # phase's other worker) waits too, then copies: it used to build
            # its own alongside, and two builds on two cores took 46 and 38 s
            # against 22 s for one alone (session 18, -n 2, a load of ~2), so
            # both workers started their tests later than the waiting one does.
            cursor.execute("SELECT pg_advisory_lock(%s)", [_LOCK])
            try:
                if not _usable(cursor, prebuilt):
                    cursor.execute(
                        "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [PREFIX]
                    )
                    for (stale,) in cursor.fetchall():
                        _drop_unused(cursor, stale)
                    built = build()
                    # The template schema first, as provisioning would make
                    # it, then a copy without sites for the scratch databases.
                    warm()
                    _keep_copy(cursor, test_name, migrated_name(key))
                    provision_sites()
                    # Statistics are not copied with a database, the catalog's
                    # row counts and column statistics are: taken once here,
                    # every copy plans (and list_sites counts) alike, not as
                    # autovacuum happened to have analysed the original.
                    with connection.cursor() as analysing:
                        analysing.execute("ANALYZE")
                    _keep_copy(cursor, test_name, prebuilt)
                    return built
                # Not forced, as Django's own clobbering: a database of this
                # name still in use is another run's (a second pytest in the
                # same work tree), and that run fails, not this one's.
                cursor.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(test_name))
                )
                cursor.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                        sql.Identifier(test_name), sql.Identifier(prebuilt)
                    )
                )
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_LOCK])
    finally:
        maintenance.close()
    # As Django's create_test_db leaves them: both settings name the copy.
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    warm()
    return [(connection, old_name, True)]
