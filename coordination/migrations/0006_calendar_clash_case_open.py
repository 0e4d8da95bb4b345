from django.db import migrations, models

# The case's state copied onto its clash rows (see CalendarClash.case_open).
FILL = """
    UPDATE coordination_calendarclash AS clash
    SET case_open = (cases.status IN ('open', 'acknowledged'))
    FROM coordination_clashcase AS cases
    WHERE cases.id = clash.case_id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0005_calendar_days"),
    ]

    operations = [
        migrations.AddField(
            model_name="calendarclash",
            name="case_open",
            field=models.BooleanField(default=False),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
