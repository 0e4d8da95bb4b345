from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

from search.models.document import Shelf

#: The shelf indexes (search.models.document.Shelf beside a column).
SHELVES = {
    "search_document_shelf_vector": "vector",
    "search_document_shelf_title": "title_vector",
    "search_document_shelf_products": "products",
}
INDEXES = [*SHELVES, "search_word_trgm", "product_term_vector"]


# Each index's pending list bounded at 64 kB (search.models.document.
# PENDING_LIST_KB), then flushed: a site's list was up to 4 MB, read whole
# by every scan of the index. ALTER INDEX … SET changes the catalog only:
# Django's own operations (RemoveIndex, AddIndex) would rebuild each index
# (the shelf vector index of a site of 100,000 articles is 27 MB), so they
# change the state alone. gin_clean_pending_list, unlike VACUUM, runs in the
# transaction a site's migrations share: ~0.3 s for the three 4 MB lists of
# bench/content.py's site.
class Migration(migrations.Migration):
    dependencies = [("search", "0009_vector_inline")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    [
                        statement
                        for name in INDEXES
                        for statement in (
                            f"ALTER INDEX {name} SET (gin_pending_list_limit = 64)",
                            f"SELECT gin_clean_pending_list('{name}'::regclass)",
                        )
                    ],
                    [f"ALTER INDEX {name} RESET (gin_pending_list_limit)" for name in INDEXES],
                ),
            ],
            state_operations=[
                *[
                    migrations.RemoveIndex(model_name="searchdocument", name=name)
                    for name in SHELVES
                ],
                migrations.RemoveIndex(model_name="searchword", name="search_word_trgm"),
                migrations.RemoveIndex(model_name="productterm", name="product_term_vector"),
                *[
                    migrations.AddIndex(
                        model_name="searchdocument",
                        index=GinIndex(
                            Shelf(), models.F(column), gin_pending_list_limit=64, name=name
                        ),
                    )
                    for name, column in SHELVES.items()
                ],
                migrations.AddIndex(
                    model_name="searchword",
                    index=GinIndex(
                        fields=["word"],
                        gin_pending_list_limit=64,
                        name="search_word_trgm",
                        opclasses=["gin_trgm_ops"],
                    ),
                ),
                migrations.AddIndex(
                    model_name="productterm",
                    index=GinIndex(
                        fields=["vector"], gin_pending_list_limit=64, name="product_term_vector"
                    ),
                ),
            ],
        ),
    ]
