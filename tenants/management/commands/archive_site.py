from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.models import Site
from tenants.services.inventory import set_status


class Command(BaseCommand):
    help = "Archive a site (hidden from the hub, kept read-only) or restore it with --restore."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code")
        parser.add_argument("--restore", action="store_true", help="make the site active again")

    def handle(self, *args, code: str, restore: bool, **options) -> None:
        status = Site.Status.ACTIVE if restore else Site.Status.ARCHIVED
        try:
            site, changed = set_status(code, status)
        except Site.DoesNotExist:
            raise CommandError(f"no site with code {code!r}") from None
        verb = "restored" if restore else "archived"
        self.stdout.write(
            f"site {site.code} {verb}" if changed else f"site {site.code} was already {status}"
        )
