from django.conf import settings
from django.core.management.base import BaseCommand

from tenants.services.inventory import site_summaries


class Command(BaseCommand):
    help = "List every country-pair site with its domains, languages, status and content."

    def handle(self, *args, **options) -> None:
        labels = [label for label, _model in settings.SITE_CONTENT_COUNTS]
        header = ["code", "domains", "languages", "status", *labels]
        rows = [
            [s.code, " ".join(s.domains), ",".join(s.languages), s.status]
            + [str(s.counts[label]) for label in labels]
            for s in site_summaries()
        ]
        if not rows:
            self.stdout.write("no sites yet: launch one with provision_site")
            return
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
