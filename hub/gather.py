"""What the hub shows from every launched site, read from its index only.

- :func:`gathered`: the latest news, the newest listings and the next
  events across sites, for a visitor of one language;
- :func:`events`: every site's upcoming events (until each ends, as on the
  sites' own lists) or past ones, for the hub's events pages;
- :func:`search`: one page of what a query finds on every site, with a
  total, in that language and through the product vocabulary.

Every item carries its site and a link into it in the visitor's language
when the site offers it, else in the site's default (``HubItem.url``); the
title says which language it is really in, so the page discloses fallback.
"""

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import F, Min, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from hub.models import HubEntry
from hub.vocabulary import HubUnderstanding, understand
from languages.formatting import format_date, format_range
from search.newest import Condition, newest, rank
from search.query import highlight
from search.registry import kinds
from search.text import document_text, query_tokens, safe_tsquery
from tenants.addresses import site_url
from tenants.generations import has_pending_writes, public_generation
from tenants.models import Site
from tenants.naming import comparable, name_in, short_name_in
from translations.fallback import BRIDGE_LANGUAGE

PER_LIST = 8
PER_PAGE = 20
CAP = 1000
SHOWN_COLUMNS = (
    "site_id", "kind", "object_id", "language", "title", "title_language", "body",
    "body_language", "url_name", "url_kwargs", "dated_at", "ends_at", "public_since",
    "time_zone", "shared_with", "languages",
)  # fmt: skip
#: Events running at once read for the home's list: beyond it, those ending
#: soonest (_next_events).
RUNNING = 500
#: Site cards on the hub's home, the likeliest first (:func:`likely_first`);
#: the directory (``hub.views.sites``) lists every site, by country.
HOME_SITES = 12


@dataclass
class HubSite:
    site: Site
    name: str  # in the visitor's language
    language: str  # the language the visitor reads it in
    url: str  # its home page in that language
    #: Where space is short (badges, filters, co-hosts), as the coordination
    #: calendar names it; the full ``name`` goes in a title.
    short_name: str = ""
    #: Another launched site reads the same in full (two sites of one pair
    #: named by default): its card adds the short name.
    name_shared: bool = False

    @property
    def code(self) -> str:
        return self.site.code


@dataclass
class HubItem:
    site: HubSite
    kind: str
    label: str
    title: str
    title_language: str
    snippet: SafeString | str
    snippet_language: str
    url: str
    language: str  # the visitor's
    dated_at: datetime | None
    #: The language of the site's page the link opens (the title's own, or
    #: the site's fallback for it).
    reads: str = ""
    #: The date (an event's days) as its own site writes it, in the
    #: visitor's language: in the event's zone, else the site's.
    when: str = ""
    #: The sites an event is co-hosted with, named in the visitor's language,
    #: each linked to the event there.
    cohosts: list["CoHost"] = field(default_factory=list)

    @property
    def is_fallback(self) -> bool:
        return self.title_language != self.language


@dataclass
class Gathered:
    sites: list[HubSite]  # the likeliest HOME_SITES
    news: list[HubItem]
    listings: list[HubItem]
    events: list[HubItem]
    site_count: int = 0  # every launched site


def reading_language(site: Site, language: str, accepted: Sequence[str] = ()) -> str:
    """The language a hub visitor of ``language`` reads ``site`` in: theirs,
    else the first their browser accepts that the site offers, else the
    site's default (a French reader accepting English reads China–Vietnam
    in English, not in Chinese)."""
    for wanted in (language, *accepted):
        if wanted in site.languages:
            return wanted
    return site.default_language


def likely_first(
    sites: Iterable[HubSite], language: str, accepted: Sequence[str] = ()
) -> list[HubSite]:
    """Sites in the order a visitor most likely wants them: those that offer
    the visitor's language, then those offering one their browser accepts,
    then the rest; by name within each."""

    def rank(hub_site: HubSite) -> tuple[int, str]:
        offered = hub_site.site.languages
        if language in offered:
            return 0, hub_site.name.casefold()
        if any(other in offered for other in accepted):
            return 1, hub_site.name.casefold()
        return 2, hub_site.name.casefold()

    return sorted(sites, key=rank)


def public_sites(language: str, accepted: Sequence[str] = ()) -> dict[int, HubSite]:
    """Launched sites as a visitor of ``language`` sees them.

    Building them (two queries, 200 wide rows, a name and an address each)
    was most of a hub page's time at 200 sites: they are kept in the process
    for the public schema's generation, which any change to a site or a
    domain moves (as ``coordination.index.active_sites``). Which drafts have
    reached their launch date is decided on each call."""
    try:
        key = (public_generation(), language, tuple(accepted))
    except OSError:  # no generation numbers to key on (tenants.generations): no memory
        key = None
    pending = key is None or has_pending_writes(connection)
    known = None if pending else _sites_memo.get(key)
    if known is None:
        known = []
        candidates = Site.objects.filter(
            Q(status=Site.Status.ACTIVE) | Q(status=Site.Status.DRAFT, launched_on__isnull=False)
        )
        for site in candidates.prefetch_related("domains").order_by("code"):
            reads = reading_language(site, language, accepted)
            known.append(
                HubSite(
                    site=site,
                    name=name_in(site, language),
                    language=reads,
                    url=site_url(site, f"/{reads}/"),
                    short_name=short_name_in(site, language),
                )
            )
        names = Counter(comparable(hub_site.name) for hub_site in known)
        for hub_site in known:
            hub_site.name_shared = names[comparable(hub_site.name)] > 1
        if not pending:
            if len(_sites_memo) >= 256:  # one entry per preference and generation
                _sites_memo.clear()
            _sites_memo[key] = known
    now = timezone.now()
    return {
        hub_site.site.pk: hub_site
        for hub_site in known
        if hub_site.site.status == Site.Status.ACTIVE or hub_site.site.launch_date_reached(now)
    }


_sites_memo: dict[tuple[int, str, tuple[str, ...]], list[HubSite]] = {}


def _shown(entries: QuerySet, sites: dict[int, HubSite]) -> QuerySet:
    """Entries of the sites shown, written as the few sites left out (drafts,
    archived): with 200 ids to match, PostgreSQL read the whole index
    through its site_id index (4,840 upcoming events: 9,584 buffers, 80 ms)
    instead of the range of events not yet ended."""
    hidden = Site.objects.exclude(pk__in=list(sites)).values("pk")
    return entries.exclude(site_id__in=hidden)


def _visible(query, now: datetime):
    return query.exclude(visible_from__gt=now).exclude(visible_until__lt=now.date())


def _when(entry: HubEntry, site: Site, language: str) -> str:
    """An entry's date as its site shows it: local to the event (or the
    site), so an all-day Expo from midnight in China is not a day early."""
    if entry.dated_at is None:
        return ""
    zone = ZoneInfo(entry.time_zone or site.time_zone)
    first = entry.dated_at.astimezone(zone).date()
    if entry.kind != "event":
        return format_date(first, language)
    last = (entry.ends_at or entry.dated_at).astimezone(zone).date()
    return format_range(first, max(first, last), language)


@dataclass(frozen=True)
class CoHost:
    name: str  # its short name in the visitor's language
    url: str  # the event on that site (a copy at the same address)
    language: str  # the language the visitor reads it in there
    full_name: str = ""  # in a title


def _cohosts(entry: HubEntry, by_code: dict[str, HubSite]) -> list[CoHost]:
    """The launched sites that still co-host ``entry``'s event (one that
    declined is gone from ``shared_with``), in no query."""
    found = []
    for code in entry.shared_with:
        host = by_code.get(code)
        if host is None:
            continue
        with translation.override(host.language):
            path = reverse(entry.url_name, kwargs=entry.url_kwargs, urlconf=settings.ROOT_URLCONF)
        found.append(
            CoHost(
                name=host.short_name,
                url=site_url(host.site, path),
                language=host.language,
                full_name=host.name,
            )
        )
    return found


def _preferred(
    entries: Iterable[HubEntry], sites: dict[int, HubSite], language: str, accepted: Sequence[str]
) -> list[HubEntry]:
    """Each entry in the language its visitor would rather read it in: the
    visitor's, else the first their browser accepts that the item is
    written in (and its site offers), else English, as on the sites
    themselves (a Russian reader got Chinese titles of items that had
    English), else the row the index serves them (the site's default). The lists are read in the visitor's rows (which
    order is the same in every language); the few rows shown are swapped in
    one query, and only when some item needs it."""
    entries = list(entries)
    wanted: dict[int, str] = {}
    for entry in entries:
        offered = sites[entry.site_id].site.languages
        better = next(
            (
                code
                for code in (language, *accepted, BRIDGE_LANGUAGE)
                if code in entry.languages and code in offered
            ),
            None,
        )
        if better and better != entry.language:
            wanted[entry.pk] = better
    if not wanted:
        return entries
    by_key = {(e.site_id, e.kind, e.object_id): e for e in entries if e.pk in wanted}
    match = Q()
    for (site_id, kind, object_id), entry in by_key.items():
        match |= Q(site_id=site_id, kind=kind, object_id=object_id, language=wanted[entry.pk])
    swapped = {
        (row.site_id, row.kind, row.object_id): row
        for row in HubEntry.objects.filter(match).only(*SHOWN_COLUMNS)
    }
    return [swapped.get((e.site_id, e.kind, e.object_id), e) for e in entries]


def _items(
    entries: list[HubEntry],
    sites: dict[int, HubSite],
    language: str,
    words: list[str] = (),
) -> list[HubItem]:
    """Rows already in the language each is shown in (:func:`_preferred`),
    as the hub shows them."""
    labels = dict(kinds())
    by_code = {s.code: s for s in sites.values()}
    items = []
    for entry in entries:
        hub_site = sites[entry.site_id]
        with translation.override(entry.language):
            path = reverse(entry.url_name, kwargs=entry.url_kwargs, urlconf=settings.ROOT_URLCONF)
        text = entry.body or entry.title
        items.append(
            HubItem(
                site=hub_site,
                kind=entry.kind,
                label=str(labels.get(entry.kind, entry.kind)),
                title=entry.title,
                title_language=entry.title_language,
                snippet=highlight(text, list(words)) if words else text[:180],
                snippet_language=entry.body_language if entry.body else entry.title_language,
                url=site_url(hub_site.site, path),
                language=language,
                dated_at=entry.dated_at,
                reads=entry.language,
                when=_when(entry, hub_site.site, language),
                cohosts=_cohosts(entry, by_code),
            )
        )
    return items


def gathered(
    language: str,
    *,
    accepted: Sequence[str] = (),
    per_list: int = PER_LIST,
    now: datetime | None = None,
) -> Gathered:
    """The hub page's lists: five queries whatever the number of sites (a
    sixth when an item is shown in a language the browser accepts), and the
    HOME_SITES sites the visitor most likely wants."""
    now = now or timezone.now()
    sites = public_sites(language, accepted)
    base = _visible(_shown(HubEntry.objects.filter(serves__contains=[language]), sites), now).only(
        *SHOWN_COLUMNS
    )
    news = base.filter(kind="article").order_by(F("dated_at").desc(nulls_last=True), "-id")[
        :per_list
    ]
    # Newest first by the date the sites themselves list them by (when posted):
    # the moment an entry reached the index says nothing of its age (a site
    # loaded or restored in bulk), and a NULL must not sort first.
    listings = base.filter(kind="opportunity").order_by(F("dated_at").desc(nulls_last=True), "-id")[
        :per_list
    ]
    events = _next_events(base, now, sites=sites, limit=per_list)
    news, listings = list(news), list(listings)
    # The three lists' rows in the visitor's preferred languages at once.
    shown = _preferred([*news, *listings, *events], sites, language, accepted)
    news, listings, events = (
        shown[: len(news)],
        shown[len(news) : len(news) + len(listings)],
        shown[len(news) + len(listings) :],
    )
    return Gathered(
        sites=likely_first(sites.values(), language, accepted)[:HOME_SITES],
        news=_items(news, sites, language),
        listings=_items(listings, sites, language),
        events=_items(events, sites, language),
        site_count=len(sites),
    )


def _events(
    entries: QuerySet, now: datetime, *, sites: dict[int, HubSite], past: bool = False
) -> QuerySet:
    """Events that have not ended (soonest first), or have (latest first): an
    Expo in its third day is still upcoming, as on each site's own list. A
    co-hosted event is listed once, from its origin (when that is shown)."""
    entries = (
        entries.filter(kind="event")
        .exclude(copy_of__in=[s.code for s in sites.values()])
        .alias(until=Coalesce("ends_at", "dated_at"))
    )
    if past:
        # Started before now too (it ended before): the date index is read
        # from now backwards, in its own order, instead of every past event
        # being sorted.
        return entries.filter(until__lt=now, dated_at__lt=now).order_by(
            F("dated_at").desc(nulls_last=True), "-id"
        )
    return entries.filter(until__gte=now).order_by("dated_at", "id")


class Upcoming:
    """Events not yet ended, soonest start first, as a list to page
    (``upcoming[start:stop]``, ``len``) read as two short ranges: those
    running now (started, not ended), then those to come in start order. In
    one query PostgreSQL read every event not yet ended (14,500 at 200
    sites) to sort them for a page (26 ms); in start order alone it walked
    every past event first."""

    def __init__(self, upcoming: QuerySet, now: datetime) -> None:
        self._running_query = upcoming.filter(dated_at__lt=now)
        self._later = upcoming.filter(dated_at__gte=now)
        self._running: list[HubEntry] | None = None

    def running(self) -> list[HubEntry]:
        if self._running is None:
            # In the order of their end, which the index holds; few run at
            # once, sorted by start here.
            found = self._running_query.order_by("until", "dated_at")[:RUNNING]
            self._running = sorted(found, key=lambda e: (e.dated_at, e.pk))
        return self._running

    def __getitem__(self, part: slice) -> list[HubEntry]:
        start, stop = part.start or 0, part.stop
        running = self.running()
        shown = running[start:stop]
        if stop is None or stop > len(running):
            later = self._later[
                max(0, start - len(running)) : None if stop is None else stop - len(running)
            ]
            shown += list(later)
        return shown

    def count_up_to(self, most: int) -> int:
        running = len(self.running())
        return running + self._later[: max(0, most - running)].count()


def _next_events(
    entries: QuerySet, now: datetime, *, sites: dict[int, HubSite], limit: int
) -> list[HubEntry]:
    """The first ``limit`` events not yet ended (:class:`Upcoming`)."""
    return Upcoming(_events(entries, now, sites=sites), now)[:limit]


def next_change(now: datetime) -> datetime | None:
    """The next moment an item of the hub's lists starts showing, or an
    event starts or ends (``web.page_cache`` keeps hub pages until then)."""
    moments = HubEntry.objects.aggregate(
        shown=Min("visible_from", filter=Q(visible_from__gt=now)),
        start=Min("dated_at", filter=Q(kind="event", dated_at__gt=now)),
        end=Min("ends_at", filter=Q(kind="event", ends_at__gt=now)),
    )
    return min((m for m in moments.values() if m is not None), default=None)


def events(
    language: str, sites: dict[int, HubSite], *, past: bool = False, now: datetime | None = None
) -> "QuerySet | Upcoming":
    """Every launched site's upcoming (:class:`Upcoming`) or past events for
    a visitor of ``language``, as index entries: page them (count them with
    :func:`count_up_to`), then :func:`items`."""
    now = now or timezone.now()
    entries = _shown(HubEntry.objects.filter(serves__contains=[language]), sites)
    found = _events(_visible(entries, now), now, sites=sites, past=past).only(*SHOWN_COLUMNS)
    return found if past else Upcoming(found, now)


def count_up_to(entries: "QuerySet | Upcoming", most: int) -> int:
    """How many of :func:`events`' entries there are, counting no more than ``most``."""
    if isinstance(entries, Upcoming):
        return entries.count_up_to(most)
    return entries[:most].count()


def items(
    entries, sites: dict[int, HubSite], language: str, accepted: Sequence[str] = ()
) -> list[HubItem]:
    """Index entries as the hub shows them (their site, a link in the
    visitor's language or one their browser accepts)."""
    return _items(_preferred(entries, sites, language, accepted), sites, language)


@dataclass(eq=False)
class HubPage:
    query: str
    items: list[HubItem]
    total: int
    capped: bool
    number: int
    per_page: int
    understood: HubUnderstanding = field(default_factory=HubUnderstanding)
    has_next: bool = False  # matches after this page

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def search(
    query: str,
    *,
    language: str,
    kind: str = "",
    site_code: str = "",
    page: int = 1,
    per_page: int = PER_PAGE,
    now: datetime | None = None,
    sites: dict[int, HubSite] | None = None,
    accepted: Sequence[str] = (),
) -> HubPage:
    """Page ``page`` of what ``query`` finds on every launched site for a
    visitor of ``language``: the words in the text they read there, then a
    product the words name (by a name in any language, or by its code).
    ``sites``: :func:`public_sites` when the caller has them. Two round
    trips (and the sites, unless remembered): the matches (the page's and a
    count, ``search.newest``), the page's rows."""
    now = now or timezone.now()
    words = query_tokens(query)
    understood = understand(words) if words else HubUnderstanding()
    sites = public_sites(language, accepted) if sites is None else sites
    if site_code:
        sites_searched = [pk for pk, s in sites.items() if s.code == site_code]
    else:
        sites_searched = list(sites)
    if not (words or kind or site_code) or not sites_searched:
        return HubPage(query, [], 0, False, page, per_page, understood)
    origins = [s.code for s in sites.values()]
    start = (page - 1) * per_page
    # One more than the page: whether there is a next one.
    limit = min(start + per_page + 1, CAP + 1)
    ranked, total, capped = _ranked(
        words, understood, language, sites_searched, kind, now, origins, limit=limit
    )
    chosen = [pk for pk, _tier in ranked[start : start + per_page]]
    by_pk = {e.pk: e for e in HubEntry.objects.filter(pk__in=chosen).only(*SHOWN_COLUMNS)}
    # Product names whole: their syllables alone ("ca" of "cà phê") would
    # mark the inside of unrelated words.
    # The typed words last: the last of them is matched by prefix, as the search does.
    highlighted = [*understood.phrases, *words]
    rows = _preferred([by_pk[pk] for pk in chosen if pk in by_pk], sites, language, accepted)
    items = _items(rows, sites, language, highlighted)
    return HubPage(
        query, items, total, capped, page, per_page, understood,
        has_next=len(ranked) > start + per_page,
    )  # fmt: skip


def _unless(others) -> tuple[str, list[str]]:
    """SQL that leaves out text where a term is only part of another product's
    longer term ("kelapa" inside "kelapa sawit"), and its parameters."""
    others = list(others)
    pieces = " ".join(["&& !! phraseto_tsquery('simple', unaccent(%s))"] * len(others))
    return (f" {pieces}" if pieces else ""), [document_text(other) for other in others]


def _ranked(
    words, understood, language, site_ids, kind, now, origins, *, limit: int
) -> tuple[list[tuple[int, int]], int, bool]:
    """``(entry id, tier)`` of the first ``limit`` (at least) matches, best
    tier first, newest first within it; how many match (at most CAP); and
    whether that is a lower bound. Each tier is read newest first through
    the date index at a bounded cost (``search.newest``), as a site's search."""
    table = connection.ops.quote_name(HubEntry._meta.db_table)
    # A co-hosted event's copies give way to its origin when the hub shows it.
    base = (
        "d.serves @> ARRAY[%s]::varchar[] AND d.site_id = ANY(%s)"
        " AND (d.visible_from IS NULL OR d.visible_from <= %s)"
        " AND (d.visible_until IS NULL OR d.visible_until >= %s)"
        " AND NOT (d.copy_of = ANY(%s::varchar[]))"
    )
    base_params: list = [language, site_ids, now, now.date(), origins]
    if kind:
        base += " AND d.kind = %s"
        base_params.append(kind)
    tiers: list[Condition] = []

    def add(tier: int, where: str, where_params: list) -> None:
        tiers.append(Condition(tier, f"{base} AND {where}", [*base_params, *where_params]))

    if words:
        query_sql, query_params = safe_tsquery(words)
        unless_sql, unless_params = _unless(understood.query_unless)
        # (SELECT …): the query made once, not again for every row the probe reads.
        add(1, f"d.vector @@ (SELECT {query_sql}{unless_sql})", [*query_params, *unless_params])
    if understood.phrases:
        pieces, phrase_params = [], []
        for phrase in understood.phrases:
            unless_sql, unless_params = _unless(understood.unless.get(phrase, ()))
            pieces.append(f"(phraseto_tsquery('simple', unaccent(%s)){unless_sql})")
            phrase_params += [document_text(phrase), *unless_params]
        add(2, f"d.vector @@ (SELECT {' || '.join(pieces)})", phrase_params)
    if understood.codes:
        add(3, "d.products && %s::varchar[]", [understood.codes])
    if not words:
        add(4, "TRUE", [])
    found = newest(table, tiers, scope="TRUE", scope_params=[], limit=limit, cap=CAP)
    rows, total, capped = rank(found, CAP)
    return [(pk, tier) for pk, tier, _dated in rows], total, capped
