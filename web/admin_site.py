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
from django.utils.translation import gettext_lazy as _

from tenants.admin_sign_in import AdminEmailAuthenticationForm
from tenants.hub import is_hub
from tenants.naming import name_in
from tenants.services import launch as launching


class SiteAdminSite(admin.AdminSite):
    login_form = AdminEmailAuthenticationForm
    index_title = _("Site administration")

    def each_context(self, request: HttpRequest) -> dict:
        context = super().each_context(request)
        site = getattr(request, "tenant", None)
        if not is_hub(site):
            from django.utils import translation

            name = name_in(site, translation.get_language())
            # Not "site": Django's login view puts its own Site in the context.
            context.update(site_header=name, site_title=name, site_url="/", portal_site=site)
        return context

    def index(self, request: HttpRequest, extra_context=None):
        site = getattr(request, "tenant", None)
        extra = dict(extra_context or {})
        if not is_hub(site) and site.is_draft and request.user.has_perm("tenants.change_site"):
            extra["launch_checklist"] = launching.checklist(site)
        return super().index(request, extra)
