from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("coordination", "0008_calendar_clash_kinds")]

    operations = [
        migrations.AddIndex(
            model_name="clashcase",
            index=models.Index(fields=["high_uid"], name="clash_case_high_uid"),
        ),
    ]
