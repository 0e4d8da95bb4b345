"""``provision_site``: launch a country-pair site, or update one in place."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.addresses import site_url
from tenants.services import provisioning
from tenants.services.demo_data import DemoDataError
from tenants.services.site_spec import (
    SiteSpec,
    SpecError,
    build_spec,
    parse_localized,
    spec_from_toml,
)


class Command(BaseCommand):
    help = "Create a country-pair site (idempotent; updates an existing site in place)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from-file", type=Path, help="a TOML file describing the site")
        parser.add_argument("--code", help="site code, e.g. cn-kr")
        parser.add_argument("--countries", help="two ISO 3166-1 codes, e.g. CN,KR")
        parser.add_argument("--languages", help="ordered language codes, default first")
        parser.add_argument("--domain", action="append", help="host name; repeat for more")
        parser.add_argument(
            "--timezone", default="UTC", help="a place's IANA name (Asia/Seoul), or UTC"
        )
        parser.add_argument("--currency", default="USD", help="ISO 4217, legal tender today (KRW)")
        parser.add_argument("--name", action="append", help='"Text" (English) or "lang=Text"')
        parser.add_argument("--tagline", action="append", help='"Text" (English) or "lang=Text"')
        parser.add_argument("--primary-color", default="#9f1d20")
        parser.add_argument("--accent-color", default="#f2b705")
        parser.add_argument("--logo", type=Path)
        parser.add_argument("--contact-email", default="")
        parser.add_argument("--launched-on", help="YYYY-MM-DD")
        parser.add_argument("--admin-email", default="")
        parser.add_argument(
            "--admin-language",
            default="",
            help="the language of the site admin's e-mails, one of --languages (default: the first)",
        )
        parser.add_argument("--response-days", type=int, default=5, help="question desk target")
        parser.add_argument(
            "--same-countries",
            action="store_true",
            help="allow a second site for a country pair that already has one",
        )
        parser.add_argument("--demo", action="store_true", help="load demo content")
        parser.add_argument("--dry-run", action="store_true", help="show what would be done")

    def handle(self, *args, **options) -> None:
        try:
            spec = self._spec(options)
            if options["dry_run"]:
                for step in provisioning.plan(spec):
                    self.stdout.write(f"would {step}")
                return
            result = provisioning.provision(
                spec, progress=lambda line: self.stdout.write(f"  {line}")
            )
        except (SpecError, DemoDataError) as error:
            # A demo data file a translator broke: named, and nothing written.
            raise CommandError(str(error)) from None
        self._report(result)

    def _spec(self, options) -> SiteSpec:
        if options["from_file"]:
            spec = spec_from_toml(options["from_file"])
        else:
            for required in ("code", "countries", "languages", "domain"):
                if not options[required]:
                    raise SpecError(f"--{required} is required (or use --from-file)")
            spec = build_spec(
                code=options["code"],
                countries=options["countries"],
                languages=options["languages"],
                domains=options["domain"],
                time_zone=options["timezone"],
                currency=options["currency"],
                names=parse_localized(options["name"]),
                taglines=parse_localized(options["tagline"]),
                primary_color=options["primary_color"],
                accent_color=options["accent_color"],
                logo=options["logo"],
                contact_email=options["contact_email"],
                launched_on=options["launched_on"],
                admin_email=options["admin_email"],
                admin_language=options["admin_language"],
                response_days=options["response_days"],
            )
        spec.demo = options["demo"]
        spec.same_countries = spec.same_countries or options["same_countries"]
        return spec

    def _report(self, result: provisioning.ProvisionResult) -> None:
        site = result.site
        url = site_url(site)
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"created site {site.code}: {url}"))
            if site.is_draft:
                self.stdout.write(
                    "it is a draft, seen by its staff only, until launched "
                    + (f"on {site.launched_on.isoformat()} or " if site.launched_on else "")
                    + f"with: manage.py launch_site {site.code}"
                )
            self.stdout.write(
                f"site admin {result.admin_email}, password {result.admin_password} "
                f"(shown once; change it at {url}admin/password_change/)"
            )
        elif result.changed:
            self.stdout.write(self.style.SUCCESS(f"updated site {site.code}: {url}"))
        else:
            self.stdout.write(f"site {site.code} is up to date: {url}")
