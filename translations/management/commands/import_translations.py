from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from tenants.management.site_command import SiteCommand
from translations.services.translation_exchange import CatalogError, import_catalog


class Command(SiteCommand):
    help = (
        "Apply a translated PO or XLIFF file, or a ZIP archive of them; with any invalid "
        "entry nothing is applied unless --partial."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--language", required=True)
        parser.add_argument("file", type=Path)
        parser.add_argument("--partial", action="store_true", help="apply the valid entries anyway")

    def handle_site(self, site, *args, language: str, file: Path, partial: bool, **options) -> None:
        if not file.is_file():
            raise CommandError(f"file not found: {file}")
        try:
            report = import_catalog(site, language, file.read_bytes(), partial=partial)
        except CatalogError as error:
            raise CommandError(str(error)) from None
        for context, why in report.skipped:
            self.stdout.write(f"skipped {context}: {why}")
        for context, why in report.errors:
            self.stderr.write(f"error {context}: {why}")
        for item in report.held_back:
            self.stdout.write(f"held back {item} [{language}]: readers see it once marked checked")
        self.stdout.write(
            f"applied {len(report.applied)}, skipped {len(report.skipped)}, errors {len(report.errors)}"
        )
        if report.errors and not partial:
            raise CommandError(
                "nothing applied because of the errors above (use --partial to apply the rest)"
            )
