"""How search documents are stored and indexed (search/migrations/0009,
0010; search.gin)."""

from django.apps import apps
from django.contrib.postgres.indexes import GinIndex
from django.db import connection

from search.gin import PENDING_LIST_KB


def test_the_vector_stays_in_the_row(site_vn, in_site):
    # The probe reads ``vector`` row by row in date order: out of line, each
    # row cost a TOAST fetch (0009_vector_inline).
    with in_site(site_vn), connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute"
            " WHERE attrelid = 'search_searchdocument'::regclass AND attname = 'vector'"
        )
        assert cursor.fetchone() == ("m",)


def _gin_indexes() -> dict[str, int | None]:
    """Every model's GIN index, by name: its pending-list limit."""
    return {
        index.name: index.gin_pending_list_limit
        for model in apps.get_models()
        for index in model._meta.indexes
        if isinstance(index, GinIndex)
    }


def test_every_gin_index_is_declared_with_a_short_pending_list():
    # Every scan of a GIN index reads its pending list whole: at the
    # server's 4 MB a word nothing has cost 143 ms at p95 on 100,000
    # articles (search.gin). A new GIN index cannot forget it.
    declared = _gin_indexes()
    assert len(declared) >= 11  # search, hub, coordination and cooperation's
    assert declared == dict.fromkeys(declared, PENDING_LIST_KB)


def test_every_gin_index_keeps_a_short_pending_list(site_vn, in_site):
    # As migrated, in a site's schema and in the public one (the hub's and
    # coordination's tables): the limit is set, not only declared.
    with in_site(site_vn), connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_class c"
            " JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE a.amname = 'gin' AND n.nspname IN (current_schema(), 'public')"
        )
        found = dict(cursor.fetchall())
    options = [f"gin_pending_list_limit={PENDING_LIST_KB}"]
    assert found == {name: options for name in _gin_indexes()}
