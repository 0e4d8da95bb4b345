from django.db import migrations, models
from modeltranslation.utils import build_localized_fieldname

TEXTS = ("name", "description", "products")


def written_in(apps, schema_editor) -> None:
    """Profiles with no text in the site's default language were written in
    another: the first of the site's languages that holds text is their
    source (the others read the default, as before)."""
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
    Enterprise = apps.get_model("cooperation", "Enterprise")

    def has_text(enterprise, code: str) -> bool:
        return any(
            getattr(enterprise, build_localized_fieldname(name, code), "") for name in TEXTS
        )

    for enterprise in Enterprise.objects.filter(language=""):
        if has_text(enterprise, languages[0]):
            continue
        written = next((code for code in languages[1:] if has_text(enterprise, code)), "")
        if written:
            enterprise.language = written
            enterprise.save(update_fields=["language"])


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0015_listing_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="enterprise",
            name="language",
            field=models.CharField(
                blank=True, max_length=10, verbose_name="language of the profile"
            ),
        ),
        migrations.RunPython(written_in, migrations.RunPython.noop),
    ]
