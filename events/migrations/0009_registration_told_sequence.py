# Registrants are told when their event changes. Those registered before
# this are taken to know the event as it stands: nobody is written to
# about changes made before the portal could tell them.

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def told_of_the_event_as_it_stands(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Registration = apps.get_model("events", "Registration")
    sequence = Event.objects.filter(pk=OuterRef("event_id")).values("sequence")[:1]
    Registration.objects.update(told_sequence=Subquery(sequence))


class Migration(migrations.Migration):
    dependencies = [("events", "0008_event_language")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="told_sequence",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(told_of_the_event_as_it_stands, migrations.RunPython.noop),
    ]
