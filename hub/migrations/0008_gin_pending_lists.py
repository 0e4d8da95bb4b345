from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from search.gin import bound_pending_lists


# The hub's text and product indexes bounded at 64 kB, then flushed: every
# scan read the pending list whole, up to 4 MB (search.gin).
class Migration(migrations.Migration):
    dependencies = [("hub", "0007_events_soonest")]

    operations = [
        bound_pending_lists(
            {
                "hubentry": [
                    GinIndex(fields=["vector"], gin_pending_list_limit=64, name="hub_entry_vector"),
                    GinIndex(
                        fields=["products"], gin_pending_list_limit=64, name="hub_entry_products"
                    ),
                ]
            }
        )
    ]
