"""The cross-site coordination calendar: a public-schema index of every site's
events, and the clashes between them.

The index (``CalendarEntry``) is written whenever an event is saved or
deleted, so the hub answers with one indexed query instead of visiting 200
schemas. Clashes are overlapping events that share a venue, a speaker or an
organiser, or two major events of the same site on the same days; they are
found when an entry is written (one query on a GIN index of its clash keys)
and stored as ``CalendarClash``, so a page view only reads them.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Q
from django_tenants.utils import schema_context
from psycopg2 import sql

from coordination.models import CalendarClash, CalendarEntry
from coordination.sources import EntryData, sources
from tenants.generations import has_pending_writes, public_generation
from tenants.models import Site

_SPACES = re.compile(r"\s+")


def normalise(name: str) -> str:
    return _SPACES.sub(" ", name).strip().casefold()


def clash_keys(entry: EntryData, site: Site) -> list[str]:
    keys = {f"venue:{normalise(v)}" for v in entry.venues.values() if v.strip()}
    keys |= {f"organiser:{normalise(o)}" for o in entry.organisers if o.strip()}
    keys |= {f"speaker:{normalise(s)}" for s in entry.speakers if s.strip()}
    if entry.is_major:
        keys.add(f"major:{site.pk}")
    return sorted(keys)


def write_entry(site: Site, entry: EntryData) -> CalendarEntry:
    """Write (or refresh) the index entry of one event of ``site``, and its clashes."""
    written, _created = CalendarEntry.objects.update_or_create(
        site=site,
        event_id=entry.event_id,
        defaults={
            "event_uid": entry.event_uid,
            "slug": entry.slug,
            "titles": entry.titles,
            "kind": entry.kind,
            "status": entry.status,
            "starts_at": entry.starts_at,
            "ends_at": entry.ends_at,
            "time_zone": entry.time_zone,
            "all_day": entry.all_day,
            "venues": entry.venues,
            "organisers": entry.organisers,
            "speakers": entry.speakers,
            "clash_keys": clash_keys(entry, site),
            "url_path": entry.url_path,
            "sequence": entry.sequence,
            "updated_at": entry.updated_at,
        },
    )
    refresh_clashes(written)
    return written


def remove_entry(site: Site, event_id: int) -> None:
    CalendarEntry.objects.filter(site=site, event_id=event_id).delete()


def rebuild_site_index(site: Site) -> int:
    """Re-create the index entries of one site from its schema, through every source."""
    with schema_context(site.schema_name):
        CalendarEntry.objects.filter(site=site).delete()
        count = 0
        for source in sources():
            for entry in source.entries(site):
                write_entry(site, entry)
                count += 1
    return count


def export_site_entries(site: Site) -> list[dict]:
    """The site's index entries, for its backup (``tenants.services.site_parts``)."""
    return list(
        CalendarEntry.objects.filter(site=site)
        .order_by("event_id")
        .values(
            *(
                f.attname
                for f in CalendarEntry._meta.concrete_fields
                if f.attname not in {"id", "site_id"}
            )
        )
    )


def restore_site_entries(site: Site, rows: list[dict]) -> int:
    """After a restore the index is derived again from the restored schema
    (the site may have a new id, which its "major" clash keys carry)."""
    return rebuild_site_index(site)


ENTRY_COLUMNS = (
    "site_id", "event_uid", "slug", "titles", "kind", "status", "starts_at", "ends_at",
    "time_zone", "all_day", "venues", "organisers", "speakers", "url_path", "sequence", "updated_at",
)  # fmt: skip
CLASHES_SHOWN = 200


# The entries that overlap one entry in time and share a clash key with it,
# excluding copies of the same event and cancelled ones: one row per other
# entry and reason, with the first shared key of that reason. The GIN index
# on clash_keys serves the && test.
CLASH_SQL = """
    INSERT INTO {clashes} (
        first_id, second_id, reason, key, overlap_start, overlap_end,
        first_site_id, second_site_id, low_uid, high_uid
    )
    SELECT DISTINCT ON (other.id, split_part(shared, ':', 1))
           LEAST(%(id)s, other.id), GREATEST(%(id)s, other.id),
           split_part(shared, ':', 1), substr(shared, strpos(shared, ':') + 1),
           GREATEST(%(starts_at)s, other.starts_at), LEAST(%(ends_at)s, other.ends_at),
           CASE WHEN %(id)s < other.id THEN %(site_id)s ELSE other.site_id END,
           CASE WHEN %(id)s < other.id THEN other.site_id ELSE %(site_id)s END,
           LEAST(%(uid)s::uuid, other.event_uid), GREATEST(%(uid)s::uuid, other.event_uid)
    FROM {entries} other
    CROSS JOIN LATERAL unnest(other.clash_keys) AS shared
    WHERE other.clash_keys && %(keys)s::varchar[]
      AND shared = ANY (%(keys)s::varchar[])
      AND other.starts_at < %(ends_at)s AND other.ends_at > %(starts_at)s
      AND other.event_uid <> %(uid)s AND other.status <> 'cancelled'
    ORDER BY other.id, split_part(shared, ':', 1), shared
    ON CONFLICT DO NOTHING
"""


def refresh_clashes(entry: CalendarEntry) -> None:
    """Recompute the stored clashes of one entry (one indexed statement)."""
    CalendarClash.objects.filter(Q(first=entry) | Q(second=entry)).delete()
    if entry.status == "cancelled" or not entry.clash_keys:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL(CLASH_SQL).format(
                clashes=sql.Identifier(CalendarClash._meta.db_table),
                entries=sql.Identifier(CalendarEntry._meta.db_table),
            ),
            {
                "id": entry.pk,
                "keys": list(entry.clash_keys),
                "starts_at": entry.starts_at,
                "ends_at": entry.ends_at,
                "uid": entry.event_uid,
                "site_id": entry.site_id,
            },
        )


def rebuild_clashes() -> int:
    """Recompute every stored clash, entry by entry."""
    CalendarClash.objects.all().delete()
    for entry in (
        CalendarEntry.objects.exclude(status="cancelled")
        .only("pk", "clash_keys", "starts_at", "ends_at", "event_uid", "status")
        .iterator()
    ):
        refresh_clashes(entry)
    return CalendarClash.objects.count()


_sites_memo: dict[tuple, dict[int, Site]] = {}


def active_sites(site_codes: list[str] | None = None) -> dict[int, Site]:
    """Active sites by id, with their domains. Loading 200 sites' wide rows
    was most of the calendar's time (~25 ms of 48 at 200 sites): they are
    kept in the process for the public schema's generation, which any change
    to a site or a domain moves."""
    key = (public_generation(), tuple(sorted(set(site_codes or ()))))
    pending = has_pending_writes(connection)
    found = None if pending else _sites_memo.get(key)
    if found is None:
        sites = Site.objects.active().prefetch_related("domains")
        if site_codes:
            sites = sites.filter(code__in=site_codes)
        found = {site.pk: site for site in sites}
        if not pending:
            if len(_sites_memo) >= 64:  # filters come from the query string
                _sites_memo.clear()
            _sites_memo[key] = found
    return dict(found)


def window_queryset(start: datetime, end: datetime, site_ids, kinds: list[str] | None = None):
    """Index entries of the given sites on at some moment of [start, end)."""
    entries = CalendarEntry.objects.filter(
        starts_at__lt=end, ends_at__gt=start, site_id__in=list(site_ids)
    )
    if kinds:
        entries = entries.filter(kind__in=kinds)
    return entries.order_by("starts_at", "site_id", "event_id")


def with_sites(entries, sites_by_id: dict[int, Site]) -> list[CalendarEntry]:
    """Load entries (display columns only) and attach their sites without a join."""
    result = list(entries.only(*ENTRY_COLUMNS))
    for entry in result:
        entry.site = sites_by_id[entry.site_id]
    return result


def entries_between(
    start: datetime,
    end: datetime,
    *,
    site_codes: list[str] | None = None,
    kinds: list[str] | None = None,
) -> list[CalendarEntry]:
    """Index entries of active sites on at some moment of [start, end)."""
    sites_by_id = active_sites(site_codes)
    return with_sites(window_queryset(start, end, sites_by_id, kinds), sites_by_id)


@dataclass
class Clash:
    first: CalendarEntry
    second: CalendarEntry
    reason: str  # "venue", "speaker", "organiser" or "major"
    key: str  # the normalised shared name, or the site id for "major"

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


@dataclass
class CoordinationWindow:
    entries: list[CalendarEntry]  # all entries, or one page of them
    clashes: list[Clash]  # the first CLASHES_SHOWN, one per pair of events and reason
    clash_count: int
    flagged: set[int]  # entry ids, among ``entries``, involved in a clash


def coordination_window(
    start: datetime,
    end: datetime,
    *,
    site_codes: list[str] | None = None,
    kinds: list[str] | None = None,
    page_slice: slice | None = None,
) -> CoordinationWindow:
    """Entries of [start, end) (a page of them, if asked) and the stored clashes
    between entries of the window."""
    sites_by_id = active_sites(site_codes)
    window = window_queryset(start, end, sites_by_id, kinds)
    stored = CalendarClash.objects.filter(
        overlap_start__lt=end,
        overlap_end__gt=start,
        first_site_id__in=list(sites_by_id),
        second_site_id__in=list(sites_by_id),
    )
    if kinds:
        stored = stored.filter(first__kind__in=kinds, second__kind__in=kinds)
    stored = stored.order_by("overlap_start", "first_id", "second_id", "reason")
    # Copies of a co-hosted event clash as one event: count distinct event pairs.
    clash_count = stored.order_by().values("low_uid", "high_uid", "reason").distinct().count()
    # Copies of co-hosted events pair up twice. Rows, not model instances:
    # building 400 of those was a fifth of the calendar's time.
    shown = list(stored.values_list("first_id", "second_id", "reason", "key")[: CLASHES_SHOWN * 2])
    loaded = {
        entry.pk: entry
        for entry in with_sites(
            CalendarEntry.objects.filter(
                pk__in={row[0] for row in shown} | {row[1] for row in shown}
            ),
            sites_by_id,
        )
    }
    clashes, seen = [], set()
    for first_id, second_id, reason, key in shown:
        first, second = loaded[first_id], loaded[second_id]
        identity = (frozenset((first.event_uid, second.event_uid)), reason)
        if identity not in seen:
            seen.add(identity)
            clashes.append(Clash(first, second, reason, key))
    rows = with_sites(window[page_slice] if page_slice is not None else window, sites_by_id)
    row_ids = [row.pk for row in rows]
    flagged = set(
        stored.filter(Q(first_id__in=row_ids) | Q(second_id__in=row_ids))
        .order_by()
        .values_list("first_id", "second_id")
    )
    return CoordinationWindow(
        entries=rows,
        clashes=clashes[:CLASHES_SHOWN],
        clash_count=clash_count,
        flagged={pk for pair in flagged for pk in pair},
    )
