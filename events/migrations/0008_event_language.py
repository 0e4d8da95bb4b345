from django.db import migrations, models
from modeltranslation.utils import build_localized_fieldname


def written_in(apps, schema_editor) -> None:
    """Events with no title in the site's default language were written in
    another: the first of the site's languages that has one is their source
    (as cooperation 0019 did for articles). Copies of co-hosted events are
    the origin's business: they are brought in line when it next saves."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT languages FROM public.tenants_site WHERE schema_name = %s",
            [connection.schema_name],
        )
        row = cursor.fetchone()
    if not row or not row[0]:  # the template schema: no site, no rows
        return
    languages = row[0]
    Event = apps.get_model("events", "Event")
    for event in Event.objects.filter(language="", origin_code=""):
        titled = [
            code for code in languages if getattr(event, build_localized_fieldname("title", code))
        ]
        if titled and titled[0] != languages[0]:
            event.language = titled[0]
            event.save(update_fields=["language"])


class Migration(migrations.Migration):
    dependencies = [("events", "0007_online_link_privacy")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="language",
            field=models.CharField(blank=True, max_length=10, verbose_name="language of the event"),
        ),
        migrations.RunPython(written_in, migrations.RunPython.noop),
    ]
