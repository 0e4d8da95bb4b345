# Online links go only to confirmed participants unless the organisers show
# them to everyone. An event nobody could receive a link for (registration
# closed, nobody confirmed) keeps showing it, as it did.

from django.db import migrations, models


def keep_links_nobody_else_would_get(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Registration = apps.get_model("events", "Registration")
    confirmed = Registration.objects.filter(status="confirmed").values("event_id")
    Event.objects.exclude(online_url="").filter(registration_open=False, origin_code="").exclude(
        pk__in=confirmed
    ).update(online_url_is_public=True)


class Migration(migrations.Migration):
    dependencies = [("events", "0006_column_names")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="online_url_is_public",
            field=models.BooleanField(
                default=False,
                help_text="Otherwise only confirmed participants receive it, with their "
                "registration. Show it for a public livestream.",
                verbose_name="show the online link to everyone",
            ),
        ),
        migrations.RunPython(keep_links_nobody_else_would_get, migrations.RunPython.noop),
    ]
