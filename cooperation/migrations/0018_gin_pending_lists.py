from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from search.gin import bound_pending_lists


# The lists' product filter (HS codes) bounded at 64 kB, then flushed: every
# scan read the pending list whole, up to 4 MB (search.gin).
class Migration(migrations.Migration):
    dependencies = [("cooperation", "0017_sitepage_updated_name")]

    operations = [
        bound_pending_lists(
            {
                model: [
                    GinIndex(
                        fields=["hs_codes"], gin_pending_list_limit=64, name=f"{model}_hs_codes"
                    )
                ]
                for model in ("article", "opportunity", "enterprise")
            }
        )
    ]
