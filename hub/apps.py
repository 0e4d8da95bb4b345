from django.apps import AppConfig


class HubConfig(AppConfig):
    """Layer 6: what the hub gathers from every site (public schema).

    An index of each site's public news, listings and events in every
    language it offers, written from the site's search documents in the
    transaction that writes them (``search.registry.listen``), so the hub
    reads one table instead of visiting every site's schema. It imports no
    content app.
    """

    name = "hub"
    verbose_name = "Hub"  # not in any admin

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from hub import gather, index
        from search import registry
        from tenants.models import Site
        from tenants.services.site_parts import PublicRows, register_public_rows
        from web import page_cache

        registry.listen(registry.Listener(changed=index.write_entries, rebuilt=index.rebuild_site))
        post_save.connect(index.site_saved, sender=Site, dispatch_uid="hub-site-saved")
        # Stored hub pages end when an event of any site starts or ends.
        page_cache.register_schedule(gather.next_change, hub=True)
        # A site's entries go into its backup and are derived again on restore.
        register_public_rows(
            PublicRows(name="hub.entries", export=index.export_site, restore=index.restore_site)
        )
