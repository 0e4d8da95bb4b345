# Each event's time zone and co-hosting in its search documents and the hub's
# index: the hub shows an event's dates as its own site does (in the event's
# zone), and a co-hosted event once, on its origin, naming its co-hosts. New
# and changed events write them themselves; `rebuild_search_index` would too.

from django.db import migrations


def fill(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="events", model="event").first()
    if content_type is None:
        return
    schema_editor.execute(
        "UPDATE search_searchdocument d SET time_zone = e.time_zone, copy_of = e.origin_code,"
        " shared_with = e.cohost_codes FROM events_event e"
        " WHERE d.content_type_id = %s AND d.object_id = e.id",
        [content_type.pk],
    )
    schema_editor.execute(
        "UPDATE public.hub_hubentry h SET time_zone = e.time_zone, copy_of = e.origin_code,"
        " shared_with = e.cohost_codes FROM events_event e, public.tenants_site s"
        " WHERE s.schema_name = current_schema() AND h.site_id = s.id"
        " AND h.kind = 'event' AND h.object_id = e.id"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_index_event_ends"),
        ("search", "0007_walk_event_zone_and_cohosts"),
        ("hub", "0004_walk_event_zone_and_cohosts"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
