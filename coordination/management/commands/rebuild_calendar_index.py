from django.core.management.base import BaseCommand

from coordination.index import rebuild_clashes, rebuild_site_index
from languages.console import counted
from tenants.models import Site


class Command(BaseCommand):
    help = "Recreate the hub's coordination index from every site's events."

    def handle(self, *args, **options) -> None:
        total = 0
        for site in Site.objects.real():
            count = rebuild_site_index(site)
            total += count
            self.stdout.write(f"{site.code}: {counted(count, 'event', 'events')}")
        pairs = counted(rebuild_clashes(), "clashing pair", "clashing pairs")
        self.stdout.write(f"indexed {counted(total, 'event', 'events')}, {pairs}")
