"""``add_hub_official EMAIL``: someone on the hub who may launch sites.

They hold ``tenants.add_site`` and nothing more: the hub's form for
launching a site (``/<lang>/sites/launch/``) and the hub admin's "Add site",
which leads there. A new account's password is printed once; they sign in
on the hub's admin sign-in page and may change it there.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.services.hub_staff import HubStaffError, grant_hub_permission


class Command(BaseCommand):
    help = "Create (or update) a hub user who may launch sites from the hub's form."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args, email: str, **options) -> None:
        try:
            user, password = grant_hub_permission(email, "tenants.add_site")
        except HubStaffError as error:
            raise CommandError(str(error)) from None
        if password:
            self.stdout.write(
                f"hub official {user.username} created, password {password} (shown once); "
                "they may launch sites at /<lang>/sites/launch/ on the hub"
            )
        else:
            self.stdout.write(
                f"{user.username} may now launch sites at /<lang>/sites/launch/ on the hub"
            )
