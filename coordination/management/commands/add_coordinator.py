from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.services.hub_staff import HubStaffError, grant_hub_permission


class Command(BaseCommand):
    help = "Create (or update) a hub user who may use the coordination calendar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args, email: str, **options) -> None:
        try:
            user, password = grant_hub_permission(email, "coordination.coordinate")
        except HubStaffError as error:
            raise CommandError(str(error)) from None
        if password:
            self.stdout.write(
                f"coordinator {user.username} created, password {password} (shown once)"
            )
        else:
            self.stdout.write(f"{user.username} can now use the coordination calendar")
