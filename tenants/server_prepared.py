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
Needs a session that stays one server connection (no PgBouncer in
transaction mode: DEPLOY.md, as for the search path).
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
from collections import OrderedDict

from psycopg2 import DatabaseError

logger = logging.getLogger(__name__)

#: Statements kept prepared per connection; past this, the least recently
#: used is deallocated. Each holds its parse tree and plan in the server
#: process (~20-60 kB for a detail row); the pages use ~20 shapes a site
#: language set.
PER_CONNECTION = 200

#: Names and refusals remembered per process at most; past this they start
#: again (new numbers: a name is never given to other SQL).
REMEMBERED = 4096
_names: dict[str, str] = {}  # SQL -> statement name, for this process
_refused: set[str] = set()  # SQL PostgreSQL would not prepare: run as it is
_numbers = itertools.count(1)
_lock = threading.Lock()
_PLACEHOLDER = re.compile(r"%[s%]")
#: What PostgreSQL says of SQL it can run with values in place but cannot
#: prepare: a parameter whose type nothing around it tells (42P18, 42P08).
UNPREPARABLE = frozenset({"42P18", "42P08"})


class _Prepared:
    """The statements prepared on one server connection, oldest use first."""

    __slots__ = ("names", "raw")

    def __init__(self, raw) -> None:
        self.raw = raw  # held: a new connection is a new object, never a reused id
        self.names: OrderedDict[str, None] = OrderedDict()


def execute(cursor, sql: str, params: list) -> None:
    """``cursor.execute(sql, params)`` on a Django cursor, as a statement
    prepared on its connection. Wrappers (write watching, query counts) see
    ``sql`` as it is; only the server is sent ``EXECUTE``. ``sql`` must be a
    SELECT with ``%s`` placeholders (``%%`` for a literal percent sign)."""
    wrapper = cursor.db
    if wrapper.queries_logged or sql in _refused:
        cursor.execute(sql, params)
        return
    wrapper.ensure_connection()
    raw = wrapper.connection
    state = getattr(wrapper, "_server_prepared", None)
    if state is None or state.raw is not raw:
        state = wrapper._server_prepared = _Prepared(raw)
    name = _name(sql)
    if name in state.names:
        state.names.move_to_end(name)
    elif not _prepare(wrapper, state, name, sql):
        cursor.execute(sql, params)
        return
    statement = (
        f"EXECUTE {name}({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}"
    )

    def as_prepared(execute, sql, params, many, context):
        return execute(statement, params, many, context)

    with wrapper.execute_wrapper(as_prepared):  # the innermost: outer wrappers see ``sql``
        cursor.execute(sql, params)


def _name(sql: str) -> str:
    name = _names.get(sql)
    if name is None:
        with _lock:
            if len(_names) >= REMEMBERED:  # a crawler walking filter shapes
                _names.clear()
            name = _names.setdefault(sql, f"s{next(_numbers)}")
    return name


def _prepare(wrapper, state: _Prepared, name: str, sql: str) -> bool:
    """PREPARE ``sql`` as ``name`` on the connection (not a query of the
    request's: straight to the server, uncounted). False when PostgreSQL
    refuses it (a parameter whose type it cannot infer): it is then run as
    it is from now on, and the transaction it was in stands."""
    numbers = itertools.count(1)
    text = _PLACEHOLDER.sub(lambda m: f"${next(numbers)}" if m[0] == "%s" else "%", sql)
    in_transaction = not state.raw.autocommit
    with wrapper.wrap_database_errors, state.raw.cursor() as raw_cursor:
        while state.names and len(state.names) >= PER_CONNECTION:
            oldest, _ = state.names.popitem(last=False)
            raw_cursor.execute(f"DEALLOCATE {oldest}")
        if in_transaction:
            raw_cursor.execute("SAVEPOINT server_prepared")
        try:
            raw_cursor.execute(f"PREPARE {name} AS {text}")
        except DatabaseError as error:
            if in_transaction:
                raw_cursor.execute("ROLLBACK TO SAVEPOINT server_prepared")
            if getattr(error, "pgcode", None) not in UNPREPARABLE:
                raise  # what running the SQL would have raised (no such table...)
            logger.warning("PostgreSQL cannot prepare this; it runs unprepared: %s", sql[:200])
            if len(_refused) >= REMEMBERED:
                _refused.clear()
            _refused.add(sql)
            return False
        if in_transaction:
            raw_cursor.execute("RELEASE SAVEPOINT server_prepared")
    state.names[name] = None
    return True
