"""Statements prepared on the server once per connection (tenants/server_prepared.py),
read from the server itself (pg_prepared_statements), never from a mock."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.utils import DataError, ProgrammingError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cooperation.models.article import ARTICLE_PAGE
from tenants import server_prepared
from tests.factories.articles import make_article


def _prepared_on_server(on=connection) -> dict[str, str]:
    """The connection's prepared statements, as the server lists them."""
    with on.connection.cursor() as raw:  # uncounted, unlogged
        raw.execute("SELECT name, statement FROM pg_prepared_statements")
        return {name: text.split(" AS ", 1)[1] for name, text in raw.fetchall()}


def _run(sql: str, params: list, on=connection) -> list:
    with on.cursor() as cursor:
        server_prepared.execute(cursor, sql, params)
        return cursor.fetchall()


@pytest.fixture
def as_site():
    yield lambda site: connection.set_tenant(site)
    connection.set_schema_to_public()


def test_one_statement_reads_each_sites_own_rows(site_vn, site_id, in_site, as_site):
    # The statement names no schema: PostgreSQL analyses it again under each
    # site's search path. A plan kept from the first site would show its
    # article on the second.
    with in_site(site_vn):
        make_article(slug="same-slug", texts={"vi": "Bài của Việt Nam", "en": "Vietnam's"})
    with in_site(site_id):
        make_article(slug="same-slug", texts={"id": "Artikel Indonesia", "en": "Indonesia's"})
    now = timezone.now()
    shown = []
    for site in (site_vn, site_id, site_vn, site_id, site_vn, site_id, site_vn, site_id):
        as_site(site)
        shown.append(ARTICLE_PAGE.get(slug="same-slug", now=now).title_en)
    assert shown == ["Vietnam's", "Indonesia's"] * 4
    by_slug = [
        s for s in _prepared_on_server().values() if '"cooperation_article"."slug" = ($' in s
    ]
    assert by_slug, "the article's row was not read through a prepared statement"
    assert "%s" not in by_slug[0]


def test_wrappers_see_the_sql_and_the_server_the_prepared_statement(site_vn, as_site):
    seen = []

    def watch(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    as_site(site_vn)
    with connection.execute_wrapper(watch):
        assert _run("SELECT %s::int + 40", [2]) == [(42,)]
        assert _run("SELECT %s::int + 40", [3]) == [(43,)]
    selects = [sql for sql in seen if not sql.startswith("SET search_path")]
    assert selects == ["SELECT %s::int + 40"] * 2  # write watching and counts read this
    assert "SELECT $1::int + 40" in _prepared_on_server().values()


def test_with_queries_logged_the_sql_runs_as_it_is(db):
    with CaptureQueriesContext(connection) as captured:
        assert _run("SELECT %s::int * 7", [6]) == [(42,)]
    assert captured.captured_queries[-1]["sql"] == "SELECT 6::int * 7"
    assert "SELECT $1::int * 7" not in _prepared_on_server().values()


def test_percent_signs_and_statements_without_values(db):
    assert _run("SELECT 'a%%b' || %s::text", ["c"]) == [("a%bc",)]
    assert _run("SELECT 'no values'", []) == [("no values",)]
    assert "SELECT 'a%b' || $1::text" in _prepared_on_server().values()


def test_a_new_connection_prepares_again(db):
    # A connection of its own (the test's transaction lives on the default one).
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        assert _run("SELECT %s::int - 1", [10], on=other) == [(9,)]
        old = other.connection
        other.close()  # as after CONN_MAX_AGE or a failed health check
        assert _run("SELECT %s::int - 1", [10], on=other) == [(9,)]
        assert other.connection is not old
        assert "SELECT $1::int - 1" in _prepared_on_server(other).values()
    finally:
        other.close()


def test_at_most_so_many_stay_prepared_the_least_recently_used_going(db, monkeypatch):
    monkeypatch.setattr(server_prepared, "PER_CONNECTION", 2)
    for number in (1, 2, 1, 3):  # 1 used again after 2: 2 is the oldest when 3 comes
        assert _run(f"SELECT %s::int + {number}00", [0]) == [(number * 100,)]
    statements = set(_prepared_on_server().values())
    assert {"SELECT $1::int + 100", "SELECT $1::int + 300"} <= statements
    assert "SELECT $1::int + 200" not in statements
    assert _run("SELECT %s::int + 200", [0]) == [(200,)]  # prepared again when asked again


def test_long_statements_stay_prepared_within_a_budget_of_sql_text(db, monkeypatch):
    # The server's memory for a statement grows with its text (a search's
    # 20 kB probe held ~860 kB, an article's row ~45 kB): a count alone
    # would let 200 of them hold ~170 MB in each server process.
    monkeypatch.setattr(server_prepared, "TEXT_PER_CONNECTION", 3000)
    padded = [f"SELECT %s::int + {number}00 /* {'x' * 1000} */" for number in (1, 2, 3)]
    for sql in padded:
        assert _run(sql, [0]) == [(int(sql.split("+ ")[1].split(" ")[0]),)]
    statements = set(_prepared_on_server().values())
    assert [s for s in statements if "+ 100 /*" in s] == []  # the oldest went
    assert len([s for s in statements if "xxxx" in s]) == 2
    # One longer than the whole budget runs as it is, never prepared.
    huge = f"SELECT %s::int + 400 /* {'y' * 4000} */"
    assert _run(huge, [0]) == [(400,)]
    assert not [s for s in _prepared_on_server().values() if "yyyy" in s]


def test_sql_postgresql_cannot_prepare_runs_as_it_is_and_the_transaction_stands(db):
    # A parameter whose type nothing tells: fine with the value in place,
    # refused by PREPARE. The test's transaction must still be usable.
    assert _run("SELECT %s IS NULL", [None]) == [(True,)]
    assert _run("SELECT %s IS NULL", ["given"]) == [(False,)]
    assert _run("SELECT %s::int + 1", [1]) == [(2,)]
    assert "SELECT $1 IS NULL" not in _prepared_on_server().values()


def test_an_error_in_the_sql_is_raised_as_running_it_would(db):
    with pytest.raises(ProgrammingError, match="no_such_table"):
        _run("SELECT id FROM no_such_table WHERE id = %s", [1])
    assert _run("SELECT %s::int + 1", [1]) == [(2,)]  # the transaction stands


@pytest.fixture
def scratch_table(db):
    """A table of this test's transaction (gone with it)."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE scratch_prepared (word varchar(10))")
        cursor.execute("INSERT INTO scratch_prepared VALUES ('gạo')")
    return "SELECT word FROM scratch_prepared WHERE word = %s"


def test_a_statement_whose_result_type_changed_runs_and_is_prepared_again(scratch_table):
    # A migration widening a column (or one site's schema migrated before
    # another's): PostgreSQL refuses the old plan (0A000) on every EXECUTE.
    assert _run(scratch_table, ["gạo"]) == [("gạo",)]
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE scratch_prepared ALTER COLUMN word TYPE varchar(20)")

    assert _run(scratch_table, ["gạo"]) == [("gạo",)]  # as it is, the transaction intact
    assert _run(scratch_table, ["gạo"]) == [("gạo",)]  # prepared afresh
    names = [n for n, text in _prepared_on_server().items() if "scratch_prepared" in text]
    # The refused one is deallocated (review, session 18: left, each site
    # switch during a migration leaked one, outside every bound); its name
    # is never reused.
    assert len(names) == 1


def test_names_never_clash_with_statements_a_session_already_holds(db):
    # A pooler that hands a server session on without DISCARD ALL: the new
    # client's first name must not be one the session already holds
    # ("prepared statement s1 already exists" on every request).
    connection._server_prepared = None  # names given from the start, as on a new connection
    assert _run("SELECT %s::int + 5", [0]) == [(5,)]
    connection._server_prepared = None  # a new client on the same server session
    assert _run("SELECT %s::int + 6", [0]) == [(6,)]
    assert "SELECT $1::int + 6" in _prepared_on_server().values()


def test_statements_the_server_forgot_are_prepared_again(scratch_table, monkeypatch):
    # DISCARD ALL (a pooler's reset) drops every statement (26000), also
    # one about to be deallocated to make room.
    monkeypatch.setattr(server_prepared, "PER_CONNECTION", 2)
    assert _run(scratch_table, ["gạo"]) == [("gạo",)]
    assert _run("SELECT %s::int + 1", [1]) == [(2,)]
    with connection.connection.cursor() as raw:
        raw.execute("DEALLOCATE ALL")

    assert _run("SELECT %s::int + 2", [1]) == [(3,)]  # the oldest cannot be deallocated
    assert _run(scratch_table, ["gạo"]) == [("gạo",)]
    assert _run("SELECT %s::int + 1", [1]) == [(2,)]
    assert _run("SELECT %s::int + 2", [1]) == [(3,)]
    assert len(_prepared_on_server()) <= 2


def test_an_error_of_the_statement_itself_is_raised_and_the_transaction_stands(scratch_table):
    # Prepared statements run in a savepoint inside a transaction: what the
    # statement raises is raised, and nothing around it is lost.
    _run("SELECT 1 / %s::int", [1])
    with pytest.raises(DataError, match="division by zero"):
        _run("SELECT 1 / %s::int", [0])
    assert _run(scratch_table, ["gạo"]) == [("gạo",)]
