"""The events' side of the hub's coordination calendar: each published event
becomes an entry of ``coordination.index``, written when it changes and
listed again when the index is rebuilt (the source events register)."""

from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from coordination.index import remove_entry, write_entry
from coordination.sources import CalendarSource, EntryData
from events.models import Event
from languages.columns import text_in
from languages.registry import SUPPORTED_CODES
from tenants.models import Site


def entry_for(event: Event, site: Site) -> EntryData:
    speakers = list(event.speakers.values_list("name", flat=True)) if event.pk else []
    with translation.override(site.default_language):
        url_path = reverse(
            "event_detail", kwargs={"slug": event.slug}, urlconf=settings.ROOT_URLCONF
        )
    return EntryData(
        event_id=event.pk,
        event_uid=event.uid,
        slug=event.slug,
        titles=_by_language(event, "title"),
        kind=event.kind,
        status=event.status,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        time_zone=event.time_zone,
        all_day=event.all_day,
        venues=_by_language(event, "venue"),
        organisers=list(event.organisers),
        speakers=speakers,
        is_major=event.is_major,
        url_path=url_path,
        sequence=event.sequence,
        updated_at=event.updated_at,
        is_copy=event.is_copy,
        origin_code=event.origin_code,
    )


def _by_language(event: Event, field: str) -> dict[str, str]:
    values = {code: text_in(event, field, code) for code in SUPPORTED_CODES}
    return {code: value for code, value in values.items() if value}


def index_event(event: Event, site: Site) -> None:
    """Write (or refresh, or remove when unpublished) the entry of ``event``, which lives on ``site``."""
    if event.is_published:
        write_entry(site, entry_for(event, site))
    else:
        remove_entry(site, event.pk)


def remove_event(site: Site, event_id: int) -> None:
    remove_entry(site, event_id)


def site_entries(site: Site) -> Iterator[EntryData]:
    """Every published event of the current schema's site, for a rebuild."""
    for event in Event.objects.published().prefetch_related("speakers"):
        yield entry_for(event, site)


SOURCE = CalendarSource(
    kinds=Event.Kind.choices, entries=site_entries, editor_perm="events.add_event"
)
