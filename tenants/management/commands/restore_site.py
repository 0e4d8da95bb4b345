import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.addresses import site_url
from tenants.services import site_backup
from tenants.services.pg_tools import PgToolError
from tenants.services.site_archive import ArchiveError, open_archive
from tenants.services.site_spec import SpecError


class Command(BaseCommand):
    help = (
        "Restore a site from a backup made by backup_site: over the same site (after "
        "confirmation), or as a new site with --as NEWCODE --domain HOST. All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="a file written by backup_site")
        parser.add_argument("--as", dest="as_code", help="restore as a new site with this code")
        parser.add_argument(
            "--domain",
            action="append",
            default=[],
            help="domain of the restored site (repeatable; the first is primary)",
        )
        parser.add_argument(
            "--yes", action="store_true", help="replace an existing site without asking"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the archive and show the plan only"
        )

    def handle(self, *args, archive: str, as_code, domain, yes, dry_run, **options) -> None:
        try:
            opened = open_archive(Path(archive))
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        try:
            self.stdout.write(
                f"checked {len(opened.manifest['members'])} member(s): checksums match"
            )
            plan = site_backup.plan_restore(opened, as_code=as_code, domains=domain)
            self.stdout.write(plan.origin())
            for line in plan.describe():
                self.stdout.write(("would " if dry_run else "") + line)
            if dry_run:
                return
            if plan.replaces is not None and not yes:
                self._confirm(plan.code)
            site = site_backup.restore(plan, progress=self.stdout.write)
        except (ArchiveError, SpecError, PgToolError, OSError) as error:
            raise CommandError(str(error)) from None
        finally:
            opened.close()
        self.stdout.write(f"restored {site.code}: {site_url(site)}")

    def _confirm(self, code: str) -> None:
        if not sys.stdin.isatty():
            raise CommandError(
                f"site {code} exists: add --yes to replace it with the backup, or restore "
                "it beside the original with --as NEWCODE --domain HOST"
            )
        answer = input(f"Type {code} to replace the live site with the backup: ")
        if answer.strip() != code:
            raise CommandError("not confirmed: nothing was changed")
