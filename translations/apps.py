from django.apps import AppConfig
from django.contrib.postgres.lookups import Unaccent
from django.db.models import CharField, TextField
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    # The app was called i18n before it was named for what it holds. The label
    # stays: it names the table (i18n_translationsource) in every site schema,
    # the migration history and the permissions (i18n.view_translationsource)
    # that roles grant, none of which a rename should touch.
    label = "i18n"
    verbose_name = _("Translations")

    def ready(self) -> None:
        from tenants.services import provisioning, site_parts
        from translations import signals, workspace
        from translations.services import site_structure
        from translations.services.staff import set_staff_language

        signals.connect()
        workspace.register()
        # ``title_vi__unaccent__icontains``: marks taken off both sides by the
        # database's unaccent (tenants 0002), as the public search's index
        # does; django.contrib.postgres would register it, were it installed.
        for field in (CharField, TextField):
            field.register_lookup(Unaccent)
        # A new site's administrator is written to in the language chosen at launch.
        provisioning.register_staff_language_keeper(set_staff_language)
        # Records of copied structure go along with it (clone_site); the rest is content's.
        site_parts.register_tables(structure=("i18n.TranslationSource",))
        # Tasks, readers' requests and staff languages follow the site's
        # content and people: backed up, not copied into a clone.
        site_parts.register_tables(
            content=("i18n.TranslationTask", "i18n.TranslationRequest", "i18n.StaffLanguage")
        )
        # Derived from the content (rebuilt when missing): with it.
        site_parts.register_tables(
            content=("i18n.TranslationGap", "i18n.TranslationGapCount", "i18n.TranslationGapsBuilt")
        )
        site_parts.register_structure_copier("i18n.TranslationSource", site_structure.copy_records)
