"""Fill the hub's index from the search documents of the sites that exist
when the index is created (later writes keep it in step).

It runs with the tables as they are then, not as the code is now: the
public schema is migrated before the sites, so a site's documents and the
index may both lack columns the code copies today (the index gains
``ends_at`` in 0003). Only the columns both have are copied; the migrations
that add the others fill them (events 0004 and 0005 for events).
"""

from django.db import migrations
from psycopg2 import sql


def fill(apps, schema_editor) -> None:
    from hub.index import COPIED, copy_statement

    Site = apps.get_model("tenants", "Site")
    cursor = schema_editor.connection.cursor()

    def columns_of(schema: str, table: str) -> set[str]:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = %s AND table_name = %s",
            [schema, table],
        )
        return {row[0] for row in cursor.fetchall()}

    in_index = columns_of("public", "hub_hubentry")
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
            columns=[
                name
                for name in COPIED
                if name in in_index
                and name in columns_of(site.schema_name, "search_searchdocument")
            ],
        )
        cursor.execute(statement, params)


class Migration(migrations.Migration):
    dependencies = [("hub", "0001_initial"), ("tenants", "0006_site_drafts_and_contact_details")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
