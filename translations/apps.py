from django.apps import AppConfig
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
        from translations import signals, workspace

        signals.connect()
        workspace.register()
