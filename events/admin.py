from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.models import AgendaSession, DeclinedCohosting, Event, Registration, Speaker
from events.services import changes, cohosting
from events.services.attendees import attendees_csv_response
from events.services.cohosting import languages_for
from events.templatetags.events_tags import event_when
from languages.time_zones import canonical_name, offered_zones, zone_options
from translations.admin import SiteLanguagesAdmin, SiteLanguagesInline
from web.admin_actions import tell
from web.widgets import LongSelect


def _saved_cohosts(event: Event | None) -> list[str]:
    if event is None or event.pk is None:
        return []
    saved = Event.objects.filter(pk=event.pk).values_list("cohost_codes", flat=True).first()
    return list(saved or [])


class AgendaSessionInline(SiteLanguagesInline):
    model = AgendaSession
    extra = 0
    fields = ("title", "starts_at", "ends_at", "room", "speakers")
    autocomplete_fields = ("speakers",)

    def site_languages(self, request, obj=None) -> list[str]:
        return languages_for(request.tenant, _saved_cohosts(obj))

    # A co-hosted copy's agenda is edited on its origin site.
    def has_add_permission(self, request, obj=None) -> bool:
        return super().has_add_permission(request, obj) and not (obj and obj.is_copy)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and obj.is_copy)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.is_copy)


@admin.action(
    description=_("Decline co-hosting the selected events (their copies are removed)"),
    permissions=["decline"],
)
def decline_cohosting(modeladmin, request, queryset) -> None:
    copies = [event for event in queryset if event.is_copy]
    for copy in copies:
        cohosting.decline(copy, by=request.user.get_username())
    tell(
        modeladmin,
        request,
        len(copies),
        ngettext(
            "%(count)s co-hosted event declined; its copy here is removed.",
            "%(count)s co-hosted events declined; their copies here are removed.",
            len(copies),
        ),
    )
    if len(copies) < len(queryset):
        modeladmin.message_user(
            request,
            _(
                "Only events co-hosted from another site can be declined; this site's own were left."
            ),
            messages.WARNING,
        )


@admin.register(Event)
class EventAdmin(SiteLanguagesAdmin):
    list_display = ("shown_title", "kind", "when", "status", "is_published", "origin_code")
    list_filter = ("kind", "status", "is_published")
    search_fields = ("slug",)
    date_hierarchy = "starts_at"
    rich_text_fields = ("description",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [AgendaSessionInline]
    actions = [decline_cohosting]

    class Media:
        css = {"all": ["web/event-times.css"]}

    @admin.display(
        description=Event._meta.get_field("starts_at").verbose_name, ordering="starts_at"
    )
    def when(self, obj: Event) -> str:
        """As the event's page writes it: in the event's zone and the site's
        (Django wrote the start in the admin's zone, a day off at night)."""
        return event_when(obj)

    def has_decline_permission(self, request) -> bool:
        return request.user.has_perm("events.delete_event")

    def get_deleted_objects(self, objs, request):
        # An upcoming event people registered for is cancelled, which tells
        # them (events.services.changes), not deleted, which would not.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for event, expecting in changes.expected_by(objs):
            protected.append(
                ngettext(
                    "%(count)s person registered still expects this event: %(event)s. Set its"
                    " status to cancelled instead; they are told by e-mail.",
                    "%(count)s people registered still expect this event: %(event)s. Set its"
                    " status to cancelled instead; they are told by e-mail.",
                    expecting,
                )
                % {"count": expecting, "event": event}
            )
        return deleted, counts, perms_needed, protected

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        waiting = changes.waiting_to_hear(obj) if change else 0
        if not waiting:
            return
        if obj.is_cancelled:
            told = ngettext(
                "%(count)s registrant will be told by e-mail that the event is cancelled,"
                " within minutes.",
                "%(count)s registrants will be told by e-mail that the event is cancelled,"
                " within minutes.",
                waiting,
            )
        else:
            told = ngettext(
                "%(count)s registrant will be told of this change by e-mail, with the"
                " updated calendar entry, within minutes.",
                "%(count)s registrants will be told of this change by e-mail, with the"
                " updated calendar entry, within minutes.",
                waiting,
            )
        self.message_user(request, told % {"count": waiting}, messages.INFO)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        field = form.base_fields.get("time_zone")
        if field is not None:
            # A place chosen from a list, as on the hub's launch form (one
            # helper), the site's countries first, starting at the site's
            # zone: it was free text any typo of which was refused.
            site = request.tenant
            form.base_fields["time_zone"] = forms.ChoiceField(
                label=field.label,
                choices=zone_options(
                    translation.get_language(),
                    site.countries,
                    current=obj.time_zone if obj is not None else "",
                ),
                initial=site.time_zone,
                widget=LongSelect,  # ~450 places: written directly, not through templates
            )
        field = form.base_fields.get("cohost_codes")
        if field is not None:
            # Chosen from the sites there are, by name: typed codes were
            # taken whatever they were (tests/events/test_admin_cohosts.py).
            form.base_fields["cohost_codes"] = forms.MultipleChoiceField(
                label=field.label,
                choices=cohosting.cohost_choices(
                    request.tenant, translation.get_language(), kept=_saved_cohosts(obj)
                ),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        for name in ("starts_at", "ends_at"):
            if name in form.base_fields:
                form.base_fields[name].help_text = _(
                    "Local time in the event's time zone, chosen below."
                )
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Times are typed and shown as wall-clock times in the event's own
        # zone, the one chosen on this form (the agenda's too): they were read
        # in the site's, so 10:00 chosen in Shanghai on the Seoul site was
        # stored as 10:00 Seoul. The zone posted wins, then the saved one.
        with timezone.override(self._zone_of_form(request, object_id)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()  # a TemplateResponse renders later: in this zone
            return response

    def _zone_of_form(self, request, object_id) -> str:
        posted = request.POST.get("time_zone", "") if request.method == "POST" else ""
        if posted in offered_zones():
            return posted  # anything else is refused by the form, read in the site's
        saved = (
            Event.objects.filter(pk=object_id).values_list("time_zone", flat=True).first()
            if object_id and str(object_id).isdigit()
            else None
        )
        # A saved old alias (Asia/Saigon) is read as the place it names.
        return canonical_name(saved or "") or request.tenant.time_zone

    def get_prepopulated_fields(self, request, obj=None) -> dict:
        if obj is not None and obj.is_copy:
            return {}  # every field of a copy is read-only: nothing to fill in
        return super().get_prepopulated_fields(request, obj)

    def site_languages(self, request, obj=None) -> list[str]:
        # A co-hosted event is read on the co-hosts too: offer their languages.
        # The saved co-hosts: a form sent back with errors has the posted ones
        # on ``obj``, and its fields were made for the saved ones.
        return languages_for(request.tenant, _saved_cohosts(obj))

    def get_readonly_fields(self, request, obj=None):
        # A co-hosted copy is edited on its origin site; here it is read-only.
        if obj is not None and obj.is_copy:
            return [field.name for field in obj._meta.fields]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.is_copy)


@admin.register(Speaker)
class SpeakerAdmin(SiteLanguagesAdmin):
    list_display = ("name", "organisation", "origin_code")
    search_fields = ("name", "organisation")
    filter_horizontal = ("events",)

    # A speaker copied with a co-hosted event is edited on its origin site.
    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and obj.is_copy)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.is_copy)


@admin.register(DeclinedCohosting)
class DeclinedCohostingAdmin(admin.ModelAdmin):
    """What this site declined to co-host. Deleting an entry accepts the
    event again: its next change on the origin site brings the copy back."""

    list_display = ("title", "origin_code", "declined_at", "declined_by")
    readonly_fields = ("uid", "origin_code", "title", "declined_at", "declined_by")

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(AgendaSession)
class AgendaSessionAdmin(SiteLanguagesAdmin):
    list_display = ("shown_title", "event", "starts_at", "room")
    list_filter = ("event",)
    filter_horizontal = ("speakers",)


@admin.action(description=_("Export selected registrations as CSV"))
def export_csv(modeladmin, request, queryset) -> HttpResponse:
    return attendees_csv_response(queryset, "registrations.csv")


class NoticesFilter(admin.SimpleListFilter):
    """Registrations by what they have heard of their event's changes."""

    title = _("change notices")
    parameter_name = "notices"

    def lookups(self, request, model_admin):
        return [("waiting", _("Waiting to hear")), ("refused", _("Address refused"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":  # as the job tells them: not of an event that has ended
            return queryset.behind().filter(event__ends_at__gte=timezone.now())
        if self.value() == "refused":
            return queryset.active().filter(notice_refused_at__isnull=False)
        return queryset


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "event", "status", "language", "notices", "created_at")
    list_filter = ("status", NoticesFilter, "event")
    list_select_related = ("event",)
    search_fields = ("name", "email", "organisation")
    actions = [export_csv]

    @admin.display(description=_("change notices"))
    def notices(self, obj: Registration) -> str:
        """Whether they know the event as it now stands (an official who
        moved it sees who is still to hear, events.services.changes)."""
        if obj.status == Registration.Status.CANCELLED or obj.event.ends_at < timezone.now():
            return "—"  # nothing to hear
        if obj.notice_refused_at is not None:
            refused = timezone.localtime(obj.notice_refused_at)
            return (
                _("Address refused") + f" ({formats.date_format(refused, 'SHORT_DATETIME_FORMAT')})"
            )
        if obj.told_sequence < obj.event.sequence:
            return _("Waiting to hear")
        return _("Up to date")
