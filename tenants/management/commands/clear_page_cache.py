from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants import generations
from tenants.models import Site


class Command(BaseCommand):
    help = (
        "Drop every stored page (and remembered host) of all sites, or of one site with"
        " --site: their generation moves, so nothing stored before is served again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site", metavar="CODE", help="only this site's pages")

    def handle(self, *args, site: str | None, **options) -> None:
        if site:
            try:
                schema = Site.objects.get(code=site).schema_name
            except Site.DoesNotExist:
                raise CommandError(f"no site with code {site!r}") from None
            generations.bump(schema)
            self.stdout.write(f"stored pages of site {site} dropped")
        else:
            generations.bump(generations.PUBLIC)
            self.stdout.write("stored pages of every site dropped")
