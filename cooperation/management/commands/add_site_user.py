from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.core.validators import validate_email

from cooperation.models import Enterprise
from cooperation.roles import ROLES
from cooperation.services.accounts import AccountError, give_role
from tenants.management.site_command import SiteCommand
from tenants.models import Site


class Command(SiteCommand):
    help = "Give a person a role on one site (creating their account if needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--enterprise", default="", help="slug, for --role enterprise")
        parser.add_argument(
            "--language",
            default="",
            help="the language of the person's e-mails (a member's, or a staff member's work e-mails)",
        )

    def handle_site(
        self, site: Site, *args, email: str, role: str, enterprise: str, language: str, **options
    ) -> None:
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not a valid e-mail address") from None
        if language and language not in site.languages:
            raise CommandError(
                f"{site.code} does not offer {language!r} ({', '.join(site.languages)})"
            )
        found = None
        if enterprise:
            found = Enterprise.objects.filter(slug=enterprise).first()
            if found is None:
                raise CommandError(f"no enterprise {enterprise!r} on {site.code}")
        try:
            _user, password = give_role(email, role, enterprise=found, language=language)
        except AccountError as error:
            raise CommandError(str(error)) from None
        if password:
            self.stdout.write(
                f"{email} created on {site.code} as {role}, password {password} (shown once)"
            )
        else:
            self.stdout.write(f"{email} is now {role} on {site.code}")
