from django.contrib import admin
from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from events.models import AgendaSession, Event, Registration, Speaker
from events.services.attendees import attendees_csv_response
from events.services.cohosting import languages_for
from translations.admin import SiteLanguagesAdmin, SiteLanguagesInline


class AgendaSessionInline(SiteLanguagesInline):
    model = AgendaSession
    extra = 0
    fields = ("title", "starts_at", "ends_at", "room", "speakers")
    autocomplete_fields = ("speakers",)

    def site_languages(self, request, obj=None) -> list[str]:
        return languages_for(request.tenant, obj.cohost_codes if obj else [])

    # A co-hosted copy's agenda is edited on its origin site.
    def has_add_permission(self, request, obj=None) -> bool:
        return super().has_add_permission(request, obj) and not (obj and obj.is_copy)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and obj.is_copy)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.is_copy)


@admin.register(Event)
class EventAdmin(SiteLanguagesAdmin):
    list_display = ("shown_title", "kind", "starts_at", "status", "is_published", "origin_code")
    list_filter = ("kind", "status", "is_published")
    search_fields = ("slug",)
    date_hierarchy = "starts_at"
    rich_text_fields = ("description",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [AgendaSessionInline]

    def site_languages(self, request, obj=None) -> list[str]:
        # A co-hosted event is read on the co-hosts too: offer their languages.
        return languages_for(request.tenant, obj.cohost_codes if obj else [])

    def get_readonly_fields(self, request, obj=None):
        # A co-hosted copy is edited on its origin site; here it is read-only.
        if obj is not None and obj.is_copy:
            return [field.name for field in obj._meta.fields]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.is_copy)


@admin.register(Speaker)
class SpeakerAdmin(SiteLanguagesAdmin):
    list_display = ("name", "organisation")
    search_fields = ("name", "organisation")
    filter_horizontal = ("events",)


@admin.register(AgendaSession)
class AgendaSessionAdmin(SiteLanguagesAdmin):
    list_display = ("shown_title", "event", "starts_at", "room")
    list_filter = ("event",)
    filter_horizontal = ("speakers",)


@admin.action(description=_("Export selected registrations as CSV"))
def export_csv(modeladmin, request, queryset) -> HttpResponse:
    return attendees_csv_response(queryset, "registrations.csv")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "event", "status", "language", "created_at")
    list_filter = ("status", "event")
    search_fields = ("name", "email", "organisation")
    actions = [export_csv]
