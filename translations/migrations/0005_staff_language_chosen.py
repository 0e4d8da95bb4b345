from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("i18n", "0004_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="stafflanguage",
            name="chosen",
            field=models.BooleanField(default=False),
        ),
    ]
