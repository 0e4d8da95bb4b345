from django.core.management.base import BaseCommand

from hub.index import rebuild_all
from languages.console import counted


class Command(BaseCommand):
    help = "Re-create the hub's index of every site's news, listings and events from the sites."

    def handle(self, *args, **options) -> None:
        for code, count in rebuild_all().items():
            self.stdout.write(f"{code}: {counted(count, 'entry', 'entries')}")
