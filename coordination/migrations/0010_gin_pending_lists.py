from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from search.gin import bound_pending_lists


# The clash keys' index bounded at 64 kB, then flushed: every scan read the
# pending list whole, up to 4 MB (search.gin).
class Migration(migrations.Migration):
    dependencies = [("coordination", "0009_clash_case_high_uid")]

    operations = [
        bound_pending_lists(
            {
                "calendarentry": [
                    GinIndex(
                        fields=["clash_keys"],
                        gin_pending_list_limit=64,
                        name="calendar_entry_clash_keys",
                    )
                ]
            }
        )
    ]
