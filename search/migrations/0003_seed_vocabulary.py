# The HS vocabulary every site starts with (search.hs_seed), and the new
# columns of documents written before them. Runs in every site schema and in
# the template new sites are copied from.

from django.db import migrations
from django.utils import timezone


def seed_vocabulary(apps, schema_editor):
    from search.vocabulary import seed

    seed(apps.get_model("search", "ProductCode"), apps.get_model("search", "ProductTerm"))


def date_existing_documents(apps, schema_editor):
    # Until `rebuild_search_index` rewrites them: the date they show from, the
    # language their title is in, and public "since" then.
    SearchDocument = apps.get_model("search", "SearchDocument")
    table = schema_editor.quote_name(SearchDocument._meta.db_table)
    schema_editor.execute(
        f"UPDATE {table} SET dated_at = visible_from,"
        " languages = ARRAY[title_language]::varchar[],"
        " public_since = CASE WHEN is_public THEN COALESCE(visible_from, %s) END",
        [timezone.now()],
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_vocabulary")]

    operations = [
        migrations.RunPython(seed_vocabulary, migrations.RunPython.noop),
        migrations.RunPython(date_existing_documents, migrations.RunPython.noop),
    ]
