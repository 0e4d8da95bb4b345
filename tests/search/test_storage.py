"""How search documents are stored and indexed (search/migrations/0009,
0010)."""

from importlib import import_module

from django.db import connection

INDEXES = import_module("search.migrations.0010_gin_pending_lists").INDEXES


def test_the_vector_stays_in_the_row(site_vn, in_site):
    # The probe reads ``vector`` row by row in date order: out of line, each
    # row cost a TOAST look-up (7.8 ms against 1.6 ms for 1,000 articles).
    with in_site(site_vn), connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute"
            " WHERE attrelid = 'search_searchdocument'::regclass AND attname = 'vector'"
        )
        assert cursor.fetchone() == ("m",)


def test_the_search_indexes_keep_short_pending_lists(site_vn, in_site):
    # Every scan of a GIN index reads its pending list whole: at the
    # server's 4 MB a word nothing has cost 143 ms at p95 on 100,000
    # articles (search/migrations/0010_gin_pending_lists).
    with in_site(site_vn), connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_class c JOIN pg_am a ON a.oid = c.relam"
            " WHERE a.amname = 'gin' AND c.relnamespace = current_schema()::regnamespace"
            " AND c.relname IN %s",
            [tuple(INDEXES)],
        )
        assert dict(cursor.fetchall()) == {name: ["gin_pending_list_limit=64"] for name in INDEXES}
