"""Base for management commands that work inside one site's schema."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django_tenants.utils import tenant_context

from tenants.models import Site


class SiteCommand(BaseCommand):
    """Adds ``--site CODE``, and runs ``handle_site`` inside that site's schema."""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site", required=True, help="site code, e.g. cn-vn")

    def handle(self, *args, site: str, **options) -> None:
        found = Site.objects.real().filter(code=site).first()
        if found is None:
            raise CommandError(f"no site with code {site!r}")
        # Operator output is in the project language, whatever a previous
        # caller in this thread activated.
        with tenant_context(found), translation.override(settings.LANGUAGE_CODE):
            self.handle_site(found, *args, **options)

    def handle_site(self, site: Site, *args, **options) -> None:
        raise NotImplementedError
