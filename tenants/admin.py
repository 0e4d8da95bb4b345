"""Administration of sites on the hub. Country-pair content is administered on
each site's own admin, which lives in that site's schema."""

from urllib.parse import urlsplit

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from languages.negotiation import language_from_path
from tenants.admin_names import admin_script_catalog, name_permissions
from tenants.admin_sign_in import HubAuthenticationForm
from tenants.models import Domain, Site


def work_links(user) -> list[tuple[str, str]]:
    """The hub's pages where ``user`` works, outside the admin: coordinators
    at the calendar, officials who launch sites at the launch form."""
    links = []
    if user.has_perm("coordination.coordinate"):
        links.append((_("Coordination calendar"), reverse("coordination")))
    if user.has_perm("tenants.add_site"):
        links.append((_("Launch a site"), reverse("hub_launch_site")))
    return links


class HubAdminSite(admin.AdminSite):
    site_header = _("Trade cooperation portals")
    site_title = _("Hub administration")
    login_form = HubAuthenticationForm

    def i18n_javascript(self, request, extra_context=None):
        return admin_script_catalog(request)

    def index(self, request, extra_context=None):
        return super().index(
            request, {"work_links": work_links(request.user), **(extra_context or {})}
        )

    def each_context(self, request) -> dict:
        # The sign-in page's "Forgotten password" (templates/admin/login.html).
        return {
            **super().each_context(request),
            "portal_password_reset_url": reverse("hub_password_reset"),
        }

    def login(self, request, extra_context=None):
        """Signing in with no page in mind (the hub's home, or the admin's,
        which has nothing for a coordinator) leads to where one works."""
        response = super().login(request, extra_context)
        if request.method == "POST" and response.status_code == 302 and request.user.is_active:
            target = urlsplit(response["Location"]).path
            links = work_links(request.user)
            nowhere = target in (reverse("admin:index", current_app=self.name), "/") or (
                language_from_path(target) is not None and target.strip("/").count("/") == 0
            )
            if links and nowhere and not self.get_app_list(request):
                response["Location"] = links[0][1]
        return response

    def logout(self, request, extra_context=None):
        """Back to the hub's home page: LOGOUT_REDIRECT_URL names the sites'
        home, which the hub's addresses do not have (signing out was a 500)."""
        from django.contrib.auth.views import LogoutView

        request.current_app = self.name
        return LogoutView.as_view(
            next_page=reverse("hub"),
            extra_context={**self.each_context(request), **(extra_context or {})},
        )(request)


hub_admin = HubAdminSite(name="hub_admin")


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Site, site=hub_admin)
class SiteAdmin(TranslationAdmin):
    list_display = ("code", "name", "short_name", "status", "launched_on")
    list_filter = ("status",)
    inlines = [DomainInline]
    readonly_fields = ("database_schema", "code", "country_a", "country_b")

    def get_queryset(self, request):
        return super().get_queryset(request).real()

    @admin.display(description=_("database schema"))
    def database_schema(self, site: Site) -> str:
        # django-tenants' field has no translatable name: "Schema name" in every language.
        return site.schema_name

    def add_view(self, request, form_url="", extra_context=None):
        # A row added here would skip provisioning: the spec's checks, the
        # schema, the administrator. The hub's launch form does it all (its
        # view checks tenants.add_site, as this one would).
        return redirect(reverse("hub_launch_site"))


# Rights that mean something on the hub: its sites, the coordination
# calendar, its own accounts (the sites' content apps are granted on each
# site, in its own schema).
HUB_PERMISSION_APPS = ("auth", "tenants", "coordination")


class HubPermissionsMixin:
    """The hub's rights only, named in the reader's language."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        name_permissions(
            form, Permission.objects.filter(content_type__app_label__in=HUB_PERMISSION_APPS)
        )
        return form


@admin.register(User, site=hub_admin)
class HubUserAdmin(HubPermissionsMixin, UserAdmin):
    pass


@admin.register(Group, site=hub_admin)
class HubGroupAdmin(HubPermissionsMixin, GroupAdmin):
    pass
