"""People on the hub: an account that signs in on the hub's admin sign-in
page and holds one permission (launching sites, coordinating calendars).

One place for what ``add_hub_official`` and ``add_coordinator`` both do:
accounts are named by their e-mail address in lower case (sign-in lowers
it), a new one gets a password shown once, a deactivated one is not
silently reopened, and nothing is half-made.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from tenants.email_addresses import sign_in_address_problem


class HubStaffError(Exception):
    """A request that cannot be done; the message is one line for an operator."""


def grant_hub_permission(email: str, permission: str) -> tuple[AbstractBaseUser, str | None]:
    """Give ``permission`` (``"tenants.add_site"``) to the hub account of
    ``email``, made staff (and made, if new). Returns the account and, for a
    new one, its password (else None). Call it in the public schema."""
    email = email.strip().lower()
    User = get_user_model()
    problem = sign_in_address_problem(email)
    if problem:
        raise HubStaffError(problem)
    try:
        validate_email(email)
    except ValidationError:
        raise HubStaffError(f"{email!r} is not a valid e-mail address") from None
    app_label, codename = permission.split(".")
    with transaction.atomic():
        user, created = User.objects.get_or_create(username=email, defaults={"email": email})
        if not user.is_active:
            raise HubStaffError(
                f"{email}'s account is deactivated: reactivate it in the hub's admin first"
            )
        password = None
        if created:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
        user.is_staff = True  # the hub's sign-in page is the admin's
        user.save()
        user.user_permissions.add(
            Permission.objects.get(codename=codename, content_type__app_label=app_label)
        )
    return user, password
