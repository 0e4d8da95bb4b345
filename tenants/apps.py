from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Sites")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from tenants import contenttypes, generations

        contenttypes.install()
        # Every write moves its schema's generation (what caches key on); the
        # host lookup and the page cache need nothing else to stay current.
        connection_created.connect(generations.install, dispatch_uid="generations-watch-writes")
