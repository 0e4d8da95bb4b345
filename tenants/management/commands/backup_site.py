from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat

from tenants.models import Site
from tenants.services import site_backup
from tenants.services.pg_tools import PgToolError
from tenants.services.site_archive import ArchiveError
from tenants.services.site_spec import CODE_RE


class Command(BaseCommand):
    help = (
        "Back up one site: its schema (pg_dump), its rows in the public schema and its stored "
        "files, in one archive with a manifest and checksums."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="site code, e.g. cn-vn")
        parser.add_argument(
            "-o",
            "--output",
            help="archive file, or a folder for <code>-<time>.site-backup.tar (default: here)",
        )

    def handle(self, *args, code: str, output: str | None, **options) -> None:
        # The code's form first: a NUL byte or such never reaches a query.
        site = Site.objects.real().filter(code=code).first() if CODE_RE.match(code) else None
        if site is None:
            raise CommandError(f"no site with code {code!r}")
        if output and "\x00" in output:
            raise CommandError(f"not a usable file name: {output[:80]!r}")
        target = Path(output or ".")
        if target.is_dir():
            target = target / site_backup.default_archive_name(site)
        if target.exists():
            raise CommandError(f"{target} exists already; give another name with -o")
        try:
            result = site_backup.backup(site, target, progress=self.stdout.write)
        except (ArchiveError, PgToolError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"backed up {site.code}: {result.tables} tables, {result.media_files} stored file(s), "
            f"{filesizeformat(result.size)} in {result.path}"
        )
