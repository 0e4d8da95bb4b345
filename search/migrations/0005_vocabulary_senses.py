# Heading 0801's words move to its subheadings: "coconut", "dừa", "kelapa",
# "椰子" to the coconuts (0801.11, .12, .19), "cashew", "hạt điều", "腰果",
# "mete" to the cashew (0801.31, .32), so a search for one never finds the
# other. Runs the seed again (search.vocabulary.seed): new codes and terms
# are added, the seeded synonyms the seed no longer has are removed, and
# what editors wrote is left alone.

from django.db import migrations


def reseed(apps, schema_editor):
    from search.vocabulary import seed

    seed(
        apps.get_model("search", "ProductCode"),
        apps.get_model("search", "ProductTerm"),
        apps.get_model("search", "SearchWord"),
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_vocabulary_words")]

    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
