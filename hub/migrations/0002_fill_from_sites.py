"""Fill the hub's index from the search documents of the sites that exist
when the index is created (later writes keep it in step)."""

from django.db import migrations
from psycopg2 import sql


def fill(apps, schema_editor) -> None:
    from hub.index import COPIED, copy_statement

    Site = apps.get_model("tenants", "Site")
    cursor = schema_editor.connection.cursor()
    for site in Site.objects.exclude(status="template").exclude(schema_name="public"):
        cursor.execute("SELECT to_regclass(%s)", [f'"{site.schema_name}".search_searchdocument'])
        if cursor.fetchone()[0] is None:
            continue  # not migrated yet: its documents will be copied as they are written
        statement, params = copy_statement(
            site_id=site.pk,
            languages=list(site.languages),
            documents=sql.Identifier(site.schema_name, "search_searchdocument"),
            where=sql.SQL("TRUE"),
            params=[],
        )
        cursor.execute(statement, params)


class Migration(migrations.Migration):
    dependencies = [("hub", "0001_initial"), ("tenants", "0006_site_drafts_and_contact_details")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
