"""The cross-site coordination calendar: a public-schema index of every site's
events, and the clashes between them.

The index (``CalendarEntry``) is written whenever an event is saved or
deleted, so the hub answers with one indexed query instead of visiting 200
schemas. Clashes are overlapping events that share a venue, a speaker or an
organiser, or two major events of the same site on the same days; they are
found when an entry is written (one query on a GIN index of its clash keys)
and stored as ``CalendarClash``, so a page view only reads them.
"""

import dataclasses
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django_tenants.utils import schema_context
from psycopg2 import sql

from coordination.models import (
    CalendarClash,
    CalendarDay,
    CalendarEntry,
    ClashCase,
    EntryTexts,
    ProgrammeLink,
)
from coordination.sources import EntryData, sources
from tenants.generations import has_pending_writes, public_generation
from tenants.models import Site

_SPACES = re.compile(r"\s+")
T = TypeVar("T")


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
            "origin_site_id": _origin_site_id(entry),
        },
    )
    store_days([written.pk])
    new_cases = refresh_clashes(written)
    if new_cases and notify:
        from coordination.notify import notify_after_commit

        notify_after_commit(new_cases)
    return written


def _origin_site_id(entry: EntryData) -> int | None:
    if not entry.is_copy or not entry.origin_code:
        return None
    return Site.objects.filter(code=entry.origin_code).values_list("pk", flat=True).first()


# An entry lasting longer keeps no day rows: an event of years would write
# hundreds. Such entries are few; the grid reads them through their own
# partial index (``calendar_entry_long``) and spreads them over the days.
LONG_SPAN = timedelta(days=92)

# The local days of entries (as each event's place counts them, the same
# rule as ``local_days``), as ``CalendarDay`` rows: the entries' long_span
# marked, their old days removed and their days written, in one statement.
STORE_DAYS_SQL = """
    WITH marked AS (
        UPDATE {entries} SET long_span = (ends_at - starts_at > %(long)s)
        WHERE {which}
        RETURNING id, site_id, event_id, kind, is_copy, origin_site_id, starts_at, ends_at,
                  time_zone, long_span
    ),
    cleared AS (
        DELETE FROM {days} WHERE entry_id IN (SELECT id FROM marked)
    )
    INSERT INTO {days} (entry_id, day, starts_at, site_id, event_id, kind, is_copy, origin_site_id)
    SELECT marked.id, day::date, marked.starts_at, marked.site_id, marked.event_id, marked.kind,
           marked.is_copy, marked.origin_site_id
    FROM marked
    CROSS JOIN LATERAL generate_series(
        (marked.starts_at AT TIME ZONE marked.time_zone)::date,
        (marked.ends_at AT TIME ZONE marked.time_zone)::date,
        interval '1 day'
    ) AS days(day)
    WHERE NOT marked.long_span
"""


def store_days(entry_ids: list[int] | None = None) -> None:
    """Write the day rows of these entries (of every entry when None: after
    a bulk fill, which bypasses :func:`write_entry`)."""
    if entry_ids is not None and not entry_ids:
        return
    which = "TRUE" if entry_ids is None else "id = ANY(%(ids)s)"
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL(STORE_DAYS_SQL.replace("{which}", which)).format(
                entries=sql.Identifier(CalendarEntry._meta.db_table),
                days=sql.Identifier(CalendarDay._meta.db_table),
            ),
            {"long": LONG_SPAN, "ids": list(entry_ids or ())},
        )


def local_days(entry: "CalendarEntry | ShownEntry") -> tuple[date, date]:
    """The first and last day of the event as its own place sees them."""
    zone = ZoneInfo(entry.time_zone)
    return entry.starts_at.astimezone(zone).date(), entry.ends_at.astimezone(zone).date()


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
               GREATEST(%(uid)s::uuid, other.event_uid) AS high_uid,
               CASE WHEN %(id)s < other.id THEN %(kind)s ELSE other.kind END AS first_kind,
               CASE WHEN %(id)s < other.id THEN other.kind ELSE %(kind)s END AS second_kind
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
            first_site_id, second_site_id, low_uid, high_uid, case_id, case_open,
            first_kind, second_kind
        )
        SELECT found.first_id, found.second_id, found.reason, found.key, found.overlap_start,
               found.overlap_end, found.first_site_id, found.second_site_id, found.low_uid,
               found.high_uid, COALESCE(made.id, known.id),
               made.id IS NOT NULL OR COALESCE(known.status = ANY(%(open)s::varchar[]), FALSE),
               found.first_kind, found.second_kind
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
                "kind": entry.kind,
                "programme": entry.programme_uid,
                "now": timezone.now(),
                "open": list(OPEN_STATUSES),
            },
        )
        return [row[0] for row in cursor.fetchall()]


#: A case in these states still needs someone: counted, flagged, listed first.
OPEN_STATUSES = (ClashCase.Status.OPEN, ClashCase.Status.ACKNOWLEDGED)

# A case's new status and time, and the copy of its state on its clash rows
# (``CalendarClash.case_open``), in one statement: the two never disagree.
CASE_STATUS_SQL = """
    WITH changed AS (
        UPDATE {cases} SET status = COALESCE(%(status)s, status), updated_at = %(at)s
        WHERE id = %(id)s
        RETURNING id, status
    )
    UPDATE {clashes} SET case_open = (changed.status = ANY(%(open)s::varchar[]))
    FROM changed WHERE {clashes}.case_id = changed.id
"""


def set_case_status(case_id: int, status: str | None, at: datetime) -> None:
    """Give a clash case a new status (None keeps it) and change time."""
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL(CASE_STATUS_SQL).format(
                cases=sql.Identifier(ClashCase._meta.db_table),
                clashes=sql.Identifier(CalendarClash._meta.db_table),
            ),
            {"id": case_id, "status": status, "at": at, "open": list(OPEN_STATUSES)},
        )


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
            "kind",
            "programme_uid",
        )
        .iterator()
    ):
        refresh_clashes(entry)
    return CalendarClash.objects.count()


# The tables, as the calendar's statements name them.
ENTRIES = f'"{CalendarEntry._meta.db_table}"'
CLASHES = f'"{CalendarClash._meta.db_table}"'
SITES = f'"{Site._meta.db_table}"'


@dataclass(frozen=True)
class Listing:
    """The sites a calendar view lists (:func:`active_sites`), and the SQL
    that tests a row's site id against them. With no filter chosen, a row is
    listed unless its site is one of the few others (archived sites, the
    template): mostly none, so no test at all. Written into a statement as
    200 ids, the list cost PostgreSQL's planner 0.36 ms to estimate and the
    day rows' scan 0.7 ms to test (2.1 → 1.4 ms, bench/coordination.py at
    200 sites × 500 events, one run)."""

    sites: dict[int, Site]
    chosen: bool  # the reader chose sites: ``ids`` lists them, else the others
    ids: str  # as an array literal, "{1,2}"

    def params(self) -> dict:
        return {"sites": self.ids}

    def has(self, column: str) -> str:
        """SQL: the site id ``column`` is listed."""
        if self.chosen:
            return f"{column} = ANY(%(sites)s::bigint[])"
        return "TRUE" if self.ids == "{}" else f"{column} <> ALL(%(sites)s::bigint[])"

    def lacks(self, column: str) -> str:
        """SQL: the site id ``column`` (a copy's origin) is not listed: one
        of the others, or a site that is gone."""
        if self.chosen:
            return f"{column} <> ALL(%(sites)s::bigint[])"
        gone = f"NOT EXISTS (SELECT FROM {SITES} WHERE id = {column})"
        return gone if self.ids == "{}" else f"({column} = ANY(%(sites)s::bigint[]) OR {gone})"


_memo: dict[tuple, object] = {}


def _remembered(key: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, kept in the process for the public schema's generation,
    which any write to the index, a site or a domain moves; never kept by a
    connection that holds writes not yet committed."""
    pending = has_pending_writes(connection)
    key = (public_generation(), *key)
    found = _memo.get(key, _memo) if not pending else _memo
    if found is _memo:  # not kept (``_memo`` itself stands for "none")
        found = compute()
        if not pending:
            if len(_memo) >= 64:  # filters come from the query string
                _memo.clear()
            _memo[key] = found
    return found


def listing(site_codes: list[str] | None = None) -> Listing:
    """The active sites (of ``site_codes`` only, if given) by id, with their
    domains. Loading 200 sites' wide rows was most of the calendar's time
    (~25 ms of 48 at 200 sites): they are remembered (:func:`_remembered`)."""
    codes = tuple(sorted(set(site_codes or ())))
    return _remembered(("sites", codes), lambda: _listing(codes))


def _listing(site_codes: tuple[str, ...]) -> Listing:
    chosen = Site.objects.active()
    if site_codes:
        chosen = chosen.filter(code__in=site_codes)
    # Every site, in one query: the listed ones and the ids of the others.
    sites = Site.objects.annotate(listed=Exists(chosen.filter(pk=OuterRef("pk"))))
    by_id, others = {}, set()
    for site in sites.prefetch_related("domains"):
        if site.listed:
            by_id[site.pk] = site
        else:
            others.add(site.pk)
    ids = set(by_id) if site_codes else others
    return Listing(by_id, bool(site_codes), "{" + ",".join(map(str, sorted(ids))) + "}")


def earliest_start(start: datetime) -> datetime:
    """No entry lasts longer than the longest of the few long ones (or
    ``LONG_SPAN``), so those on at ``start`` began at most that long before
    it. The period indexes are ordered by start:
    without this lower bound a window read every entry that began before it,
    back to the first (September's first page at 200 sites × 500 events
    from January: 301 buffers, 181 with it). Given to PostgreSQL as a
    value, not a subquery, so that it plans with the range it will read."""
    return _bounds(start)[0]


def clash_earliest(start: datetime) -> datetime:
    """The stored clashes on at ``start`` began at most their longest overlap
    before it: most clashes are of events of hours or days, so this reads
    a window's clashes and a few days more, not :func:`earliest_start`'s
    three months more (the count of a month's open clashes read four months
    of them)."""
    return _bounds(start)[1]


def _bounds(start: datetime) -> tuple[datetime, datetime]:
    """(:func:`earliest_start`, :func:`clash_earliest`), from one read of
    what is remembered (a connection with writes pending reads it anew)."""
    longest_entry, longest_clash = _longest()
    return start - max(LONG_SPAN, longest_entry or LONG_SPAN), start - (
        longest_clash or timedelta()
    )


# The longest of the long entries (``calendar_entry_long``) and the longest
# stored clash (``calendar_clash_length``), each read from its index.
LONGEST_SQL = f"""
    SELECT (SELECT MAX(ends_at - starts_at) FROM {ENTRIES} WHERE long_span),
           (SELECT MAX(overlap_end - overlap_start) FROM {CLASHES})
"""


def _longest() -> tuple[timedelta | None, timedelta | None]:
    """(the longest long entry, the longest clash), remembered (:func:`_remembered`)."""

    def read() -> tuple[timedelta | None, timedelta | None]:
        with connection.cursor() as cursor:
            cursor.execute(LONGEST_SQL)
            return cursor.fetchone()

    return _remembered(("longest",), read)


def active_sites(site_codes: list[str] | None = None) -> dict[int, Site]:
    """Active sites by id, with their domains (:func:`listing`)."""
    return dict(listing(site_codes).sites)


def listed_sites(field: str, site_codes: list[str] | None = None) -> Q:
    """Rows whose site id ``field`` is one of :func:`active_sites`. Without a
    filter, as "none of the few others" (archived, the template): each stored clash was
    hash-joined twice to the 200 active sites, a third of the calendar's
    clash count (8,020 rows of a busy month; 2.5 → 1.7 ms with the count
    below, at 200 sites × 500 events, one run)."""
    if site_codes:
        return Q(**{f"{field}__in": site_ids_query(site_codes)})
    return ~Q(**{f"{field}__in": RawSQL(*_other_sites_sql())})


@functools.cache
def _other_sites_sql() -> tuple[str, tuple]:
    """The ids of the sites :func:`active_sites` leaves out, as SQL compiled
    once: Django compiled the nested subquery anew four times a page."""
    others = Site.objects.exclude(pk__in=site_ids_query()).values("pk")
    return others.query.sql_with_params()


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
    entries = CalendarEntry.objects.filter(window_filter(start, end, site_ids, kinds))
    return entries.order_by("starts_at", "site_id", "event_id")


def window_filter(start: datetime, end: datetime, site_ids, kinds: list[str] | None = None) -> Q:
    """The condition of :func:`window_queryset`. A copy is known by its
    origin's site id, kept on its row: looking for the origin's entry was a
    subquery that PostgreSQL hashed over every entry of the index as soon as
    one copy was in the window."""
    if not isinstance(site_ids, QuerySet):
        site_ids = list(site_ids)
    condition = (
        Q(starts_at__lt=end, ends_at__gt=start, starts_at__gte=earliest_start(start))
        & Q(site_id__in=site_ids)
        & (Q(is_copy=False) | ~Q(origin_site_id__in=site_ids))
    )
    if kinds:
        condition &= Q(kind__in=kinds)
    return condition


_cache_site = CalendarEntry._meta.get_field("site").set_cached_value


def with_sites(entries, sites_by_id: dict[int, Site]) -> list[CalendarEntry]:
    """Load entries and attach their sites without a join. Whole rows: with
    ``.only()`` of the display columns, Django built each entry through its
    deferred-field path, and a page's 100 entries took 2.8 ms against 2.4
    (one run); the site is cached as a prefetch does, without the
    descriptor's router check."""
    result = []
    for entry in entries:
        # A site that became active since ``sites_by_id`` was read shows next time.
        if (site := sites_by_id.get(entry.site_id)) is not None:
            _cache_site(entry, site)
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


@dataclass(slots=True, eq=False)
class ShownEntry(EntryTexts):
    """An entry as the calendar's grid and list show it: the columns they
    read, its site, the other listed sites showing it (``cohost_ids``) and
    whether it is in a clash still open (``flagged``). Built from the rows
    of a cursor: as model instances (``Model.__init__``, a descriptor per
    field, two signals, the raw queryset's converters) the ~200 entries of
    a page were half the calendar's Python time (bench/coordination.py's
    page data: 21,659 → 9,285 calls a page under cProfile, Python CPU 9.9 →
    5.0 ms a page over 60 pages). Its title and venue are the model's
    (``EntryTexts``); it reads no column the pages do not show."""

    pk: int
    site_id: int
    event_id: int
    event_uid: UUID
    slug: str
    titles: dict
    kind: str
    status: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    all_day: bool
    venues: dict
    organisers: list
    url_path: str
    long_span: bool
    cohost_ids: list
    flagged: bool
    site: Site


@dataclass
class CoordinationWindow:
    entries: list[ShownEntry]  # each event once, or one page of them
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
    and which of them clash there with a case still open: two statements,
    the entries with their co-hosts and flags, then the clash count."""
    listed = listing(site_codes)
    part = page_slice or slice(None)
    offset = part.start or 0
    params = {
        **_window_params(start, end, listed, kinds),
        "offset": offset,
        "limit": None if part.stop is None else max(0, part.stop - offset),
    }
    rows = _loaded(WINDOW_SQL, listed, kinds, params)
    with connection.cursor() as cursor:
        cursor.execute(CLASH_COUNT_SQL.format(clashes=_clashes_sql(listed, kinds)), params)
        (clash_count,) = cursor.fetchone()
    return CoordinationWindow(
        entries=rows,
        cohosts=_cohosts(rows, listed),
        clash_count=clash_count,
        flagged={entry.event_uid for entry in rows if entry.flagged},
    )


def _cohosts(entries: list[ShownEntry], listed: Listing) -> dict:
    """uid → the listed sites besides its own showing each entry's event
    (read with it, ``cohost_ids``)."""
    return {
        entry.event_uid: [listed.sites[pk] for pk in entry.cohost_ids if pk in listed.sites]
        for entry in entries
    }


# The calendar's statements are written here, not composed by the ORM:
# building and compiling the seven querysets of a page (filters, subqueries,
# a hundred uuids as parameters) took about a third of its Python time, and
# three of its round trips asked what one statement can carry (each row's
# co-hosts and clash flag, on the uid indexes).

# The other sites showing the entry ``e`` (a co-hosted event), on the uid index.
COHOSTS_SQL = """
    ARRAY(SELECT other.site_id FROM {entries} other
          WHERE other.event_uid = e.event_uid AND other.site_id <> e.site_id
          ORDER BY other.site_id)
"""

# The window's entries in the list's order, with the other listed sites
# showing each (a co-hosted event) and whether it is in a clash still open.
WINDOW_SQL = """
    SELECT {columns}, {cohosts} AS cohost_ids, {flagged} AS flagged
    FROM {entries} e
    WHERE {window}
    ORDER BY e.starts_at, e.site_id, e.event_id
    LIMIT %(limit)s OFFSET %(offset)s
"""

# Cases open or acknowledged with a clash in the window. COUNT(DISTINCT …):
# with neither the join to the cases nor to the sites left, sorting the
# 8,020 clash rows of a busy month beat hashing them (1.7 → 1.4 ms at 200
# sites × 500 events, one run; with the joins it was the other way round).
# The rows are found in a subquery of their own (OFFSET 0 keeps PostgreSQL
# from planning it with the count): asked for them in case order, it read
# them through the cases' foreign-key index, a heap visit each (9,505
# buffers, 6.6 ms), instead of the clashes' own period (322 buffers and a
# sort, 3.8 ms; bench/coordination.py just after a fill, medians of 15).
CLASH_COUNT_SQL = (
    "SELECT COUNT(DISTINCT case_id) FROM (SELECT c.case_id {clashes} OFFSET 0) AS open"
)


def _window_sql(listed: Listing, kinds: list[str] | None) -> str:
    """:func:`window_filter` for the entries ``e``."""
    condition = (
        f"e.starts_at < %(end)s AND e.ends_at > %(start)s AND e.starts_at >= %(earliest)s"
        f" AND {listed.has('e.site_id')}"
        f" AND (NOT e.is_copy OR e.origin_site_id IS NULL OR {listed.lacks('e.origin_site_id')})"
    )
    return condition + (" AND e.kind = ANY(%(kinds)s)" if kinds else "")


def _clashes_sql(listed: Listing, kinds: list[str] | None, *, bounded: bool = True) -> str:
    """FROM and WHERE of the stored clashes ``c`` of the window between
    listed sites (both events of ``kinds``, if given) whose case is open;
    ``bounded``: read from :func:`clash_earliest` on (a range of the period
    index, where a count reads them)."""
    kinds_sql = " AND c.first_kind = ANY(%(kinds)s) AND c.second_kind = ANY(%(kinds)s)"
    return (
        f"FROM {CLASHES} c WHERE c.case_open"
        " AND c.overlap_start < %(end)s AND c.overlap_end > %(start)s"
        + (" AND c.overlap_start >= %(clash_earliest)s" if bounded else "")
        + f" AND {listed.has('c.first_site_id')} AND {listed.has('c.second_site_id')}"
    ) + (kinds_sql if kinds else "")


def _flag_sql(listed: Listing, kinds: list[str] | None) -> str:
    """SQL: the entry ``e`` is in one of the clashes of :func:`_clashes_sql`.
    Two probes of the uid indexes, each stopping at the first clash found
    (written as EXISTS, PostgreSQL hashed all 8,020 clashes of a busy month
    instead). Without the lower bound on the clash's start, which a probe by
    uid does not need: with it, and no statistics yet on the clash table
    (just after bench/coordination.py stored them), PostgreSQL took the
    bounded period for a few rows and intersected each probe with a range
    of the open clashes' period index, 13,678 rows a probe (82-175 ms a
    statement instead of 1.5)."""
    clashes = _clashes_sql(listed, kinds, bounded=False)
    probes = ", ".join(
        f"(SELECT TRUE {clashes} AND c.{column} = e.event_uid LIMIT 1)"
        for column in ("low_uid", "high_uid")
    )
    return f"COALESCE({probes}, FALSE)"


def _window_params(
    start: datetime, end: datetime, listed: Listing, kinds: list[str] | None
) -> dict:
    earliest, clash_from = _bounds(start)
    return {
        "start": start,
        "end": end,
        "earliest": earliest,
        "clash_earliest": clash_from,
        "kinds": kinds,
        **listed.params(),
    }


#: The columns of the entries ``e`` a :class:`ShownEntry` holds, in its order,
#: named by its fields (its last three come from the statement and the listing).
SHOWN_COLUMNS = ", ".join(
    f'e."{"id" if field.name == "pk" else field.name}"'
    for field in dataclasses.fields(ShownEntry)[:-3]
)


def _loaded(
    template: str, listed: Listing, kinds: list[str] | None, params: dict
) -> list[ShownEntry]:
    """The entries a statement of the window (``WINDOW_SQL``) reads, with
    their co-hosts' ids and clash flags, each with its site; an entry of a
    site that became active since ``listed`` was read shows next time."""
    statement = template.format(
        entries=ENTRIES,
        columns=SHOWN_COLUMNS,
        window=_window_sql(listed, kinds),
        cohosts=COHOSTS_SQL.format(entries=ENTRIES),
        flagged=_flag_sql(listed, kinds),
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    sites = listed.sites
    shown = []
    for row in rows:
        if (site := sites.get(row[1])) is not None:
            entry = ShownEntry(*row, site)
            # Django reads jsonb as text (its JSONField decodes it): so here.
            entry.titles, entry.venues = json.loads(entry.titles), json.loads(entry.venues)
            shown.append(entry)
    return shown


# The events of each day of [first, last]: how many, and the first few (in
# the window's order), read from the day rows' index alone: each day is a
# range of it, already in order, so counting and naming need no sort. Loading
# every entry into Python took ~240 ms and stopped at 2,000; spreading the
# entries over their days in SQL on every view (generate_series, then two
# window functions over 10,000 rows) took ~20 ms at 200 sites × 500 events.
DAYS_SQL = """
    SELECT day, count(*), (array_agg(entry_id ORDER BY starts_at, site_id, event_id))[1:%(per_day)s]
    FROM {days} d
    WHERE day BETWEEN %(first)s AND %(last)s AND {listed}
      AND (NOT is_copy OR origin_site_id IS NULL OR {origin_not_listed})
      {kinds}
    GROUP BY day
"""

# The entries the grid names, and the few long ones of its window (they have
# no day rows), each with its co-hosts and clash flag, as :data:`WINDOW_SQL`.
GRID_ENTRIES_SQL = """
    SELECT {columns}, {cohosts} AS cohost_ids, {flagged} AS flagged
    FROM {entries} e
    WHERE e.id = ANY(%(named)s) OR (e.long_span AND {window})
"""


@dataclass
class CalendarDays:
    entries: dict  # day → its first entries (each event once)
    totals: dict  # day → how many events that day
    flagged: set  # uids, among the entries shown, in a clash still open
    cohosts: dict  # uid, among the entries shown → the other listed sites showing it


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
    # reach 14 hours either side); only the local days asked for are kept.
    start = datetime(first.year, first.month, first.day, tzinfo=UTC) - timedelta(days=1)
    end = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=2)
    listed = listing(site_codes)
    statement = sql.SQL(DAYS_SQL).format(
        days=sql.Identifier(CalendarDay._meta.db_table),
        listed=sql.SQL(listed.has("d.site_id")),
        origin_not_listed=sql.SQL(listed.lacks("d.origin_site_id")),
        kinds=sql.SQL("AND kind = ANY(%(kinds)s)" if kinds else ""),
    )
    params = {"per_day": per_day, "first": first, "last": last, "kinds": kinds, **listed.params()}
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        found = cursor.fetchall()
    named = [pk for _day, _total, pks in found for pk in pks]
    loaded = _loaded(
        GRID_ENTRIES_SQL,
        listed,
        kinds,
        {**_window_params(start, end, listed, kinds), "named": named},
    )
    by_id = {entry.pk: entry for entry in loaded}
    totals: dict = {day: total for day, total, _pks in found}
    named_on: dict = {day: [by_id[pk] for pk in pks if pk in by_id] for day, _total, pks in found}
    for entry in loaded:
        if not entry.long_span:
            continue
        starts, ends = local_days(entry)
        day = max(starts, first)
        while day <= min(ends, last):
            totals[day] = totals.get(day, 0) + 1
            named_on.setdefault(day, []).append(entry)
            day += timedelta(days=1)
    entries: dict = {}
    for day, shown in named_on.items():
        if shown:
            shown.sort(key=lambda entry: (entry.starts_at, entry.site_id, entry.event_id))
            entries[day] = shown[:per_day]
    flagged = {entry.event_uid for shown in entries.values() for entry in shown if entry.flagged}
    return CalendarDays(
        entries=entries, totals=totals, flagged=flagged, cohosts=_cohosts(loaded, listed)
    )
