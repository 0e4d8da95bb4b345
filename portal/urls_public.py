"""URLs of the hub, served on PUBLIC_DOMAIN from the public schema."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from events import views_hub as events_hub
from tenants import views as tenants
from tenants.admin import hub_admin

urlpatterns = [
    path("admin/", hub_admin.urls),
    path("coordination/calendar.ics", events_hub.coordination_ics, name="coordination_ics"),
]
urlpatterns += i18n_patterns(
    path("", tenants.hub, name="hub"),
    path("coordination/", events_hub.coordination, name="coordination"),
)
