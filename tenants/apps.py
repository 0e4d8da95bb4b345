from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Sites")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from tenants import contenttypes

        contenttypes.install()

        from tenants.models import Domain, Site
        from tenants.services import site_clone, site_parts
        from tenants.services.site_lookup import forget_all

        # Django's own per-site tables: roles are structure a clone copies.
        site_parts.register_tables(
            structure=("auth.Group",),
            content=("auth.User", "admin.LogEntry", "sessions.Session"),
            template=("contenttypes.ContentType", "auth.Permission"),
        )
        site_parts.register_structure_copier("auth.Group", site_clone.copy_groups)

        for model in (Site, Domain):
            post_save.connect(
                forget_all, sender=model, dispatch_uid=f"site-lookup-{model.__name__}"
            )
            post_delete.connect(
                forget_all, sender=model, dispatch_uid=f"site-lookup-gone-{model.__name__}"
            )
