from django.core.management.base import BaseCommand

from coordination.index import rebuild_clashes, rebuild_site_index
from tenants.models import Site


class Command(BaseCommand):
    help = "Recreate the hub's coordination index from every site's events."

    def handle(self, *args, **options) -> None:
        total = 0
        for site in Site.objects.real():
            count = rebuild_site_index(site)
            total += count
            self.stdout.write(f"{site.code}: {count} events")
        self.stdout.write(f"indexed {total} events, {rebuild_clashes()} clashing pairs")
