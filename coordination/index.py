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
from datetime import UTC, date, datetime, timedelta

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django_tenants.utils import schema_context
from psycopg2 import sql

from coordination.models import CalendarClash, CalendarEntry, ClashCase, ProgrammeLink
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


def write_entry(site: Site, entry: EntryData, *, notify: bool = True) -> CalendarEntry:
    """Write (or refresh) the index entry of one event of ``site``, and its
    clashes; the editors of the sites involved hear of a new clash (after
    the commit) unless ``notify`` is false (a rebuild)."""
    programme = (
        ProgrammeLink.objects.filter(part_uid=entry.event_uid)
        .values_list("whole_uid", flat=True)
        .first()
    )
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
            "is_copy": entry.is_copy,
            "programme_uid": programme,
        },
    )
    new_cases = refresh_clashes(written)
    if new_cases and notify:
        from coordination.notify import notify_after_commit

        notify_after_commit(new_cases)
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
                write_entry(site, entry, notify=False)
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
    "is_copy", "programme_uid",
)  # fmt: skip


# The entries that overlap one entry in time and share a clash key with it,
# excluding copies of the same event, events of the same programme (one
# part of the other) and cancelled ones: one row per other entry and reason,
# with the first shared key of that reason. The GIN index on clash_keys
# serves the && test. In the same statement, each pair of events gets its
# case (ClashCase) if it has none yet; the statement returns the cases it
# made, whose editors are told.
CLASH_SQL = """
    WITH found AS (
        SELECT DISTINCT ON (other.id, split_part(shared, ':', 1))
               LEAST(%(id)s, other.id) AS first_id, GREATEST(%(id)s, other.id) AS second_id,
               split_part(shared, ':', 1) AS reason, substr(shared, strpos(shared, ':') + 1) AS key,
               GREATEST(%(starts_at)s, other.starts_at) AS overlap_start,
               LEAST(%(ends_at)s, other.ends_at) AS overlap_end,
               CASE WHEN %(id)s < other.id THEN %(site_id)s ELSE other.site_id END AS first_site_id,
               CASE WHEN %(id)s < other.id THEN other.site_id ELSE %(site_id)s END AS second_site_id,
               LEAST(%(uid)s::uuid, other.event_uid) AS low_uid,
               GREATEST(%(uid)s::uuid, other.event_uid) AS high_uid
        FROM {entries} other
        CROSS JOIN LATERAL unnest(other.clash_keys) AS shared
        WHERE other.clash_keys && %(keys)s::varchar[]
          AND shared = ANY (%(keys)s::varchar[])
          AND other.starts_at < %(ends_at)s AND other.ends_at > %(starts_at)s
          AND other.event_uid <> %(uid)s AND other.status <> 'cancelled'
          AND COALESCE(other.programme_uid, other.event_uid)
              <> COALESCE(%(programme)s::uuid, %(uid)s::uuid)
        ORDER BY other.id, split_part(shared, ':', 1), shared
    ),
    made AS (
        INSERT INTO {cases} (low_uid, high_uid, status, created_at, updated_at)
        SELECT DISTINCT low_uid, high_uid, 'open', %(now)s, %(now)s FROM found
        ON CONFLICT (low_uid, high_uid) DO NOTHING
        RETURNING id, low_uid, high_uid
    ),
    stored AS (
        INSERT INTO {clashes} (
            first_id, second_id, reason, key, overlap_start, overlap_end,
            first_site_id, second_site_id, low_uid, high_uid, case_id
        )
        SELECT found.first_id, found.second_id, found.reason, found.key, found.overlap_start,
               found.overlap_end, found.first_site_id, found.second_site_id, found.low_uid,
               found.high_uid, COALESCE(made.id, known.id)
        FROM found
        LEFT JOIN made USING (low_uid, high_uid)
        LEFT JOIN {cases} known USING (low_uid, high_uid)
        ON CONFLICT DO NOTHING
    )
    SELECT made.id FROM made
    JOIN found USING (low_uid, high_uid)
    GROUP BY made.id
    HAVING MAX(found.overlap_end) > %(now)s
"""


def refresh_clashes(entry: CalendarEntry) -> list[int]:
    """Recompute the stored clashes of one entry (one indexed statement);
    return the ids of the cases it made for pairs that had none, still to come."""
    CalendarClash.objects.filter(Q(first=entry) | Q(second=entry)).delete()
    if entry.status == "cancelled" or not entry.clash_keys:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL(CLASH_SQL).format(
                clashes=sql.Identifier(CalendarClash._meta.db_table),
                entries=sql.Identifier(CalendarEntry._meta.db_table),
                cases=sql.Identifier(ClashCase._meta.db_table),
            ),
            {
                "id": entry.pk,
                "keys": list(entry.clash_keys),
                "starts_at": entry.starts_at,
                "ends_at": entry.ends_at,
                "uid": entry.event_uid,
                "site_id": entry.site_id,
                "programme": entry.programme_uid,
                "now": timezone.now(),
            },
        )
        return [row[0] for row in cursor.fetchall()]


def rebuild_clashes() -> int:
    """Recompute every stored clash, entry by entry."""
    CalendarClash.objects.all().delete()
    for entry in (
        CalendarEntry.objects.exclude(status="cancelled")
        .only(
            "pk",
            "clash_keys",
            "starts_at",
            "ends_at",
            "event_uid",
            "status",
            "site_id",
            "programme_uid",
        )
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


def site_ids_query(site_codes: list[str] | None = None) -> QuerySet:
    """The ids of :func:`active_sites`, as a subquery: PostgreSQL reads 200
    ids from the sites table faster than Django writes them into every query
    as 200 parameters (twice in the window query, twice in the clash query),
    and the statement's text stays the same whatever the number of sites."""
    sites = Site.objects.active()
    if site_codes:
        sites = sites.filter(code__in=site_codes)
    return sites.values("pk")


def window_queryset(
    start: datetime, end: datetime, site_ids, kinds: list[str] | None = None
) -> QuerySet:
    """Index entries of the given sites (ids, or a subquery of them such as
    :func:`site_ids_query`) on at some moment of [start, end): each event
    once, by its origin's entry, or by a copy when its origin's site is not
    among those listed (a co-hosted event seen from a partner)."""
    if not isinstance(site_ids, QuerySet):
        site_ids = list(site_ids)
    entries = CalendarEntry.objects.filter(
        starts_at__lt=end, ends_at__gt=start, site_id__in=site_ids
    ).filter(
        Q(is_copy=False)
        | ~Exists(
            CalendarEntry.objects.filter(
                event_uid=OuterRef("event_uid"), is_copy=False, site_id__in=site_ids
            )
        )
    )
    if kinds:
        entries = entries.filter(kind__in=kinds)
    return entries.order_by("starts_at", "site_id", "event_id")


def with_sites(entries, sites_by_id: dict[int, Site]) -> list[CalendarEntry]:
    """Load entries (display columns only) and attach their sites without a join."""
    result = []
    for entry in entries.only(*ENTRY_COLUMNS):
        # A site that became active since ``sites_by_id`` was read shows next time.
        if (site := sites_by_id.get(entry.site_id)) is not None:
            entry.site = site
            result.append(entry)
    return result


def cohosts_of(entries: list[CalendarEntry], sites_by_id: dict[int, Site]) -> dict:
    """uid → the other sites showing each of these events (one query, on
    the uid index)."""
    shown = {entry.event_uid: entry.site_id for entry in entries}
    found: dict = {uid: [] for uid in shown}
    if not shown:
        return found
    for uid, site_id in (
        CalendarEntry.objects.filter(event_uid__in=list(shown))
        .order_by("site_id")
        .values_list("event_uid", "site_id")
    ):
        if site_id != shown[uid] and site_id in sites_by_id:
            found[uid].append(sites_by_id[site_id])
    return found


def entries_between(
    start: datetime,
    end: datetime,
    *,
    site_codes: list[str] | None = None,
    kinds: list[str] | None = None,
) -> list[CalendarEntry]:
    """Index entries of active sites on at some moment of [start, end), each event once."""
    sites_by_id = active_sites(site_codes)
    return with_sites(window_queryset(start, end, site_ids_query(site_codes), kinds), sites_by_id)


def window_count(
    start: datetime,
    end: datetime,
    *,
    site_codes: list[str] | None = None,
    kinds: list[str] | None = None,
) -> int:
    """How many events :func:`coordination_window` lists for [start, end)."""
    return window_queryset(start, end, site_ids_query(site_codes), kinds).count()


@dataclass
class CoordinationWindow:
    entries: list[CalendarEntry]  # each event once, or one page of them
    cohosts: dict  # uid → the other sites showing the event
    clash_count: int  # cases open or acknowledged with a clash in the window
    flagged: set  # uids, among ``entries``, in such a clash


def coordination_window(
    start: datetime,
    end: datetime,
    *,
    site_codes: list[str] | None = None,
    kinds: list[str] | None = None,
    page_slice: slice | None = None,
) -> CoordinationWindow:
    """Entries of [start, end) (a page of them, if asked), their co-hosts,
    and which of them clash there with a case still open."""
    sites_by_id = active_sites(site_codes)
    site_ids = site_ids_query(site_codes)
    window = window_queryset(start, end, site_ids, kinds)
    rows = with_sites(window[page_slice] if page_slice is not None else window, sites_by_id)
    stored = _stored_clashes(start, end, site_ids, kinds)
    # COUNT(*) over SELECT DISTINCT, not COUNT(DISTINCT …): PostgreSQL
    # hashes the 7,758 clash rows of a busy month instead of sorting them
    # (5.2 → 3.1 ms at 200 sites × 500 events, EXPLAIN ANALYZE in one run).
    clash_count = stored.values("case_id").distinct().count()
    return CoordinationWindow(
        entries=rows,
        cohosts=cohosts_of(rows, sites_by_id),
        clash_count=clash_count,
        flagged=_flagged(stored, [row.event_uid for row in rows]),
    )


def _stored_clashes(start: datetime, end: datetime, site_ids, kinds: list[str] | None) -> QuerySet:
    """Stored clashes of [start, end) between the given sites, with a case still open."""
    stored = CalendarClash.objects.filter(
        overlap_start__lt=end,
        overlap_end__gt=start,
        first_site_id__in=site_ids,
        second_site_id__in=site_ids,
        case__status__in=(ClashCase.Status.OPEN, ClashCase.Status.ACKNOWLEDGED),
    )
    if kinds:
        stored = stored.filter(first__kind__in=kinds, second__kind__in=kinds)
    return stored


def _flagged(stored: QuerySet, uids: list) -> set:
    """Those of ``uids`` in one of the ``stored`` clashes (on the uid indexes)."""
    flagged: set = set()
    if uids:
        for low, high in (
            stored.filter(Q(low_uid__in=uids) | Q(high_uid__in=uids))
            .values_list("low_uid", "high_uid")
            .distinct()
        ):
            flagged |= {low, high}
    return flagged & set(uids)


# The events of each day of [first, last], as the place of each event counts
# its days: how many, and the first few (in the window's order). One
# statement over the window's entries (each spread over its days by
# generate_series), so a month of 200 sites costs one query and a few rows,
# where loading every entry into Python took ~240 ms and stopped at 2,000
# (the last two weeks of a busy month showed no events at all).
DAYS_SQL = """
    SELECT day::date, id, total FROM (
        SELECT days.day, w.id,
               row_number() OVER (
                   PARTITION BY days.day ORDER BY w.starts_at, w.site_id, w.event_id
               ) AS position,
               count(*) OVER (PARTITION BY days.day) AS total
        FROM ({window}) AS w
        CROSS JOIN LATERAL generate_series(
            GREATEST((w.starts_at AT TIME ZONE w.time_zone)::date, %s::date),
            LEAST((w.ends_at AT TIME ZONE w.time_zone)::date, %s::date),
            interval '1 day'
        ) AS days(day)
    ) AS ranked
    WHERE position <= %s
    ORDER BY day, position
"""


@dataclass
class CalendarDays:
    entries: dict  # day → its first entries (each event once)
    totals: dict  # day → how many events that day
    flagged: set  # uids, among the entries shown, in a clash still open


def calendar_days(
    first: date,
    last: date,
    *,
    per_day: int,
    site_codes: list[str] | None = None,
    kinds: list[str] | None = None,
) -> CalendarDays:
    """The events of each day from ``first`` to ``last`` (a month grid):
    three queries whatever the number of events."""
    # A day wider than [first, last] in UTC each way: an event at 02:00 in
    # Shanghai on the first day began the day before in UTC (time zones
    # reach 14 hours either side); DAYS_SQL keeps only the days asked for.
    start = datetime(first.year, first.month, first.day, tzinfo=UTC) - timedelta(days=1)
    end = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=2)
    sites_by_id = active_sites(site_codes)
    site_ids = site_ids_query(site_codes)
    window = window_queryset(start, end, site_ids, kinds).values(
        "id", "starts_at", "ends_at", "time_zone", "site_id", "event_id"
    )
    window_sql, window_params = window.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(DAYS_SQL.format(window=window_sql), [*window_params, first, last, per_day])
        found = cursor.fetchall()
    by_id = {
        entry.pk: entry
        for entry in with_sites(
            CalendarEntry.objects.filter(pk__in={row[1] for row in found}), sites_by_id
        )
    }
    entries: dict = {}
    totals: dict = {}
    for day, pk, total in found:
        totals[day] = total
        if pk in by_id:
            entries.setdefault(day, []).append(by_id[pk])
    uids = list({entry.event_uid for entry in by_id.values()})
    flagged = _flagged(_stored_clashes(start, end, site_ids, kinds), uids)
    return CalendarDays(entries=entries, totals=totals, flagged=flagged)
