"""``add_hub_official EMAIL``: someone on the hub who may launch sites.

They hold ``tenants.add_site`` and nothing more: the hub's form for
launching a site (``/<lang>/sites/launch/``) and the hub admin's "Add site",
which leads there. A new account's password is printed once; they sign in
on the hub's admin sign-in page and may change it there.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction


class Command(BaseCommand):
    help = "Create (or update) a hub user who may launch sites from the hub's form."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args, email: str, **options) -> None:
        # Accounts are named by their address in lower case: sign-in lowers it.
        email = email.strip().lower()
        User = get_user_model()
        limit = User._meta.get_field("username").max_length
        if len(email) > limit:
            raise CommandError(f"an e-mail address of at most {limit} characters, please")
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not a valid e-mail address") from None
        with transaction.atomic():
            user, created = User.objects.get_or_create(username=email, defaults={"email": email})
            if not user.is_active:
                raise CommandError(
                    f"{email}'s account is deactivated: reactivate it in the hub's admin first"
                )
            password = None
            if created:
                password = secrets.token_urlsafe(12)
                user.set_password(password)
            user.is_staff = True  # the hub's sign-in page is the admin's
            user.save()
            user.user_permissions.add(
                Permission.objects.get(codename="add_site", content_type__app_label="tenants")
            )
        if password:
            self.stdout.write(
                f"hub official {email} created, password {password} (shown once); "
                "they may launch sites at /<lang>/sites/launch/ on the hub"
            )
        else:
            self.stdout.write(f"{email} may now launch sites at /<lang>/sites/launch/ on the hub")
