"""Who on a site's staff holds a permission, by the language they read.

Staff e-mails (a listing to moderate, a new clash) go to each person alone,
one message per person, so nobody learns a colleague's address from the To
line, in their e-mail language (:func:`email_languages`, the one rule): the
one they chose on their account page, else the one they last signed in with
(or were invited in), else the site's default; one the site no longer
offers gives way to the site's default.
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
        languages = email_languages(site, list(people))
    by_language: dict[str, list[str]] = defaultdict(list)
    for pk, email in sorted(people.items(), key=lambda item: item[1]):
        by_language[languages[pk]].append(email)
    return dict(by_language)


def email_languages(site: Site, user_ids: Iterable[int]) -> dict[int, str]:
    """User id → the language e-mails about their work are written in on
    ``site`` (one of its languages); read in the current schema."""
    from translations.models import StaffLanguage

    user_ids = list(user_ids)
    known = dict(
        StaffLanguage.objects.filter(user_id__in=user_ids).values_list("user_id", "language")
    )
    return {pk: mail.language_for(site, known.get(pk, site.default_language)) for pk in user_ids}


def choose_email_language(user, language: str) -> None:
    """``user`` chose ``language`` for their work e-mails on the current site
    (their account page): kept whatever language they sign in with later."""
    from translations.models import StaffLanguage

    StaffLanguage.objects.update_or_create(
        user=user, defaults={"language": language, "updated_at": timezone.now(), "chosen": True}
    )


def set_staff_language(user, language: str, *, keep_existing: bool = False) -> None:
    """Write ``user``'s e-mail language on the current site (as signing in
    does): an account made by a command or an invitation hears of its work in
    the language chosen for it before it ever signs in. ``keep_existing``
    leaves a language the person already has (the one they sign in with);
    one they chose on their account page is always left."""
    from translations.models import StaffLanguage

    if StaffLanguage.objects.filter(user=user, chosen=True).exists():
        return
    if keep_existing:
        StaffLanguage.objects.get_or_create(
            user=user, defaults={"language": language, "updated_at": timezone.now()}
        )
    else:
        StaffLanguage.objects.update_or_create(
            user=user, defaults={"language": language, "updated_at": timezone.now()}
        )
