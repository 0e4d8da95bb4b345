"""Each site's admin, branded as that site and signing people in by e-mail.

The admin of a country-pair site is Django's default admin site, made an
instance of :class:`SiteAdminSite` by ``web.admin_config.PortalAdminConfig``
(listed in the settings in place of ``django.contrib.admin``). Its header and title
are the site's name in the reader's language, its colours the site's
(``templates/admin/base_site.html`` and ``tenants.views.admin_theme_css``),
its sign-in form asks for the e-mail address people sign in with, and its
home shows the launch checklist to the site's administrators while the site
is a draft (``templates/admin/index.html``).
"""

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tenants.admin_names import APP_NAMES, MODEL_NAMES, admin_script_catalog
from tenants.admin_sign_in import AdminEmailAuthenticationForm
from tenants.hub import is_hub
from tenants.naming import name_in
from tenants.services import launch as launching


class SiteAdminSite(admin.AdminSite):
    login_form = AdminEmailAuthenticationForm
    index_title = _("Site administration")

    def _build_app_dict(self, request: HttpRequest, label: str | None = None):
        found = super()._build_app_dict(request, label)
        for app in found.values():  # a dict of apps, with a label or without
            app["name"] = APP_NAMES.get(app["app_label"], app["name"])
            for model in app["models"]:
                name = MODEL_NAMES.get((app["app_label"], model["model"]._meta.model_name))
                model["name"] = capfirst(name) if name else model["name"]
        return found

    def i18n_javascript(self, request: HttpRequest, extra_context=None):
        return admin_script_catalog(request)

    def each_context(self, request: HttpRequest) -> dict:
        context = super().each_context(request)
        site = getattr(request, "tenant", None)
        if not is_hub(site):
            from django.utils import translation

            name = name_in(site, translation.get_language())
            # Not "site": Django's login view puts its own Site in the context.
            context.update(site_header=name, site_title=name, site_url="/", portal_site=site)
            # The sign-in page's "Forgotten password" (templates/admin/login.html).
            context["portal_password_reset_url"] = reverse("password_reset")
        return context

    def index(self, request: HttpRequest, extra_context=None):
        site = getattr(request, "tenant", None)
        extra = dict(extra_context or {})
        if not is_hub(site) and site.is_draft and request.user.has_perm("tenants.change_site"):
            extra["launch_checklist"] = launching.checklist(site)
        return super().index(request, extra)


class FailedSignInAdmin(admin.ModelAdmin):
    """django-axes' lockouts, named in the reader's language: a site
    administrator ends one by deleting its row (its logs of every sign-in
    stay out of the site's admin)."""

    list_display = ("sign_in_name", "client", "failures", "last_attempt")
    search_fields = ("username", "ip_address")
    fields = ("sign_in_name", "client", "failures", "last_attempt", "browser")
    readonly_fields = fields
    ordering = ("-attempt_time",)

    @admin.display(description=_("E-mail"), ordering="username")
    def sign_in_name(self, attempt) -> str:
        return attempt.username or ""

    @admin.display(description=_("Client address"), ordering="ip_address")
    def client(self, attempt) -> str:
        return attempt.ip_address or ""

    @admin.display(description=_("Failed attempts"), ordering="failures_since_start")
    def failures(self, attempt) -> int:
        return attempt.failures_since_start

    @admin.display(description=_("Last attempt"), ordering="attempt_time")
    def last_attempt(self, attempt):
        return attempt.attempt_time

    @admin.display(description=_("Browser"))
    def browser(self, attempt) -> str:
        return attempt.user_agent

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        return super().changelist_view(
            request,
            {"title": capfirst(MODEL_NAMES[("axes", "accessattempt")]), **(extra_context or {})},
        )

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        return super().change_view(
            request,
            object_id,
            form_url,
            {"title": capfirst(MODEL_NAMES[("axes", "accessattempt")]), **(extra_context or {})},
        )


def settle_site_admin() -> None:
    """What every site's admin shows of other apps' registrations.

    The job queue is left out: its table is in the public schema and holds
    every site's jobs. django-axes' lockouts are kept, with our names; its
    logs of every sign-in are left out.
    """
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_tasks_db.models import DBTaskResult

    for model in (DBTaskResult, AccessLog, AccessFailureLog, AccessAttempt):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
    admin.site.register(AccessAttempt, FailedSignInAdmin)
