"""SELECTs PostgreSQL parses and plans once per connection (PREPARE, then EXECUTE).

``translations.prepared`` compiles a detail page's row and a list's page of
keys once per process; PostgreSQL still parsed and planned that SQL on every
request. As a prepared statement, after its first five runs PostgreSQL keeps
a generic plan when it costs no more than planning each time (its
``plan_cache_mode = auto``, as JDBC, asyncpg and psycopg 3 rely on). Server
CPU a statement, 3,000 runs on bench/http.py's site (session 17): an
article's row 357 → 123 µs, the filtered listings' keys 240 → 83, the events
list's 150 → 80; the news list's keys kept custom plans (157 → 133).

Sites: a statement names its tables without a schema, and PostgreSQL
analyses it again whenever the connection's ``search_path`` differs from the
one it was last planned under (tests/tenants/test_server_prepared.py), so
one statement serves every site through the connection's current site.

Only where queries are not logged: with DEBUG or a test capturing queries
the SQL runs as it is, so the log shows it and not ``EXECUTE s3(...)``.

A statement the server can no longer run as prepared is run as it is and
prepared afresh next time: PostgreSQL refuses one whose result types changed
since it was prepared (0A000: a migration widening a column, or one site's
schema migrated before another's while workers serve both) and forgets all
of them on ``DISCARD ALL`` (26000). Inside a transaction each prepared
statement runs in a savepoint, so such a refusal never aborts it (review,
session 17: without this, each of those cases was a 500 on every request
until the connection closed).
Needs a session that stays one server connection (no PgBouncer in
transaction mode: DEPLOY.md, as for the search path).
"""

from __future__ import annotations

import itertools
import logging
import re
import secrets
import threading
from collections import OrderedDict

from psycopg2 import DatabaseError

logger = logging.getLogger(__name__)

#: Statements kept prepared per connection; past this, the least recently
#: used is deallocated. Each holds its parse tree and plan in the server
#: process: 17 statements held ~770 kB before their generic plans (review,
#: session 17), so up to ~10-20 MB a connection (deploy/SCALING.md).
PER_CONNECTION = 200

#: And at most this many characters of their SQL per connection: the
#: server's memory for a statement grows with its text, to ~130 bytes a
#: character once it keeps a generic plan (a search's 21 kB probe: 1.6 MB,
#: then 2.7 MB; pg_backend_memory_contexts, review of session 18): ~10 MB a
#: connection. A longer statement runs as it is.
TEXT_PER_CONNECTION = 80_000

#: SQL PostgreSQL would not prepare, run as it is; at most this many remembered.
REFUSED_REMEMBERED = 4096
_refused: set[str] = set()
_lock = threading.Lock()
_PLACEHOLDER = re.compile(r"%[s%]")
#: What PostgreSQL says of SQL it can run with values in place but cannot
#: prepare: a parameter whose type nothing around it tells (42P18, 42P08).
UNPREPARABLE = frozenset({"42P18", "42P08"})
#: What it says of a prepared statement it can no longer run: result types
#: changed since PREPARE (0A000), or the statement is gone (26000).
STALE = frozenset({"0A000", "26000"})


class _Prepared:
    """The statements prepared on one server connection, oldest use first:
    by SQL, its name and the EXECUTE that runs it (written once, not per
    call). Names are numbered per connection and never given twice on it."""

    __slots__ = ("names", "numbers", "prefix", "raw", "text")

    def __init__(self, raw) -> None:
        self.raw = raw  # held: a new connection is a new object, never a reused id
        self.names: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self.numbers = itertools.count(1)
        # A server session handed on without DISCARD ALL (a pooler set so)
        # may hold another client's s1, s2…: names of its own, never theirs.
        self.prefix = f"p{secrets.token_hex(4)}_"
        self.text = 0  # characters of the SQL in ``names``


def execute(cursor, sql: str, params: list) -> None:
    """``cursor.execute(sql, params)`` on a Django cursor, as a statement
    prepared on its connection. Wrappers (write watching, query counts) see
    ``sql`` as it is; only the server is sent ``EXECUTE``. ``sql`` must be a
    SELECT with ``%s`` placeholders (``%%`` for a literal percent sign).
    Prepared, a value takes the type PostgreSQL infers for its place (the
    column's), not its Python literal's: a datetime compared with a date
    column is cut to its date. Cast where the two could differ (``%s::date``)."""
    wrapper = cursor.db
    if wrapper.queries_logged or sql in _refused or len(sql) > TEXT_PER_CONNECTION:
        cursor.execute(sql, params)
        return
    wrapper.validate_no_broken_transaction()  # as cursor.execute would, before any statement
    raw = wrapper.connection
    state = getattr(wrapper, "_server_prepared", None)
    if state is None or state.raw is not raw:
        state = wrapper._server_prepared = _Prepared(raw)
    prepared = state.names.get(sql)
    if prepared is not None:
        state.names.move_to_end(sql)
    else:
        prepared = _prepare(wrapper, state, sql)
        if prepared is None:
            cursor.execute(sql, params)
            return
    statement = prepared[1]

    def as_prepared(execute, sql, params, many, context):
        return execute(statement, params, many, context)

    in_transaction = not raw.autocommit
    if in_transaction:
        _raw(wrapper, raw, "SAVEPOINT server_prepared")
    try:
        with wrapper.execute_wrapper(as_prepared):  # innermost: outer wrappers see ``sql``
            cursor.execute(sql, params)
    except Exception as error:
        if in_transaction and not raw.closed:
            _raw(wrapper, raw, "ROLLBACK TO SAVEPOINT server_prepared")
        if getattr(error.__cause__, "pgcode", None) not in STALE:
            raise
        # Run as it is now; prepared afresh (a new name: names are never
        # reused) next time. The old one is deallocated.
        gone = state.names.pop(sql, None)
        if gone is not None:
            state.text -= len(sql)
            _deallocate(wrapper, raw, gone[0], in_transaction)
        logger.info("a prepared statement went stale (%s); it runs unprepared once", error)
        cursor.execute(sql, params)
        return
    if in_transaction:
        _raw(wrapper, raw, "RELEASE SAVEPOINT server_prepared")


def _deallocate(wrapper, raw, name: str, in_transaction: bool) -> None:
    """Let the server forget a statement it refused: kept, each one a site
    switch made stale during a migration stayed in the server, outside
    every bound, until the connection closed. Already gone (26000): fine."""
    try:
        if in_transaction:
            _raw(wrapper, raw, "SAVEPOINT server_prepared")
        _raw(wrapper, raw, f"DEALLOCATE {name}")
    except Exception:  # forgetting is best effort: the page goes on
        if in_transaction and not raw.closed:
            _raw(wrapper, raw, "ROLLBACK TO SAVEPOINT server_prepared")
        return
    if in_transaction:
        _raw(wrapper, raw, "RELEASE SAVEPOINT server_prepared")


def _raw(wrapper, raw, statement: str) -> None:
    """A statement of this module's own: straight to the server, uncounted."""
    with wrapper.wrap_database_errors, raw.cursor() as raw_cursor:
        raw_cursor.execute(statement)


def _prepare(wrapper, state: _Prepared, sql: str) -> tuple[str, str] | None:
    """PREPARE ``sql`` on the connection (not a query of the request's:
    straight to the server, uncounted) and return its name and the EXECUTE
    that runs it with the same ``%s`` values; None when it is
    not prepared this time (PostgreSQL refuses it: then never again in this
    process; or an old statement could not be deallocated), the transaction
    it was in intact either way."""
    name = f"{state.prefix}{next(state.numbers)}"
    numbers = itertools.count(1)
    text = _PLACEHOLDER.sub(lambda m: f"${next(numbers)}" if m[0] == "%s" else "%", sql)
    values = next(numbers) - 1
    statement = f"EXECUTE {name}({', '.join(['%s'] * values)})" if values else f"EXECUTE {name}"
    in_transaction = not state.raw.autocommit
    with wrapper.wrap_database_errors, state.raw.cursor() as raw_cursor:
        if in_transaction:
            raw_cursor.execute("SAVEPOINT server_prepared")
        try:
            while state.names and (
                len(state.names) >= PER_CONNECTION or state.text + len(sql) > TEXT_PER_CONNECTION
            ):
                old_sql, (old_name, _old_statement) = state.names.popitem(last=False)
                state.text -= len(old_sql)
                raw_cursor.execute(f"DEALLOCATE {old_name}")
            raw_cursor.execute(f"PREPARE {name} AS {text}")
        except DatabaseError as error:
            if in_transaction:
                raw_cursor.execute("ROLLBACK TO SAVEPOINT server_prepared")
            code = getattr(error, "pgcode", None)
            if code in UNPREPARABLE:
                logger.warning("PostgreSQL cannot prepare this; it runs unprepared: %s", sql[:200])
                with _lock:
                    if len(_refused) >= REFUSED_REMEMBERED:
                        _refused.clear()
                    _refused.add(sql)
                return None
            if code in STALE:  # an old statement the server no longer has: it is out of the list
                return None
            raise  # what running the SQL would have raised (no such table...)
        if in_transaction:
            raw_cursor.execute("RELEASE SAVEPOINT server_prepared")
    state.names[sql] = prepared = (name, statement)
    state.text += len(sql)
    return prepared
