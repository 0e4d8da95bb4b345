"""Administration of sites on the hub. Country-pair content is administered on
each site's own admin, which lives in that site's schema."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from tenants.admin_sign_in import HubAuthenticationForm
from tenants.models import Domain, Site


class HubAdminSite(admin.AdminSite):
    site_header = _("Trade cooperation portals")
    site_title = _("Hub administration")
    login_form = HubAuthenticationForm

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
    list_display = ("code", "name", "status", "launched_on")
    list_filter = ("status",)
    inlines = [DomainInline]
    readonly_fields = ("schema_name", "code", "country_a", "country_b")

    def get_queryset(self, request):
        return super().get_queryset(request).real()

    def add_view(self, request, form_url="", extra_context=None):
        # A row added here would skip provisioning: the spec's checks, the
        # schema, the administrator. The hub's launch form does it all (its
        # view checks tenants.add_site, as this one would).
        return redirect(reverse("hub_launch_site"))


hub_admin.register(User, UserAdmin)
hub_admin.register(Group, GroupAdmin)
