from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from tenants.management.site_command import SiteCommand
from translations.services.translation_exchange import FORMATS, PO, CatalogError, export
from translations.services.translation_status import MISSING, OUTDATED, target_languages


class Command(SiteCommand):
    help = "Write a site's missing and outdated texts in one language to a PO or XLIFF 2.1 file."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--language", required=True)
        parser.add_argument(
            "--output", "-o", type=Path, help="file to write (default: standard output)"
        )
        parser.add_argument("--format", choices=FORMATS, default=PO, help="po (default) or xliff")
        parser.add_argument(
            "--only-outdated", action="store_true", help="leave out what was never translated"
        )

    def handle_site(self, site, *args, language: str, output: Path | None, **options) -> None:
        if language not in target_languages(site):
            raise CommandError(f"{language!r} is not a translation language of {site.code}")
        states = (OUTDATED,) if options["only_outdated"] else (MISSING, OUTDATED)
        try:
            data, _mime, extension = export(site, language, options["format"], states=states)
        except CatalogError as error:
            raise CommandError(str(error)) from None
        if extension == "zip" and output is None:
            raise CommandError(
                "these texts are written in several languages: XLIFF makes one file per "
                "source language, in a ZIP archive; give --output FILE.zip"
            )
        if output is None:
            self.stdout.write(data.decode("utf-8"), ending="")
        else:
            output.write_bytes(data)
            self.stderr.write(f"wrote {output}")
