from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

from search.gin import bound_pending_lists
from search.models.document import Shelf

#: The shelf indexes (search.models.document.Shelf beside a column).
SHELVES = {
    "search_document_shelf_vector": "vector",
    "search_document_shelf_title": "title_vector",
    "search_document_shelf_products": "products",
}


# Each GIN index of the search bounded at 64 kB, then flushed: a site's
# list was up to 4 MB, read whole by every scan of the index (search.gin).
class Migration(migrations.Migration):
    dependencies = [("search", "0009_vector_inline")]

    operations = [
        bound_pending_lists(
            {
                "searchdocument": [
                    GinIndex(Shelf(), models.F(column), gin_pending_list_limit=64, name=name)
                    for name, column in SHELVES.items()
                ],
                "searchword": [
                    GinIndex(
                        fields=["word"],
                        gin_pending_list_limit=64,
                        name="search_word_trgm",
                        opclasses=["gin_trgm_ops"],
                    )
                ],
                "productterm": [
                    GinIndex(
                        fields=["vector"], gin_pending_list_limit=64, name="product_term_vector"
                    )
                ],
            }
        )
    ]
