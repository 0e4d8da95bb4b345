"""The cross-site coordination calendar: a public-schema index of every site's
events, and the clashes between them.

The index (``tenants.CalendarEntry``) is written whenever an event is saved or
deleted, so the hub answers with one indexed query instead of visiting 200
schemas. Clashes are overlapping events that share a venue, a speaker or an
organiser, or two major events of the same site on the same days.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django_tenants.utils import schema_context
from modeltranslation.utils import build_localized_fieldname

from i18n.languages import SUPPORTED_CODES
from tenants.models import CalendarEntry, Site

_SPACES = re.compile(r"\s+")


def normalise(name: str) -> str:
    return _SPACES.sub(" ", name).strip().casefold()


def _keys(values) -> list[str]:
    return sorted({normalise(v) for v in values if v and v.strip()})


def index_event(event, site: Site) -> None:
    """Write (or refresh) the index entry of ``event``, which lives on ``site``."""
    if not event.is_published:
        remove_event(site, event.pk)
        return
    titles, venues = _by_language(event, "title"), _by_language(event, "venue")
    speakers = list(event.speakers.values_list("name", flat=True)) if event.pk else []
    with translation.override(site.default_language):
        url_path = reverse("event_detail", kwargs={"slug": event.slug}, urlconf="portal.urls_site")
    CalendarEntry.objects.update_or_create(
        site=site,
        event_id=event.pk,
        defaults={
            "event_uid": event.uid,
            "slug": event.slug,
            "titles": titles,
            "kind": event.kind,
            "status": event.status,
            "is_major": event.is_major,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "time_zone": event.time_zone,
            "all_day": event.all_day,
            "venues": venues,
            "organisers": event.organisers,
            "speakers": speakers,
            "venue_keys": _keys(venues.values()),
            "organiser_keys": _keys(event.organisers),
            "speaker_keys": _keys(speakers),
            "url_path": url_path,
            "sequence": event.sequence,
            "updated_at": event.updated_at,
        },
    )


def _by_language(event, field: str) -> dict[str, str]:
    values = {
        code: getattr(event, build_localized_fieldname(field, code), "") for code in SUPPORTED_CODES
    }
    return {code: value for code, value in values.items() if value}


def remove_event(site: Site, event_id: int) -> None:
    CalendarEntry.objects.filter(site=site, event_id=event_id).delete()


def rebuild_site_index(site: Site) -> int:
    """Re-create the index entries of one site from its schema."""
    from events.models import Event

    with schema_context(site.schema_name):
        CalendarEntry.objects.filter(site=site).delete()
        events = list(Event.objects.published().prefetch_related("speakers"))
        for event in events:
            index_event(event, site)
    return len(events)


def entries_between(
    start: datetime,
    end: datetime,
    *,
    site_codes: list[str] | None = None,
    kinds: list[str] | None = None,
) -> QuerySet:
    """Index entries on at some moment of [start, end), of active sites."""
    entries = CalendarEntry.objects.filter(
        starts_at__lt=end, ends_at__gt=start, site__status=Site.Status.ACTIVE
    ).select_related("site")
    if site_codes:
        entries = entries.filter(site__code__in=site_codes)
    if kinds:
        entries = entries.filter(kind__in=kinds)
    return entries.order_by("starts_at", "site__code", "event_id")


@dataclass(frozen=True)
class Clash:
    first: CalendarEntry
    second: CalendarEntry
    reason: str  # "venue", "speaker", "organiser" or "major"
    key: str  # the normalised shared name, or the site code for "major"

    def shared(self, language: str) -> str:
        """The shared thing as people wrote it, in ``language`` where it has one."""
        if self.reason == "major":
            return self.first.site.name
        if self.reason == "venue":
            preferred = self.first.venue(language)
            if normalise(preferred) == self.key:
                return preferred
            names = self.first.venues.values()
        else:
            names = self.first.organisers if self.reason == "organiser" else self.first.speakers
        return next((name for name in names if normalise(name) == self.key), self.key)


def find_clashes(entries: list[CalendarEntry]) -> list[Clash]:
    """Pairs of overlapping entries that share a resource.

    Entries are grouped by each key they hold; within a group a sweep over
    start times finds the overlapping pairs, so the cost follows the number
    of real clashes rather than all pairs. Copies of one co-hosted event
    (same uid) count as one event and never clash with each other; cancelled
    events clash with nothing.
    """
    groups: dict[tuple[str, str], list[CalendarEntry]] = defaultdict(list)
    for entry in entries:
        if entry.status == "cancelled":
            continue
        for key in entry.venue_keys:
            groups[("venue", key)].append(entry)
        for key in entry.speaker_keys:
            groups[("speaker", key)].append(entry)
        for key in entry.organiser_keys:
            groups[("organiser", key)].append(entry)
        if entry.is_major:
            groups[("major", entry.site.code)].append(entry)
    clashes: dict[tuple, Clash] = {}
    for (reason, key), members in groups.items():
        members.sort(key=lambda e: e.starts_at)
        open_entries: list[CalendarEntry] = []
        for entry in members:
            open_entries = [e for e in open_entries if e.ends_at > entry.starts_at]
            for other in open_entries:
                if other.event_uid == entry.event_uid:
                    continue
                # Keyed by uids: a co-hosted event's copies are one event here.
                pair = tuple(sorted((str(other.event_uid), str(entry.event_uid))))
                clashes.setdefault((*pair, reason), Clash(other, entry, reason, key))
            open_entries.append(entry)
    return sorted(clashes.values(), key=lambda c: (c.first.starts_at, c.first.pk, c.second.pk))
