"""What the admins (the hub's and every site's) call apps, models and
permissions, in the reader's language.

Django stores a permission's name in English when it creates it ("Can add
article"), and third-party apps name themselves in catalogs that lack most
of the portal's languages (django-axes: "Axes", "Access attempt"). The
admins show these names instead, so a permission reads "app | model |
action" in the reader's language wherever it is listed.
"""

from django.apps import apps
from django.contrib.auth.models import Permission
from django.http import HttpRequest, HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

# Third-party apps and models as the portal names them: their own catalogs
# lack most of the languages the sites speak ("AXES").
APP_NAMES = {"axes": _("Sign-in lockouts")}
MODEL_NAMES = {("axes", "accessattempt"): _("Failed sign-ins")}
# Django's own pages read the app's and the model's names themselves (the
# breadcrumbs, "0 access attempts" under a list, a deletion's question):
# the app is renamed when the registry is ready (name_third_party_apps), and
# axes' words for its model are given the portal's names in its catalogs
# (the English one included), since its models may not change here.
AXES_MODEL_WORDS = (_("access attempt"), _("access attempts"))


def name_third_party_apps() -> None:
    """Give third-party apps the portal's names, in the reader's language
    (an app config's own name, "Axes", goes through no catalog)."""
    for config in apps.get_app_configs():
        if config.label in APP_NAMES:
            config.verbose_name = APP_NAMES[config.label]


# Models whose rows only code writes, or only pages gated by another right:
# nobody is ever given a right to them, so the permission pickers leave them
# out. django-axes' logs and expiry records (only its lockouts are in the
# admin); a reader's translation request and a staff member's remembered
# language; the calendar's index rows, and the notes and programme links its
# actions write (those need "use the coordination calendar").
UNGRANTED_MODELS = {
    "axes": ("accesslog", "accessfailurelog", "accessattemptexpiration"),
    "i18n": ("translationrequest", "stafflanguage"),
    "coordination": ("calendarday", "calendarclash", "clashnote", "programmelink"),
}

# Django's own words for the four actions, which its catalogs (and the
# portal's supplement in web/locale) translate, passed as values so no
# catalog of ours repeats them.
_ACTIONS = {"add": "Add", "change": "Change", "delete": "Delete", "view": "View"}


def app_name(label: str) -> str:
    return str(APP_NAMES.get(label) or apps.get_app_config(label).verbose_name)


def model_name(model) -> str:
    opts = model._meta
    return str(MODEL_NAMES.get((opts.app_label, opts.model_name)) or opts.verbose_name)


def grantable(permissions):
    """``permissions`` (a QuerySet) without those of the ungranted models."""
    for label, models in UNGRANTED_MODELS.items():
        permissions = permissions.exclude(
            content_type__app_label=label, content_type__model__in=models
        )
    return permissions


def name_permissions(form, permissions) -> None:
    """A user's or group's admin form offers ``permissions`` (a QuerySet),
    without the ungranted ones, each named in the reader's language."""
    for name in ("permissions", "user_permissions"):
        field = form.base_fields.get(name)
        if field is not None:
            field.queryset = grantable(permissions).select_related("content_type")
            field.label_from_instance = permission_label


def permission_label(permission: Permission) -> str:
    """A permission in the reader's language: its app, its model, the action."""
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:  # a model since removed: only its stored name is left
        return permission.name
    action = permission.codename.split("_", 1)[0]
    if action in _ACTIONS and permission.codename == f"{action}_{model._meta.model_name}":
        what = gettext(_ACTIONS[action])
    else:
        what = gettext(permission.name)
    return " | ".join(
        [capfirst(app_name(content_type.app_label)), capfirst(model_name(model)), what]
    )


# The admins' script catalog: Django's own words, then the portal's where
# Django's catalog of a language lacks some (web/locale/*/djangojs.po: the
# two-list picker, the calendar in Thai, Hindi, Malay, Arabic…).
_script_catalog = JavaScriptCatalog.as_view(packages=["django.contrib.admin", "web"])


def admin_script_catalog(request: HttpRequest) -> HttpResponse:
    return _script_catalog(request)
