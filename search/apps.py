from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Layer 5: search across a site's content. Content apps register what
    is searchable (``search.registry.register``); this app imports none of them."""

    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from tenants.services import site_parts

        # Derived from a site's content: not part of what clone_site copies.
        site_parts.register_tables(content=("search.SearchDocument",))
