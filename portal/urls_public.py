"""URLs of the hub, served on PUBLIC_DOMAIN from the public schema."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path, re_path

from coordination import views as coordination
from hub import views as hub
from tenants import views as tenants
from tenants.admin import hub_admin
from tenants.services.branding import VERSION_PATTERN as BRANDING_VERSION
from web import hub_views
from web.icons import favicon_ico
from web.password_reset import hub_views as password_reset
from web.routing import remembered
from web.signin import rate_limited_login

urlpatterns = [
    # Coordinators sign in here: the same limits as every sign-in (web.signin).
    path("admin/login/", rate_limited_login(hub_admin.login)),
    path("admin/", hub_admin.urls),
    # The hub's admin in the hub's colours, as each site's admin in its own.
    path("branding/admin.css", tenants.admin_theme_css, name="admin_theme_css"),
    re_path(
        rf"^branding/(?P<version>{BRANDING_VERSION})/admin\.css$",
        tenants.admin_theme_css,
        name="admin_theme_css",
    ),
    path("favicon.ico", favicon_ico, name="favicon_ico"),
    path("coordination/calendar.ics", coordination.coordination_ics, name="coordination_ics"),
]
urlpatterns += i18n_patterns(
    path("", hub.home, name="hub"),
    path("search/", hub.search, name="hub_search"),
    path("events/", hub.events, name="hub_events"),
    path("events/past/", hub.past_events, name="hub_past_events"),
    path("sites/", hub.sites, name="hub_sites"),
    path("sites/launch/", hub_views.launch_site, name="hub_launch_site"),
    path("sites/launch/<str:code>/", hub_views.site_launched, name="hub_site_launched"),
    # The hub's staff and coordinators choose a new password as a site's people do.
    path("account/password/", password_reset["request"], name="hub_password_reset"),
    path("account/password/sent/", password_reset["done"], name="hub_password_reset_done"),
    path(
        "account/password/<uidb64>/<token>/",
        password_reset["confirm"],
        name="hub_password_reset_confirm",
    ),
    path(
        "account/password/done/",
        password_reset["complete"],
        name="hub_password_reset_complete",
    ),
    path("coordination/", coordination.coordination, name="coordination"),
    path(
        "coordination/calendar/",
        coordination.coordination_calendar,
        name="coordination_calendar",
    ),
    path("coordination/clashes/<int:pk>/", coordination.clash_detail, name="clash_detail"),
    path(
        "coordination/programmes/<int:pk>/remove/",
        coordination.programme_remove,
        name="programme_remove",
    ),
)
# Each address resolved once per process and language (web.routing).
urlpatterns = remembered(urlpatterns)

# Error pages in the reader's language and the site's branding (web.errors).
handler400 = "web.errors.bad_request"
handler403 = "web.errors.permission_denied"
handler404 = "web.errors.page_not_found"
handler500 = "web.errors.server_error"
