from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Layer 5: search across a site's content, and the product vocabulary
    (HS codes) that lets a query cross languages. Content apps register what
    is searchable (``search.registry.register``); this app imports none of them."""

    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from search import signals

        signals.connect()
