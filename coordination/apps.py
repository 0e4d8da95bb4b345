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
        from coordination import backup, index
        from tenants.services.site_parts import PublicRows, register_public_rows

        # The clash cases and programme links of a site's events go into its
        # backup; restored first, so that the index derived again next finds
        # them (backup.py says how they merge with what is there).
        register_public_rows(
            PublicRows(
                name="coordination.clash_cases",
                export=backup.export_site_cases,
                restore=backup.restore_site_cases,
            )
        )
        # A site's entries go into its backup and are derived again on restore.
        register_public_rows(
            PublicRows(
                name="coordination.calendar_entries",
                export=index.export_site_entries,
                restore=index.restore_site_entries,
            )
        )
