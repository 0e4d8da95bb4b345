# Search documents of events written before documents had a date: the day
# the event starts (`rebuild_search_index` would do the same, slower).

from django.db import migrations


def date_documents(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="events", model="event").first()
    if content_type is None:
        return
    schema_editor.execute(
        "UPDATE search_searchdocument d SET dated_at = e.starts_at FROM events_event e"
        " WHERE d.content_type_id = %s AND d.object_id = e.id",
        [content_type.pk],
    )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"), ("search", "0003_seed_vocabulary")]

    operations = [migrations.RunPython(date_documents, migrations.RunPython.noop)]
