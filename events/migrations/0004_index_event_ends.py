# The end of each event in its search documents and the hub's index (the
# hub lists events until they end, as each site does). New and changed
# events write it themselves; `rebuild_search_index` would do the same, slower.

from django.db import migrations


def fill_ends(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="events", model="event").first()
    if content_type is None:
        return
    schema_editor.execute(
        "UPDATE search_searchdocument d SET ends_at = e.ends_at FROM events_event e"
        " WHERE d.content_type_id = %s AND d.object_id = e.id",
        [content_type.pk],
    )
    schema_editor.execute(
        "UPDATE public.hub_hubentry h SET ends_at = e.ends_at"
        " FROM events_event e, public.tenants_site s"
        " WHERE s.schema_name = current_schema() AND h.site_id = s.id"
        " AND h.kind = 'event' AND h.object_id = e.id"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_cohosting_copies"),
        ("search", "0006_searchdocument_ends_at"),
        ("hub", "0003_hubentry_ends_at"),
    ]

    operations = [migrations.RunPython(fill_ends, migrations.RunPython.noop)]
