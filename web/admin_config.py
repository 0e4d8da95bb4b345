"""Django's admin app, whose default site is each site's branded admin.

Kept apart from ``web.admin_site``: an app config is imported while the app
registry is filled, before any model may be.
"""

from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "web.admin_site.SiteAdminSite"

    def ready(self) -> None:
        super().ready()  # every app's admin module, registered
        from tenants.admin_names import name_third_party_apps
        from web.admin_site import settle_site_admin

        name_third_party_apps()
        settle_site_admin()
