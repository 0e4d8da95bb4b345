"""GIN indexes that keep a short pending list, for every app's models and
migrations (the hub's, coordination's and cooperation's sit above search).

Every scan of a GIN index reads its pending list whole, whatever it looks
for. At the server's 4 MB, at 100,000 articles between two autovacuums (one
per ~100,000 inserts there) the three shelf indexes held 485, 372 and 248
pending pages: each scan read them (17-25 ms), and a search has up to
eight, so a word nothing has took 143 ms at p95. Within 64 kB the list is
flushed on write as it fills (300 documents rewritten: ~0.1 s, against
~1-2 s with no list at all, ``fastupdate`` off).
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

#: The most a GIN index keeps in its pending list, in kB (PostgreSQL's least).
PENDING_LIST_KB = 64


def short_gin_index(*expressions, **options) -> GinIndex:
    """``GinIndex(...)`` with its pending list bounded at PENDING_LIST_KB."""
    return GinIndex(*expressions, gin_pending_list_limit=PENDING_LIST_KB, **options)


def bound_pending_lists(indexes: dict[str, list[GinIndex]]) -> migrations.SeparateDatabaseAndState:
    """The migration operation giving existing GIN indexes their
    ``gin_pending_list_limit`` (``indexes``: model name → its indexes as they
    become, each written out in the migration with its limit), then
    flushing their lists.

    ALTER INDEX … SET changes the catalog only: Django's own operations
    (RemoveIndex, AddIndex) would rebuild each index (the shelf vector index
    of a site of 100,000 articles is 27 MB), so they change the state alone.
    gin_clean_pending_list, unlike VACUUM, runs in the transaction a site's
    migrations share: ~0.3 s for the three 4 MB lists of bench/content.py's
    site."""
    every = [index for model_indexes in indexes.values() for index in model_indexes]
    return migrations.SeparateDatabaseAndState(
        database_operations=[
            migrations.RunSQL(
                [
                    statement
                    for index in every
                    for statement in (
                        f'ALTER INDEX "{index.name}" SET'
                        f" (gin_pending_list_limit = {int(index.gin_pending_list_limit)})",
                        f"SELECT gin_clean_pending_list('\"{index.name}\"'::regclass)",
                    )
                ],
                [f'ALTER INDEX "{index.name}" RESET (gin_pending_list_limit)' for index in every],
            )
        ],
        state_operations=[
            *[
                migrations.RemoveIndex(model_name=model, name=index.name)
                for model, model_indexes in indexes.items()
                for index in model_indexes
            ],
            *[
                migrations.AddIndex(model_name=model, index=index)
                for model, model_indexes in indexes.items()
                for index in model_indexes
            ],
        ],
    )
