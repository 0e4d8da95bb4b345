"""The roles people hold on one site, as groups in that site's schema.

Users, groups and permissions live in each site's schema, so a role given on
China–Vietnam grants nothing on China–Indonesia. The groups are written after
every migration of a site schema (including the template every new site is
copied from), so all sites carry the same definitions.

- Site administrator: superuser of the site (all of its content and users).
- Editor: writes, publishes and moderates content; answers questions.
- Translator: may change existing content but not create, publish or delete
  it; the admin leaves them only the translation fields (``translations.admin``).
- Enterprise member: no admin access; acts for one enterprise on the site
  (``cooperation.EnterpriseMember``).
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import get_public_schema_name
from modeltranslation.translator import translator

from tenants.admin_names import grantable

# Apps whose content a site's editors look after (alerts: the weekly
# bulletin, and the subscribers' log of what was sent to them).
CONTENT_APPS = ("cooperation", "events", "i18n", "alerts")
# The product vocabulary: editors add codes, names and synonyms; translators
# name products in their languages (search.admin).
VOCABULARY_MODELS = ("productcode", "productterm")


@dataclass(frozen=True)
class Role:
    code: str
    label: Promise
    group: str  # stable name of the group in every site schema
    is_staff: bool
    is_superuser: bool = False


ROLES = {
    role.code: role
    for role in (
        Role("admin", _("Site administrator"), "Site administrators", True, True),
        Role("editor", _("Editor"), "Editors", True),
        Role("translator", _("Translator"), "Translators", True),
        Role("enterprise", _("Enterprise member"), "Enterprise members", False),
    )
}


def group_label(group: Group) -> str:
    """A group as people read it: a role's name in their language, else the
    name its officials gave it (the role groups' own names are stable keys)."""
    for role in ROLES.values():
        if role.group == group.name:
            return str(role.label)
    return group.name


# Apps whose permissions mean something on a site: the hub's (sites, the
# coordination calendar, the job queue) are granted on the hub only.
SITE_PERMISSION_APPS = ("auth", "axes", "search", *CONTENT_APPS)


def site_permissions():
    """The permissions a site's roles and people may be given."""
    return grantable(
        Permission.objects.filter(content_type__app_label__in=SITE_PERMISSION_APPS)
    ).select_related("content_type")


def roles_of(user) -> list[Role]:
    """The roles ``user`` holds on the current site."""
    groups = set(user.groups.values_list("name", flat=True))
    return [
        role
        for role in ROLES.values()
        if role.group in groups or (role.is_superuser and user.is_superuser)
    ]


def editor_permissions() -> Q:
    return Q(content_type__app_label__in=CONTENT_APPS) | Q(
        content_type__app_label="search", content_type__model__in=VOCABULARY_MODELS
    )


def translator_permissions() -> Q:
    # What they translate, and the translation status page that says what is left.
    wanted = Q(content_type__app_label="i18n", codename="view_translationsource")
    wanted |= Q(
        content_type__app_label="search",
        codename__in=[
            "view_productcode",
            "change_productcode",
            "view_productterm",
            "add_productterm",
            "change_productterm",
        ],
    )
    translated = [
        model
        for model in translator.get_registered_models()
        if model._meta.app_label in CONTENT_APPS
    ]
    for model in translated:
        opts = model._meta
        wanted |= Q(
            content_type__app_label=opts.app_label,
            content_type__model=opts.model_name,
            codename__in=[f"view_{opts.model_name}", f"change_{opts.model_name}"],
        )
    return wanted


ROLE_PERMISSIONS = {"editor": editor_permissions, "translator": translator_permissions}


def ensure_roles() -> None:
    """Create or update the role groups in the current (site) schema."""
    for label in (*CONTENT_APPS, "search"):
        create_permissions(apps.get_app_config(label), verbosity=0)
    for role in ROLES.values():
        group, _created = Group.objects.get_or_create(name=role.group)
        permissions = ROLE_PERMISSIONS.get(role.code)
        if permissions is not None:
            group.permissions.set(Permission.objects.filter(permissions()))


def ensure_roles_after_migrate(sender, **kwargs) -> None:
    if connection.schema_name != get_public_schema_name():
        ensure_roles()
