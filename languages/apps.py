from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguagesConfig(AppConfig):
    """Layer 1: the languages the framework serves and how it formats for them.

    No models and no knowledge of sites; an app only so that templates can
    load its ``formatting`` filters.
    """

    name = "languages"
    verbose_name = _("Languages")
