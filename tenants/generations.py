"""Generation numbers: one per site schema and one for the public schema,
moved by every committed write to that schema.

Whatever is remembered from a schema's data (pages, the host lookup) puts the
generation in its key, so a write makes it unreachable at once, for every
process. Nothing needs to list what it depends on: every INSERT, UPDATE,
DELETE, TRUNCATE or MERGE that goes through Django's connection is seen by
:func:`watch_writes` (installed on each connection by ``TenantsConfig``), so
``save()``, ``queryset.update()``, bulk operations and raw SQL (a string or
built with psycopg2.sql) all count, from requests, commands and background
work alike. COPY (``copy_expert``) goes past it: what copies rows in moves
the numbers itself (:func:`bump`, as a restore does).

A write moves the generation when it is committed (or at once in autocommit):
moving it earlier would let another process re-read the old rows and store
them under the new number. Until then :func:`has_pending_writes` tells the
writer's own connection that it sees data nobody else does.

Where the numbers live: in the cache when it is shared (``CACHE_URL``, Redis);
with the per-process cache, in the modification times of small files under
``GENERATIONS_DIR`` (one ``stat()`` to read), so the gunicorn workers of one
host agree. Several hosts need ``CACHE_URL``.
"""

import logging
import os
import re
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

PUBLIC = "public"
logger = logging.getLogger(__name__)
_WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE", "MERGE")
# The table, bare or schema-qualified, quoted or not ("public"."hub_hubentry").
_TABLE = re.compile(
    r'(?:INTO|UPDATE|FROM|TABLE)\s+(?:ONLY\s+)?((?:"?\w+"?\.)?"?\w+"?)', re.IGNORECASE
)
# Writes that change nothing anyone is shown: a signed-in person's session.
IGNORED_TABLES = frozenset({"django_session"})


# --- Reading and moving the numbers ---------------------------------------------


def _shared_cache() -> bool:
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


def _folder() -> str:
    return settings.GENERATIONS_DIR


def _database() -> str:
    # Schemas are named alike in every database (site_cn_vn in the demo's, the
    # tests' and the benchmark's): numbers are kept per database. The
    # connection's settings are this same dict (the test runner renames the
    # database in both), read without the connection handler's thread-local
    # look-up, which cost more than the stat() below.
    return settings.DATABASES["default"]["NAME"]


_paths: dict[tuple[str, str, str], str] = {}


def _file(schema: str) -> str:
    # Plain strings, remembered: building the path cost more than the stat().
    folder, database = settings.GENERATIONS_DIR, _database()
    path = _paths.get((folder, database, schema))
    if path is None:
        if len(_paths) > 10_000:  # schemas come and go in tests
            _paths.clear()
        path = _paths[folder, database, schema] = os.path.join(folder, f"{database}.{schema}")
    return path


def _key(schema: str) -> str:
    return f"generation:{_database()}:{schema}"


def current(schema: str, *, public: int | None = None) -> tuple[int, int]:
    """(the schema's generation, the public schema's): what a key must hold.
    ``public``: the public schema's, already read in this request (the site
    lookup reads it first); read earlier than the data it keys, as it must be."""
    if public is not None:
        return _generation(schema), public
    if _shared_cache():
        site, public = _read_shared([_key(schema), _key(PUBLIC)])
        return site, public
    return _file_generation(schema), _file_generation(PUBLIC)


def public_generation() -> int:
    """The public schema's generation alone (sites and domains)."""
    return _generation(PUBLIC)


def _generation(schema: str) -> int:
    if _shared_cache():
        return _read_shared([_key(schema)])[0]
    return _file_generation(schema)


def _read_shared(keys: list[str]) -> list[int]:
    """The shared cache's numbers under ``keys``, in one round trip (two
    when one is missing and made)."""
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        # A number that never was before (not 0): an evicted generation
        # must not bring back what was stored under an old one.
        cache.add(key, time.time_ns(), timeout=None)
    if missing:
        found = cache.get_many(keys)
    return [found.get(key, 0) for key in keys]


def _file_generation(schema: str) -> int:
    try:
        return os.stat(_file(schema)).st_mtime_ns
    except FileNotFoundError:
        return _bump_file(schema)


#: Steps of a second past a time the filesystem did not keep as set.
_MOVE_ATTEMPTS = 3


def _bump_file(schema: str) -> int:
    """Move ``schema``'s number: the file's time, set past the one it had,
    and read back, as every reader reads it. A filesystem may keep whole
    seconds (ext4 with small inodes, FAT, some network ones): a time set
    within the same second read back as the same number, or a smaller one,
    and pages kept under it were served after the write; the time is then
    set a second further on. A file another user made (a command run as
    root) takes only the current time, which needs no ownership (and moves
    it only once the system's clock is past its number; else OSError)."""
    path = _file(schema)
    try:
        previous = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        Path(settings.GENERATIONS_DIR).mkdir(parents=True, exist_ok=True)
        Path(path).touch()
        previous = 0
    # Always forward, even if two writes fall in one clock tick.
    value = max(time.time_ns(), previous + 1)
    for _attempt in range(_MOVE_ATTEMPTS):
        try:
            os.utime(path, ns=(value, value))
        except PermissionError:
            os.utime(path)  # the current time: writing the file is enough
        moved = os.stat(path).st_mtime_ns
        if moved > previous:
            return moved
        value += 1_000_000_000
    raise OSError(f"the time of {path} did not move past {previous}")


# --- Families of tables ---------------------------------------------------------
#
# What is derived from a few tables alone (a site's product vocabulary) need
# not be read again after every write to its site: a write to those tables
# also moves a generation of their own, ``<schema>~<family>``, which is what
# such values are kept by.

_families: dict[str, str] = {}  # table name → family


def watch_tables(family: str, tables: list[str]) -> None:
    """Writes to ``tables`` (in any schema) also move ``family``'s generation."""
    for table in tables:
        _families[table] = family


def family_generation(schema: str, family: str) -> int:
    """The generation of ``family``'s tables in ``schema``: moved by a
    committed write that names one of them, and by every :func:`bump` of the
    schema (a restore, ``clear_page_cache``)."""
    return _generation(f"{schema}~{family}")


def _with_families(schemas: tuple[str, ...]) -> list[str]:
    families = sorted(set(_families.values()))
    return [
        *schemas,
        *(f"{schema}~{family}" for schema in schemas if "~" not in schema for family in families),
    ]


def bump(*schemas: str, families: bool = True) -> None:
    """Move these schemas' generations now (what was stored is unreachable),
    their families' with them unless ``families`` is False: whatever happened
    to the schema (rows copied in by a restore) may have changed any table."""
    _move(_with_families(schemas) if families else list(schemas))


def _move(schemas: list[str]) -> None:
    shared = _shared_cache()
    for schema in schemas:
        if shared:
            try:
                cache.incr(_key(schema))
            except ValueError:  # not there (evicted, or never read)
                cache.add(_key(schema), time.time_ns(), timeout=None)
        else:
            try:
                _bump_file(schema)
            except OSError:
                # A folder nobody can write to holds no numbers, so nothing was
                # stored against them (readers bypass): the write stands.
                logger.exception("cannot move the generation of %s in %s", schema, _folder())


# --- Watching writes --------------------------------------------------------------


def _public_tables() -> frozenset[str]:
    from django.apps import apps

    tenant_apps = set(settings.TENANT_APPS)
    return frozenset(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name in settings.SHARED_APPS
        and model._meta.app_config.name not in tenant_apps
    )


_public_table_names: frozenset[str] | None = None


def schemas_written(schema: str, sql: str) -> set[str]:
    """The generations a write statement run in ``schema`` moves."""
    global _public_table_names
    match = _TABLE.search(sql, 0, 300)
    table = match.group(1).replace('"', "").rsplit(".", 1)[-1] if match else ""
    if table in IGNORED_TABLES:
        return set()
    if _public_table_names is None:
        _public_table_names = _public_tables()
    # A shared table written from a site's schema (the coordination index) is
    # still in the public schema: its pages move too.
    written = {schema, PUBLIC} if table in _public_table_names else {schema}
    # A family moves when its table is named anywhere in the statement, not
    # only first (a CTE, TRUNCATE of several, INSERT … SELECT): a needless
    # move costs one read, a missed one a stale value.
    lowered = sql.lower()
    written.update(f"{schema}~{family}" for name, family in _families.items() if name in lowered)
    return written


def watch_writes(execute, sql, params, many, context):
    """Connection execute wrapper: note the schemas each write changes."""
    result = execute(sql, params, many, context)
    text = sql if isinstance(sql, str) else _composed_text(sql, context)
    if text:
        head = text.lstrip()[:8].upper()
        if head.startswith(_WRITES) or (head.startswith("WITH") and _has_write(text)):
            connection = context["connection"]
            written = schemas_written(getattr(connection, "schema_name", PUBLIC), text)
            if written:
                _note(connection, written)
    return result


def _composed_text(statement, context) -> str:
    """The text of a statement built with psycopg2.sql (it reaches the
    connection as an object), "" for anything else."""
    as_string = getattr(statement, "as_string", None)
    return as_string(context["cursor"].cursor) if as_string is not None else ""


def _has_write(sql: str) -> bool:
    upper = sql.upper()
    return any(f" {word} " in upper for word in _WRITES)


def moves(connection) -> int:
    """How many times writes this connection committed have moved
    generations: numbers read before are older than its own writes once this
    count changes (web.page_cache reads them once a request, before the
    view, unless the view wrote since)."""
    return getattr(connection, "_generation_moves", 0)


def _moved(connection) -> None:
    connection._generation_moves = moves(connection) + 1


def _note(connection, schemas: set[str]) -> None:
    if not connection.in_atomic_block:
        _move(sorted(schemas))
        _moved(connection)
        return
    pending = getattr(connection, "_generations_pending", None)
    if pending is None:
        pending = connection._generations_pending = set()
    pending |= schemas

    # One callback per write: a callback registered inside a savepoint that
    # is rolled back is dropped, and the next write must register its own.
    # The first to run moves everything pending; the others find nothing.
    # (Schemas of rolled-back writes may linger in the set and move at the
    # next commit: one needless miss, never a stale page.)
    def flush() -> None:
        flush.moves_generations = False  # ran: no longer pending
        if pending:
            schemas = sorted(pending)
            pending.clear()
            _move(schemas)
            _moved(connection)

    flush.moves_generations = True
    transaction.on_commit(flush, using=connection.alias)


def has_pending_writes(connection, family: str = "") -> bool:
    """True while this connection holds writes not yet committed: it sees rows
    other connections do not, so nothing it reads may be stored for them.
    Read from the commit callbacks, which a rollback drops with the writes.
    With ``family``, only writes to that family's tables in the connection's
    schema count (a value derived from them alone)."""
    pending = connection.in_atomic_block and any(
        getattr(callback, "moves_generations", False)
        for _savepoints, callback, _robust in connection.run_on_commit
    )
    if not pending or not family:
        return pending
    written = getattr(connection, "_generations_pending", set())
    return f"{getattr(connection, 'schema_name', PUBLIC)}~{family}" in written


def install(connection, **kwargs) -> None:
    """``connection_created`` receiver: watch every write of the connection."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)
