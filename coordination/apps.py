from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """Layer 6: the hub's calendar of every site's events (public schema).

    Content apps feed it through ``coordination.index`` and say how to list
    their entries again through ``coordination.sources``; it imports none of them.
    """

    name = "coordination"
    verbose_name = _("Coordination calendar")

    def ready(self) -> None:
        from coordination import index
        from tenants.services.site_parts import PublicRows, register_public_rows

        # A site's entries go into its backup and are derived again on restore.
        register_public_rows(
            PublicRows(
                name="coordination.calendar_entries",
                export=index.export_site_entries,
                restore=index.restore_site_entries,
            )
        )
