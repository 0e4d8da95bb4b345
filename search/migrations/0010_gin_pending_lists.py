import django.contrib.postgres.indexes
from django.db import migrations, models

import search.models.document

INDEXES = [
    "search_document_shelf_vector",
    "search_document_shelf_title",
    "search_document_shelf_products",
    "search_word_trgm",
    "product_term_vector",
]


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
                    migrations.RemoveIndex(model_name=model, name=name)
                    for model, name in [
                        ("productterm", "product_term_vector"),
                        ("searchdocument", "search_document_shelf_vector"),
                        ("searchdocument", "search_document_shelf_title"),
                        ("searchdocument", "search_document_shelf_products"),
                        ("searchword", "search_word_trgm"),
                    ]
                ],
                migrations.AddIndex(
                    model_name="productterm",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["vector"], gin_pending_list_limit=64, name="product_term_vector"
                    ),
                ),
                migrations.AddIndex(
                    model_name="searchdocument",
                    index=django.contrib.postgres.indexes.GinIndex(
                        search.models.document.Shelf(),
                        models.F("vector"),
                        gin_pending_list_limit=64,
                        name="search_document_shelf_vector",
                    ),
                ),
                migrations.AddIndex(
                    model_name="searchdocument",
                    index=django.contrib.postgres.indexes.GinIndex(
                        search.models.document.Shelf(),
                        models.F("title_vector"),
                        gin_pending_list_limit=64,
                        name="search_document_shelf_title",
                    ),
                ),
                migrations.AddIndex(
                    model_name="searchdocument",
                    index=django.contrib.postgres.indexes.GinIndex(
                        search.models.document.Shelf(),
                        models.F("products"),
                        gin_pending_list_limit=64,
                        name="search_document_shelf_products",
                    ),
                ),
                migrations.AddIndex(
                    model_name="searchword",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["word"],
                        gin_pending_list_limit=64,
                        name="search_word_trgm",
                        opclasses=["gin_trgm_ops"],
                    ),
                ),
            ],
        ),
    ]
