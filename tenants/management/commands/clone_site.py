"""``clone_site``: a new country pair with the structure of an existing site."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.addresses import site_url
from tenants.models import Site
from tenants.services import site_clone
from tenants.services.site_spec import CODE_RE, SpecError


class Command(BaseCommand):
    help = (
        "Create a new site with the branding, languages, categories, tags and roles of an "
        "existing one, but none of its people, enterprises, listings, articles, questions, "
        "events or registrations."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="the site to copy, e.g. cn-vn")
        parser.add_argument("new_code", help="the new site's code, e.g. cn-th")
        parser.add_argument("--domain", action="append", default=[], help="host name; repeat")
        parser.add_argument("--countries", help="default: from the new code (cn-th: CN,TH)")
        parser.add_argument("--languages", help="default: the original's")
        parser.add_argument("--timezone", help="default: the original's")
        parser.add_argument("--currency", help="default: the original's")
        parser.add_argument("--admin-email", default="")
        parser.add_argument(
            "--same-countries",
            action="store_true",
            help="the two countries already have a site, and this is meant to be a second one",
        )

    def handle(self, *args, code: str, new_code: str, **options) -> None:
        # The code's form first: a NUL byte or such never reaches a query.
        source = Site.objects.real().filter(code=code).first() if CODE_RE.match(code) else None
        if source is None:
            raise CommandError(f"no site with code {code!r}")
        try:
            spec = site_clone.clone_spec(
                source,
                new_code.strip().lower(),
                domains=options["domain"],
                countries=options["countries"],
                languages=options["languages"],
                time_zone=options["timezone"],
                currency=options["currency"],
                admin_email=options["admin_email"],
                same_countries=options["same_countries"],
            )
            result = site_clone.clone(
                source, spec, progress=lambda line: self.stdout.write(f"  {line}")
            )
        except SpecError as error:
            raise CommandError(str(error)) from None
        site = result.provisioned.site
        self.stdout.write(
            self.style.SUCCESS(f"created site {site.code} from {source.code}: {site_url(site)}")
        )
        self.stdout.write(f"not copied: {', '.join(result.left_behind)}")
        self.stdout.write(f"it opens to visitors with: manage.py launch_site {site.code}")
        self.stdout.write(
            f"site admin {result.provisioned.admin_email}, password "
            f"{result.provisioned.admin_password} (shown once)"
        )
