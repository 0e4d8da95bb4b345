# Spelling suggestions learn the vocabulary seeded before they could:
# "hat deiu" → "hạt điều". New schemas get the words from the seed itself.

from django.db import migrations


def remember_vocabulary(apps, schema_editor):
    from search.lexicon import remember_words

    terms = apps.get_model("search", "ProductTerm").objects.values_list("text", flat=True)
    remember_words(terms, phrases=True, model=apps.get_model("search", "SearchWord"))


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_vocabulary")]

    operations = [migrations.RunPython(remember_vocabulary, migrations.RunPython.noop)]
