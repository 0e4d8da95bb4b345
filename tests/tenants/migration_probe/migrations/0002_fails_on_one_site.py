import os

from django.db import migrations, models


def fail_on_one_site(apps, schema_editor):
    if schema_editor.connection.schema_name == os.environ.get("PROBE_FAIL_SCHEMA"):
        raise RuntimeError("probe migration failed on purpose")


class Migration(migrations.Migration):
    dependencies = [("migration_probe", "0001_initial")]
    operations = [
        migrations.CreateModel(
            name="SecondProbe",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("note", models.CharField(max_length=20)),
            ],
        ),
        migrations.RunPython(fail_on_one_site, migrations.RunPython.noop),
    ]
