from django.db import migrations, models
from modeltranslation.utils import build_localized_fieldname


def written_in(apps, schema_editor) -> None:
    """Articles with no title in the site's default language were written in
    another: the first of the site's languages that has one is their source
    (as cooperation 0016 did for enterprises' profiles)."""
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
    Article = apps.get_model("cooperation", "Article")
    for article in Article.objects.filter(language=""):
        titled = [
            code for code in languages if getattr(article, build_localized_fieldname("title", code))
        ]
        if titled and titled[0] != languages[0]:
            article.language = titled[0]
            article.save(update_fields=["language"])


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0018_gin_pending_lists")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="language",
            field=models.CharField(
                blank=True, max_length=10, verbose_name="language of the article"
            ),
        ),
        migrations.RunPython(written_in, migrations.RunPython.noop),
    ]
