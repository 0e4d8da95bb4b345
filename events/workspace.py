"""What the events app puts in the editors' workspace."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants.models import Site
from web import workspace
from web.workspace import NEW, Item


def new_registrations(site: Site) -> list[Item]:
    from events.models import Registration

    since = workspace.since_new()
    count = Registration.objects.filter(created_at__gte=since).count()
    url = reverse("admin:events_registration_changelist")
    return [
        Item(
            _("New registrations for events"),
            count,
            f"{url}?created_at__gte={since.date().isoformat()}",
            group=NEW,
        )
    ]


def _has_event(site: Site) -> bool:
    from events.models import Event

    return Event.objects.published().exists()


def register() -> None:
    from coordination import workspace as coordination_workspace
    from events.models import Event
    from tenants.services.launch import LaunchStep, register_step
    from web import rich_text, slug_field

    register_step(
        LaunchStep(
            key="first_event",
            label=gettext_lazy("A first event in the calendar"),
            done=_has_event,
            url_name="admin:events_event_add",
            order=60,
        )
    )

    workspace.register_count(
        workspace.Count("registrations", "events.view_registration", new_registrations, 45)
    )
    # Editors (who add events) see and comment on their site's clashes.
    coordination_workspace.register("events.add_event")
    slug_field.register(Event, "title")
    rich_text.register_upload_perm("events.change_event")
