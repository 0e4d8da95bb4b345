import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from tenants.services.inventory import site_summaries


class Command(BaseCommand):
    help = (
        "List every country-pair site with its domains, languages, status, content, "
        "size (rows and bytes) and last activity."
    )

    def handle(self, *args, **options) -> None:
        labels = [label for label, _model in settings.SITE_CONTENT_COUNTS]
        header = [
            "code",
            "domains",
            "languages",
            "status",
            *labels,
            "rows",
            "size",
            "last_activity",
        ]
        rows = [
            [s.code, " ".join(s.domains), ",".join(s.languages), s.status]
            + [str(s.counts[label]) for label in labels]
            + [
                f"~{s.rows}",
                filesizeformat(s.size_bytes).replace("\xa0", ""),
                s.last_activity.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%MZ")
                if s.last_activity
                else "never",
            ]
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
