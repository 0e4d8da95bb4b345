from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Sites and domains")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from tenants import contenttypes, generations

        contenttypes.install()
        # Every write moves its schema's generation (what caches key on); the
        # host lookup and the page cache need nothing else to stay current.
        connection_created.connect(generations.install, dispatch_uid="generations-watch-writes")

        from tenants.services import site_clone, site_parts

        # Django's own per-site tables: roles are structure a clone copies.
        site_parts.register_tables(
            structure=("auth.Group",),
            content=("auth.User", "admin.LogEntry", "sessions.Session"),
            template=("contenttypes.ContentType", "auth.Permission"),
        )
        site_parts.register_structure_copier("auth.Group", site_clone.copy_groups)
