"""Who on a site's staff holds a permission, by the language they read.

Staff e-mails (a listing to moderate, a new clash) go to each person alone,
in the language they last signed in with (``StaffLanguage``), or the site's
default: one message per person, so nobody learns a colleague's address from
the To line.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django_tenants.utils import schema_context

from tenants.models import Site
from web import mail


def staff_addresses(site: Site, perms: Iterable[str]) -> dict[str, list[str]]:
    """Language → sorted addresses of ``site``'s active staff who hold any of
    ``perms`` (``"app_label.codename"``) through a group or directly, and of its
    administrators; read in the site's schema."""
    from translations.models import StaffLanguage

    wanted = Q(is_superuser=True)
    for perm in perms:
        app_label, codename = perm.split(".", 1)
        held = {
            "permissions__codename": codename,
            "permissions__content_type__app_label": app_label,
        }
        wanted |= Q(**{f"groups__{k}": v for k, v in held.items()})
        wanted |= Q(**{f"user_{k}": v for k, v in held.items()})
    with schema_context(site.schema_name):
        people = dict(
            get_user_model()
            .objects.filter(wanted, is_active=True, is_staff=True)
            .exclude(email="")
            .values_list("pk", "email")
            .distinct()
        )
        languages = dict(
            StaffLanguage.objects.filter(user_id__in=list(people)).values_list(
                "user_id", "language"
            )
        )
    by_language: dict[str, list[str]] = defaultdict(list)
    for pk, email in sorted(people.items(), key=lambda item: item[1]):
        by_language[mail.language_for(site, languages.get(pk, site.default_language))].append(email)
    return dict(by_language)


def set_staff_language(user, language: str, *, keep_existing: bool = False) -> None:
    """Write ``user``'s e-mail language on the current site (as signing in
    does): an account made by a command or an invitation hears of its work in
    the language chosen for it before it ever signs in. ``keep_existing``
    leaves a language the person already has (the one they sign in with)."""
    from translations.models import StaffLanguage

    if keep_existing:
        StaffLanguage.objects.get_or_create(
            user=user, defaults={"language": language, "updated_at": timezone.now()}
        )
    else:
        StaffLanguage.objects.update_or_create(
            user=user, defaults={"language": language, "updated_at": timezone.now()}
        )
