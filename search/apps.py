from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Layer 5: search across a site's content, and the product vocabulary
    (HS codes) that lets a query cross languages. Content apps register what
    is searchable (``search.registry.register``); this app imports none of them."""

    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from search import signals, vocabulary
        from search.models import ProductCode, ProductTerm
        from tenants import generations
        from tenants.services import site_parts

        signals.connect()
        # Names and choices are kept until these tables change, not the site.
        generations.watch_tables(
            vocabulary.FAMILY, [ProductCode._meta.db_table, ProductTerm._meta.db_table]
        )
        # Derived from a site's content: not part of what clone_site copies.
        site_parts.register_tables(content=("search.SearchDocument", "search.SearchWord"))
        # The site's vocabulary, its editors' names and synonyms included.
        site_parts.register_tables(structure=("search.ProductCode", "search.ProductTerm"))
        site_parts.register_structure_copier("search.ProductCode", vocabulary.copy_vocabulary)
        site_parts.register_structure_copier("search.ProductTerm", lambda _source, _target: 0)
