# Chinese vocabulary terms join the lexicon with their reading, so a term
# typed with a character of the same sound (榴连) is offered as spelt (榴莲).

from django.db import migrations, models


def remember_readings(apps, schema_editor):
    from search.lexicon import remember_words

    terms = apps.get_model("search", "ProductTerm").objects.values_list("text", flat=True)
    remember_words(terms, phrases=True, model=apps.get_model("search", "SearchWord"))


class Migration(migrations.Migration):
    dependencies = [("search", "0010_gin_pending_lists")]

    operations = [
        migrations.AddField(
            model_name="searchword",
            name="reading",
            field=models.CharField(blank=True, default="", max_length=100),
        ),
        migrations.AddIndex(
            model_name="searchword",
            index=models.Index(
                condition=models.Q(("reading", ""), _negated=True),
                fields=["reading"],
                name="search_word_reading",
            ),
        ),
        migrations.RunPython(remember_readings, migrations.RunPython.noop),
    ]
