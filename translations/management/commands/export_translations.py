from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from tenants.management.site_command import SiteCommand
from translations.services.translation_exchange import export_catalog
from translations.services.translation_status import target_languages


class Command(SiteCommand):
    help = "Write a site's missing and outdated texts in one language to a PO file."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--language", required=True)
        parser.add_argument(
            "--output", "-o", type=Path, help="file to write (default: standard output)"
        )

    def handle_site(self, site, *args, language: str, output: Path | None, **options) -> None:
        if language not in target_languages(site):
            raise CommandError(f"{language!r} is not a translation language of {site.code}")
        data = export_catalog(site, language)
        if output is None:
            self.stdout.write(data.decode("utf-8"), ending="")
        else:
            output.write_bytes(data)
            self.stderr.write(f"wrote {output}")
