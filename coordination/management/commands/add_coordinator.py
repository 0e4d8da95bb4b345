import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email


class Command(BaseCommand):
    help = "Create (or update) a hub user who may use the coordination calendar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args, email: str, **options) -> None:
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not a valid e-mail address") from None
        user, created = get_user_model().objects.get_or_create(
            username=email, defaults={"email": email}
        )
        password = None
        if created:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
        user.is_staff = True  # the hub's login page is the admin's
        user.save()
        user.user_permissions.add(
            Permission.objects.get(codename="coordinate", content_type__app_label="coordination")
        )
        if password:
            self.stdout.write(f"coordinator {email} created, password {password} (shown once)")
        else:
            self.stdout.write(f"{email} can now use the coordination calendar")
