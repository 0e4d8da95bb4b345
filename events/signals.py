"""Keep the coordination index and co-hosted copies in step with each event,
and queue telling its registrants of a change (events.jobs)."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from events.jobs import queue_telling
from events.models import Event
from events.services import changes, cohosting, coordination
from tenants.context import current_site


def _remember_cohosts(sender, instance: Event, raw: bool = False, **kwargs) -> None:
    previous = Event.objects.filter(pk=instance.pk).values_list("cohost_codes", "sequence").first()
    instance._previous_cohosts, instance._previous_sequence = previous or ([], None)


def _event_saved(sender, instance: Event, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    site = current_site()
    coordination.index_event(instance, site)
    if _registrants_must_hear(instance):
        queue_telling(site)
    if not instance.is_copy and (
        instance.cohost_codes or getattr(instance, "_previous_cohosts", [])
    ):
        cohosting.sync_copies(instance, site, previous_cohosts=instance._previous_cohosts)


def _registrants_must_hear(event: Event) -> bool:
    """A change calendars pick up (SEQUENCE grew) that someone registered
    has not received."""
    previous = getattr(event, "_previous_sequence", None)
    if previous is None or event.sequence == previous:
        return False
    return changes.waiting_to_hear(event) > 0


def _event_deleted(sender, instance: Event, **kwargs) -> None:
    site = current_site()
    coordination.remove_event(site, instance.pk)
    if not instance.is_copy and instance.cohost_codes:
        cohosting.delete_copies(instance, site)


def _speakers_changed(sender, instance, action: str, pk_set=None, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Event):
        _event_saved(Event, instance)
    else:  # a speaker's events changed
        for event in Event.objects.filter(pk__in=pk_set or []):
            _event_saved(Event, event)


def connect() -> None:
    pre_save.connect(_remember_cohosts, sender=Event, dispatch_uid="events-remember-cohosts")
    post_save.connect(_event_saved, sender=Event, dispatch_uid="events-index")
    post_delete.connect(_event_deleted, sender=Event, dispatch_uid="events-unindex")
    m2m_changed.connect(
        _speakers_changed, sender=Event.speakers.through, dispatch_uid="events-speakers"
    )
