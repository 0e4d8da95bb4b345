from django.core.management.base import CommandError, CommandParser

from tenants.management.site_command import SiteCommand
from translations.services.translation_gaps import rebuild_gaps
from translations.services.translation_status import (
    MISSING,
    OUTDATED,
    site_status,
    target_languages,
)


class Command(SiteCommand):
    help = "Show how much of a site's content is translated, per content type and language."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--language", help="only this language")
        parser.add_argument("--items", action="store_true", help="list the items needing work")
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="recount every item first (after content was written without the models)",
        )

    def handle_site(
        self, site, *args, language=None, items=False, rebuild=False, **options
    ) -> None:
        languages = target_languages(site)
        if language:
            if language not in languages:
                raise CommandError(
                    f"{language!r} is not a translation language of {site.code}: {', '.join(languages)}"
                )
            languages = [language]
        if rebuild:
            rebuild_gaps(site)
        statuses = site_status(site, languages)
        header = ["content", "language", "items", "current", "missing", "outdated", "done"]
        rows = [
            [
                status.label,
                lang,
                str(status.total),
                str(status.counts[lang]["current"]),
                str(status.counts[lang][MISSING]),
                str(status.counts[lang][OUTDATED]),
                f"{status.percent(lang)}%",
            ]
            for status in statuses
            for lang in languages
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        self.stdout.write(f"site {site.code}, source language {site.default_language}")
        for row in [header, *rows]:
            self.stdout.write(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
        if items:
            for status in statuses:
                for item in status.items:
                    for lang, fields in item.states.items():
                        described = ", ".join(f"{f.field} {f.state}" for f in fields)
                        self.stdout.write(
                            f"{status.model._meta.label_lower}:{item.instance.pk} [{lang}] {described}"
                        )
