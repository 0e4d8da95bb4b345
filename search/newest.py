"""The newest rows that match a condition, and how many there are, at a cost
that does not grow with the number of matches: the SQL under the site's
search (``search.query``) and the hub's search across sites (``hub.gather``).

A full-text match read through its GIN index gives every match at once, in
no useful order: a word in half the documents ("Việt Nam", "trade") made
PostgreSQL fetch and sort 47,000 rows to show twenty. Read the other way,
newest first through a date index with the match as a filter, the same
query stops after its first page, but a rare word would read the whole
table. So both, per shelf (one kind of content in the reader's language):

1. the probe: the shelf's newest rows, at most ``probe_size(limit)`` of
   them, in date order through the index, each given the best tier it
   matches (title, text, …). It stops early once the shelf holds ``limit``
   rows of its first tier (a deep page reads as far as its matches go, not
   its whole allowance), and gives up after ``MIN_PROBE // EMPTY_SHARE``
   rows that match nothing (the shelf is then left to the text index);
2. only for a tier that found fewer than ``limit`` in a shelf whose rows it
   did not read whole: every match of that tier in that shelf through the
   text index, which holds the shelf beside the words (so a word absent from
   the shelf is found absent there, however common it is elsewhere), counted,
   the newest ``cap + 1`` kept.

Shelves, because the newest rows of a language are not a sample of it: on
a Chinese reader's site at 100,000 articles the newest 65,000 documents were
listings shown in English, the probe found no Chinese word in them, and the
text index then sorted the 24,000 articles holding 海关 (294 ms at p95).

How many match is known exactly when the probe read every row of each shelf
or the rare path ran; otherwise the probe's matches are a lower bound ("more
than 312"), or the cap ("more than 1,000"). Nothing reads more than
``probe_size`` rows of a shelf in date order, and the sorted path runs only
for matches rare in their shelf, so a query costs about the same whether it
matches 50 documents or 50,000, and whichever kind the newest are.
``bench/content.py`` prints the figures.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter

from django.db import connection
from psycopg2.extensions import TRANSACTION_STATUS_INERROR

from tenants import server_prepared

#: Rows read in date order per row wanted before the matches are taken to be
#: rare and read through the text index instead, with at least MIN_PROBE and
#: at most MAX_PROBE (a deep page of a middling word). Reading a row in date
#: order costs about one buffer; a rare match read through the text index
#: about one buffer too, plus the sort: the two paths cost the same at a
#: frequency of about 1/PROBE_PER_ROW on a 200,000-row language.
PROBE_PER_ROW = 100
MIN_PROBE = 2_000
MAX_PROBE = 20_000

#: Rows a costly condition (a look-up per row: four index buffers) reads in
#: date order per row wanted, at most. It finds its newest ``limit`` there
#: when at least one row in this many matches; rarer, it is read through the
#: text index. "hat dieu" looked 2,100 articles up one by one (8,400
#: buffers) to learn that none names cashew in any language, which the text
#: index says in 140.
COSTLY_PER_ROW = 15

#: Rows per row wanted that a small costly shelf looks up one by one before
#: its matches are taken to be rarer and read through the text index
#: (``_costly_small``). Through the index alone, "gạo" (in every article of
#: the benchmark's site) sorted 1,000 matches: ~36 ms of PostgreSQL's CPU
#: against ~23 looking 21 rows up; 3 cost "cà phê" (one article in ten)
#: ~3 ms more in look-ups that found no page.
COSTLY_LOOK = 1

#: A small costly shelf of at most this many times the rows it would look up
#: one by one (``COSTLY_LOOK``) is read through the text index alone: its
#: matches are too few to sort at a cost (100 listings a language against
#: 21 look-ups for a first page).
COSTLY_SORTED = 5

#: A shelf is given up to the text index when its first MIN_PROBE //
#: EMPTY_SHARE rows match nothing: a word there once in 100 rows is missed
#: that way once in 150 searches, and then costs a sort of its matches.
EMPTY_SHARE = 4


#: A shelf of at most this many rows (and at most the cap) is read through
#: the text indexes, its matching rows only, not row by row in date order:
#: the probe would read it whole (it has fewer than MIN_PROBE rows), so both
#: ways find the same rows, tiers and counts.
SMALL_SHELF = MIN_PROBE - 1


def costly_probe_size(limit: int) -> int:
    return min(MAX_PROBE, limit * COSTLY_PER_ROW)


#: The order results are shown in, which the date indexes serve.
NEWEST_FIRST = "{a}.dated_at DESC NULLS LAST, {a}.id DESC"


def probe_size(limit: int) -> int:
    return min(MAX_PROBE, max(MIN_PROBE, limit * PROBE_PER_ROW))


@dataclass(frozen=True)
class Condition:
    """One tier of a search, or one shelf of a tier: SQL over ``d`` (the
    table's alias) and its parameters. ``rare`` is the same condition
    written for the text index (an ``IN`` that PostgreSQL reads through it)
    when ``match`` is written for one row at a time (an ``EXISTS``); empty
    when it is the same. ``within`` narrows the rows the probe reads in date
    order to one shelf (``d.kind = %s``, read through an index that starts
    with it); several conditions of one tier, one per shelf, are read apart
    and merged."""

    tier: int
    match: str
    params: list
    rare: str = ""
    rare_params: list | None = None
    within: str = ""
    within_params: list = field(default_factory=list)
    #: Dear to compute row by row (a look-up per row): probed apart from the
    #: shelf's other tiers, and only when every earlier tier is known whole.
    costly: bool = False
    #: The rows of the shelf in ``scope`` (all of them, public or not), when
    #: known for certain, capped at SMALL_SHELF + 1: none leaves the shelf
    #: out of the statement, a small one is read through the text index
    #: alone, a larger one row by row alone. None: counted in the statement
    #: (``sizeN``), which then holds both ways.
    shelf_rows: int | None = None
    #: The tier of the shelf's condition that holds wherever this one does
    #: (a title's words are in its document's text). When both are rare,
    #: this one's matches are picked out of that one's, row by row (its
    #: ``match``), not read through an index of their own: at 100,000
    #: articles each title-index read cost 2-2.5 ms even when it found
    #: nothing (``_rare``).
    inside: int | None = None


@dataclass
class Found:
    """What one condition found: the newest ``limit`` matches (or more, up
    to the cap, when the probe found them), and how many match: exactly
    (``exact``), or at least ``count``."""

    tier: int
    rows: list[tuple[int, datetime | None]]
    count: int
    exact: bool


def newest(
    table: str,
    conditions: list[Condition],
    *,
    scope: str,
    scope_params: list,
    limit: int,
    cap: int,
    common: str = "",
    common_params: list | None = None,
) -> list[Found]:
    """For each tier of ``conditions``, in order: its newest ``limit`` rows
    of ``table`` in ``scope`` (what the date index is read by: ``d.language
    = %s`` on a site, ``TRUE`` on the hub), newest first, and how many match
    (up to ``cap + 1``). A tier after one whose matches were not all read
    (more than ``cap``, or ``limit`` and more in the probe's allowance) is
    not read: the first ``limit`` results are all before it. It comes back
    empty and inexact.

    Conditions with the same ``within`` form a shelf (one kind of content),
    read in its own date order by one probe that gives each row the best
    tier it matches. Each shelf's tiers are then taken to be rare or not on
    their own: a word common in a site's articles but absent from the newer
    listings is found among the articles by their date index, not sorted
    out of every match because the newest listings hold none. Each shelf's
    newest ``limit`` hold the tier's newest ``limit``, so merging them gives
    the tier's first page.

    One round trip for the probes of every shelf, and a second only if some
    tier of a shelf is rare. (In one statement, an unused rare path still
    cost PostgreSQL ~10 ms starting the parallel workers of its plan.)

    ``common`` (SQL over ``d``, with ``common_params``) is what a row must
    also be to match any condition (public, visible, the filters): written
    once a read rather than into every tier's ``match`` and ``rare``, where
    a site's search repeated it 32 times (5 kB of the 'cà phê' statement,
    parsed and planned each time)."""
    common_params = common_params or []
    if not conditions:
        return []
    tiers = sorted({c.tier for c in conditions})
    # A shelf known empty is read by nothing: its probe found nothing, read
    # whole (each costs PostgreSQL about a tenth of the statement's planning).
    conditions = [c for c in conditions if c.shelf_rows != 0]
    if not conditions:
        return [Found(tier, [], 0, True) for tier in tiers]
    probe = probe_size(limit)
    shelves: dict[tuple, list[int]] = {}
    # The cheap conditions' probes first: the costly ones' guard reads them.
    for part, condition in sorted(enumerate(conditions), key=lambda pc: pc[1].costly):
        key = (condition.within, tuple(condition.within_params), condition.costly)
        shelves.setdefault(key, []).append(part)
    ctes, selects, params = [], [], []
    # Each distinct guard once, in a CTE of its own that every costly shelf
    # reads: written into each shelf, PostgreSQL planned and ran its
    # subqueries once a shelf (a product search on a site with five kinds:
    # 265 subplans, 3.5 ms of planning, against 30 for a plain word).
    guards: dict[str, str] = {}
    guard_of: dict[tuple, tuple[str, list]] = {}  # each guard written once: shelves share them
    for number, parts in enumerate(shelves.values()):
        guard = "TRUE"
        if conditions[parts[0]].costly:
            first = min(conditions[p].tier for p in parts)
            earlier = [
                (n, conditions[p].tier)
                for n, ps in enumerate(shelves.values())
                if not conditions[ps[0]].costly
                for p in ps
                if conditions[p].tier < first
            ]
            key = tuple(earlier)
            if key not in guard_of:
                guard_of[key] = _known_whole(earlier, limit=limit, cap=cap) if earlier else ("", [])
            known, known_params = guard_of[key]
            if known:
                if known not in guards:
                    guards[known] = f"whole{len(guards)}"
                    ctes.append(f"{guards[known]} AS MATERIALIZED ({known})")
                    params.extend(known_params)
                guard = f"(SELECT w.ok FROM {guards[known]} w)"
        sql, shelf_params, select = _probe(
            table,
            number,
            [conditions[p] for p in parts],
            scope,
            scope_params,
            probe,
            cap,
            guard,
            limit=limit,
            common=common,
            common_params=common_params,
        )
        ctes.append(sql)
        params.extend(shelf_params)
        selects.append(select)
    statement = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(selects)
    rows = run_probe(statement, params)
    read: dict[int, list[tuple[int, int, datetime | None]]] = {n: [] for n in range(len(shelves))}
    counted: dict[tuple[int, int | None], int] = {}
    stopped: dict[int, int] = {}  # the rows each probe was allowed to read
    for number, pk, dated, tier, count in rows:
        if pk is None and tier == _STOPPED:
            stopped[number] = count
        elif pk is None:
            counted[number, tier] = count
        else:
            read[number].append((tier, pk, dated))
    # Fewer rows than it was allowed: every row of the shelf was read.
    whole = {
        number: sum(c for (n, _t), c in counted.items() if n == number) < stopped[number]
        for number in range(len(shelves))
    }
    merged = {tier: Found(tier, [], 0, True) for tier in tiers}
    rare: list[int] = []
    before_whole = True
    for tier in tiers:
        found = merged[tier]
        for number, parts in enumerate(shelves.values()):
            part = next((p for p in parts if conditions[p].tier == tier), None)
            if part is None:
                continue
            hits = [(pk, dated) for t, pk, dated in read[number] if t == tier]
            matched = counted.get((number, tier), 0)
            if not before_whole:
                # After a tier that holds the page: what the probe found is
                # kept, as matches to count (ranked after the earlier tier's
                # page, never shown), but the tier is not read further.
                found.rows += hits
                found.count += matched
                found.exact = False
            elif whole[number]:
                found.rows += hits
                found.count += matched
                found.exact = found.exact and matched <= cap
            elif matched >= limit:  # the newest ``limit`` are among the rows read
                found.rows += hits
                found.count += matched
                found.exact = False
            else:  # rare in this shelf: every match through the text index
                rare.append(part)
        before_whole = found.exact
    if rare:
        rare_rows = _rare(table, conditions, rare, scope, scope_params, cap, common, common_params)
        for part, pk, dated, total in rare_rows:
            found = merged[conditions[part].tier]
            if pk is None:
                found.count += total
            else:
                found.rows.append((pk, dated))
    return [merged[tier] for tier in tiers]


def run_probe(statement: str, params: list) -> list[tuple]:
    """The rows of the probe ``statement``, as a statement prepared on the
    connection (``tenants.server_prepared``): the same text serves every
    query of its shape (the words are parameters), and PostgreSQL parses
    and plans it once, not on every search.

    PostgreSQL keeps a generic plan only where it costs no more than
    planning for the words at hand (``plan_cache_mode = auto``). On
    bench/http.py's site (1,000 articles) it keeps one: PostgreSQL's CPU
    for "cà phê" 11.5 → 4.3 ms a search (most of it was parsing and
    planning the 20 kB statement). At 100,000 articles (bench/content.py,
    twelve words of one shape and another alternating on one connection)
    it kept planning for each word: the same CPU as unprepared, and the
    same results. (Session 13 left the probe unprepared after PostgreSQL
    picked generic plans that ran 5-12x longer at 100,000, for the
    statement of then; tests/search/test_newest.py checks that each word
    gets the same results either way, and bench/content.py times it.)"""
    with connection.cursor() as cursor:
        server_prepared.execute(cursor, statement, params)
        return cursor.fetchall()


def by_id(table: str, columns: list[str], ids: list[int]) -> list[tuple]:
    """``columns`` (SQL over ``d``) of the rows of ``table`` with these ids,
    in no order: a page's rows once its ids are ranked. Through the ORM
    (``values_list``), building and compiling the same SELECT each time was
    ~0.5 ms of the search page's CPU (/work/tools/buckets.py)."""
    with connection.cursor() as cursor:
        server_prepared.execute(
            cursor, f"SELECT {', '.join(columns)} FROM {table} d WHERE d.id = ANY(%s)", [ids]
        )
        return cursor.fetchall()


def _known_whole(earlier: list[tuple[int, int]], *, limit: int, cap: int) -> tuple[str, list]:
    """A SELECT of one row, ``ok``, and its values: true when each ``(shelf probe, tier)``
    of ``earlier`` is known whole from its probe: read to the end, or rare
    (then read through the text index). When one is not, its page is full
    and later tiers are not wanted: a costly probe guarded by this reads
    nothing (the old ``wanted`` chain of one probe per tier).

    Each shelf's probe is counted once, every tier in the same pass
    (``FILTER``): a subquery per tier and question was 24 subplans for a
    word on a site of four kinds, ~1 ms of PostgreSQL's planning of the
    'cà phê' statement (log_planner_stats)."""
    if not earlier:
        return "SELECT TRUE AS ok", []
    shelves: dict[int, list[int]] = {}
    for n, t in earlier:
        shelves.setdefault(int(n), []).append(int(t))
    unknown, params = [], []
    for n, tiers in shelves.items():
        counts = ", ".join(f"count(*) FILTER (WHERE p.tier = {t}) AS t{t}" for t in tiers)
        full = " OR ".join(
            f"c.t{t} > {int(cap)}"
            # Read as far as it was allowed: stopped, not at the shelf's end.
            f" OR (c.rows >= s.rows AND c.t{t} >= %s)"
            for t in tiers
        )
        params += [limit] * len(tiers)  # the page's limit a value: one statement for every page
        unknown.append(
            f"(SELECT {full} FROM (SELECT {counts}, count(*) AS rows FROM probe{n} p) c, stop{n} s)"
        )
    return f"SELECT NOT ({' OR '.join(unknown)}) AS ok", params


#: The tier of a probe's bookkeeping row: how many rows it was allowed to read.
_STOPPED = -1


def _probe(
    table: str,
    number: int,
    conditions: list[Condition],
    scope: str,
    scope_params: list,
    probe: int,
    cap: int,
    guard: str = "TRUE",
    *,
    limit: int,
    common: str = "",
    common_params: list | None = None,
) -> tuple[str, list, str]:
    """The CTEs (and their parameters) of one shelf's probe, and the SELECT
    of its rows (id, date, best tier), of how many rows of each tier it read
    and of how many it was allowed to read."""
    order = NEWEST_FIRST.format(a="d")
    n = int(number)
    within = conditions[0].within
    if within:
        scope = f"{scope} AND {within}"
        scope_params = [*scope_params, *conditions[0].within_params]
    ranked = sorted(conditions, key=lambda c: c.tier)
    first = int(ranked[0].tier)
    # The best tier a row matches; later tiers' conditions are computed only
    # for rows the earlier ones leave.
    best = "CASE " + " ".join(f"WHEN ({c.match}) THEN {int(c.tier)}" for c in ranked) + " END"
    best_params = [param for c in ranked for param in c.params]
    common_params = common_params or []
    if common:  # a row that is not ``common`` matches no tier
        best = f"CASE WHEN ({common}) IS NOT TRUE THEN NULL ELSE {best} END"
        best_params = [*common_params, *best_params]
    costly = ranked[0].costly
    if costly:
        probe = costly_probe_size(limit)

    def read(also: str = "") -> str:
        # ORDER BY and LIMIT make PostgreSQL read the date index (the tiers
        # are computed on its rows only), lazily: only as far as ``probe{n}``
        # asks. Built, not .format()ted: the pieces are SQL that may hold braces.
        return (
            f"SELECT d.id, d.dated_at, {best} AS tier FROM {table} d"
            f" WHERE {scope} AND {guard}{also} ORDER BY {order} LIMIT %s"
        )

    rows = ranked[0].shelf_rows
    small = min(SMALL_SHELF, MIN_PROBE - 1, cap)
    if costly and rows is not None and rows <= small and len(ranked) == 1 and ranked[0].rare:
        return _costly_small(
            table,
            n,
            ranked[0],
            scope,
            scope_params,
            probe,
            rows,
            guard,
            limit=limit,
            cap=cap,
            common=common,
            common_params=common_params,
        )
    if costly:
        ctes = [f"read{n} AS MATERIALIZED ({read()})"]
        params = [*best_params, *scope_params, probe]
    elif rows is not None:
        # Its size known (kept per site generation): one way only, so
        # PostgreSQL plans one read, not both and the count that chooses.
        either, either_params = _either_sql(ranked, common, common_params)
        if rows <= small:
            # Every row read matches: the probe would read the shelf whole
            # (fewer rows than MIN_PROBE, the least it stops at), so it is
            # allowed all of them without a ``stop`` to compute and plan.
            ctes = [
                f"probe{n} AS MATERIALIZED ({read(f' AND ({either})')})",
                f"stop{n} AS MATERIALIZED (SELECT %s::bigint AS rows)",
            ]
            params = [*best_params, *scope_params, *either_params, probe, probe]
            return ", ".join(ctes), params, _probe_selects(n, ranked, cap)
        else:
            ctes = [f"read{n} AS MATERIALIZED ({read()})"]
            params = [*best_params, *scope_params, probe]
    else:
        # A small shelf (SMALL_SHELF): its matching rows alone, through the
        # text indexes (``rare``). Row by row, the 1,000 articles of a
        # benchmark site cost 6 of the search statement's ~12 ms; through
        # the index, the 100 that matched ~1 ms. Which way is decided in
        # SQL, after counting at most ``small + 1`` index entries.
        either, either_params = _either_sql(ranked, common, common_params)
        ctes = [
            f"size{n} AS MATERIALIZED (SELECT count(*) <= %s AS small FROM"
            f" (SELECT 1 FROM {table} d WHERE {scope} LIMIT %s) x)",
            f"read{n} AS MATERIALIZED (({read(f' AND NOT (SELECT z.small FROM size{n} z)')})"
            f" UNION ALL ({read(f' AND (SELECT z.small FROM size{n} z) AND ({either})')}))",
        ]
        params = [small, *scope_params, small + 1]
        params += [*best_params, *scope_params, probe]
        params += [*best_params, *scope_params, *either_params, probe]
    # The shelf is read until it holds ``limit`` rows of its first tier
    # (the newest ``limit`` of that tier, which is all a page within
    # ``limit`` can show of this shelf), but never fewer than MIN_PROBE rows
    # (what a first page reads, and counts by) unless the tier is costly.
    # Every row up to there is read: a stop after so many matches of any
    # tier would leave an earlier tier's page unknown when a later tier
    # matches nearly everything (a word in every body, in few titles). Page
    # 10 of "rice tariffs" read 20,000 rows a shelf for the 201 titles it
    # needed, found in the newest 4,300. (A materialized CTE is read in the
    # order it was written, so the row numbers follow the date order.)
    floor = 0 if costly else MIN_PROBE
    # A shelf whose first EMPTY_AFTER rows match no tier at all holds the
    # words rarely, if ever: it is left there for the text index, which says
    # so in a few pages. A Chinese word searched by a Vietnamese reader read
    # 2,000 rows of each shelf of each language it was tried in (the page
    # offers the other languages) to find none.
    empty_after = probe if costly else min(probe, max(1, MIN_PROBE // EMPTY_SHARE))
    ctes.append(
        f"stop{n} AS MATERIALIZED (SELECT LEAST(%s, CASE WHEN EXISTS (SELECT 1 FROM"
        f" (SELECT p.tier FROM read{n} p LIMIT %s) e WHERE e.tier IS NOT NULL)"
        f" THEN GREATEST(%s, COALESCE("
        f"(SELECT r.at FROM (SELECT row_number() OVER () AS at, p.tier FROM read{n} p) r"
        f" WHERE r.tier = {first} OFFSET %s LIMIT 1), %s)) ELSE %s END) AS rows)"
    )
    params += [probe, empty_after, floor, max(limit - 1, 0), probe, empty_after]
    ctes.append(
        f"probe{n} AS MATERIALIZED (SELECT * FROM read{n} LIMIT (SELECT s.rows FROM stop{n} s))"
    )
    return ", ".join(ctes), params, _probe_selects(n, ranked, cap)


def _either_sql(conditions: list[Condition], common: str, common_params: list) -> tuple[str, list]:
    """SQL (and parameters) true where any of ``conditions`` holds, written
    for the text indexes (``rare``)."""
    either = " OR ".join(f"({c.rare or c.match})" for c in conditions)
    params = [
        param
        for c in conditions
        for param in (c.params if c.rare_params is None else c.rare_params)
    ]
    if common:
        return f"({common}) AND ({either})", [*common_params, *params]
    return either, params


def _probe_selects(n: int, ranked: list[Condition], cap: int) -> str:
    """The SELECT of a shelf's probe (``probe{n}``, ``stop{n}``): each
    tier's newest ``cap + 1``, how many rows of each tier (and of none) were
    read, and how many it was allowed to read."""
    selects = [
        f"(SELECT {n}, p.id, p.dated_at, p.tier, NULL::bigint FROM probe{n} p"
        f" WHERE p.tier = {int(c.tier)} ORDER BY {NEWEST_FIRST.format(a='p')} LIMIT {int(cap) + 1})"
        for c in ranked
    ]
    selects.append(f"SELECT {n}, NULL, NULL, p.tier, count(*) FROM probe{n} p GROUP BY p.tier")
    selects.append(f"SELECT {n}, NULL, NULL, {_STOPPED}, s.rows FROM stop{n} s")
    return " UNION ALL ".join(selects)


def _costly_small(
    table: str,
    n: int,
    condition: Condition,
    scope: str,
    scope_params: list,
    probe: int,
    rows: int,
    guard: str,
    *,
    limit: int,
    cap: int,
    common: str = "",
    common_params: list | None = None,
) -> tuple[str, list, str]:
    """A costly shelf of ``rows`` rows, at most SMALL_SHELF, told as the
    row-by-row probe tells it, at less cost. That probe, allowed ``probe``
    rows, stops at the row of its ``limit``-th match: when that match lies
    within the shelf's newest ``probe`` rows, it keeps those ``limit``
    matches, a lower bound; otherwise it reads the shelf whole (or, allowed
    less, leaves the tier to the text index): every match, counted exactly.

    Here the newest ``COSTLY_LOOK * limit`` rows are looked up one by one
    first (``look{n}``): when they hold ``limit`` matches, that is the
    probe's own stop. Otherwise the matches are rarer than one in
    COSTLY_LOOK, and every one is read through the text index (``rare``)
    instead of a look-up per row: the first ``limit`` of them and as many
    rows allowed (not whole) when the ``limit``-th is within the probe's
    allowance, else every match and one more row allowed (whole).

    On the benchmark's site (1,000 articles, 100 listings and 100
    enterprises a language) "cà phê" looked up 380 rows' translations one
    by one; through the text index, ~6 of PostgreSQL's ~15 ms of execution
    went. Through the text index alone, "gạo" (in every article) sorted
    1,000 matches where the probe looked 21 rows up."""
    order = NEWEST_FIRST.format(a="d")
    tier = int(condition.tier)
    look = min(probe, COSTLY_LOOK * limit)
    rare_params = condition.params if condition.rare_params is None else condition.rare_params
    match, match_params = condition.match, condition.params
    rare = condition.rare
    if common:
        match, match_params = f"({common}) AND ({match})", [*(common_params or []), *match_params]
        rare, rare_params = f"({common}) AND ({rare})", [*(common_params or []), *rare_params]
    if rows <= min(probe, COSTLY_SORTED * look):
        # So few rows that every match through the text index, sorted, costs
        # less than looking the newest ``look`` up one by one first: that
        # look-up only ever ends as the index does when it finds ``limit``
        # matches (the newest ``limit`` rows, all matching, are the newest
        # ``limit`` matches), and the probe reads a shelf within its
        # allowance whole. Without it, each small listing shelf of
        # 'cà phê' cost PostgreSQL ~1 ms less (log_*_stats).
        ctes = [
            f"read{n} AS MATERIALIZED (SELECT h.id, h.dated_at, h.tier FROM"
            f" (SELECT d.id, d.dated_at, {tier} AS tier FROM {table} d"
            f" WHERE {scope} AND {guard} AND ({rare}) OFFSET 0) h ORDER BY {NEWEST_FIRST.format(a='h')})",
            f"stop{n} AS MATERIALIZED (SELECT LEAST(count(*) + 1, %s) AS rows FROM read{n})",
            f"probe{n} AS MATERIALIZED (SELECT * FROM read{n} LIMIT (SELECT s.rows FROM stop{n} s))",
        ]
        params = [*scope_params, *rare_params, limit]
        return ", ".join(ctes), params, _probe_selects(n, [condition], cap)
    ctes = [
        f"look{n} AS MATERIALIZED (SELECT d.id, d.dated_at,"
        f" CASE WHEN ({match}) THEN {tier} END AS tier FROM {table} d"
        f" WHERE {scope} AND {guard} ORDER BY {order} LIMIT %s)",
        f"dense{n} AS MATERIALIZED (SELECT count(*) >= %s AS yes FROM look{n} l"
        f" WHERE l.tier IS NOT NULL)",
        # OFFSET 0: the matches first, through the text index, sorted after.
        f"hits{n} AS MATERIALIZED (SELECT d.id, d.dated_at, {tier} AS tier FROM {table} d"
        f" WHERE {scope} AND {guard} AND NOT (SELECT z.yes FROM dense{n} z)"
        f" AND ({rare}) OFFSET 0)",
        # A materialized CTE is read in the order it was written.
        f"read{n} AS MATERIALIZED ((SELECT l.id, l.dated_at, l.tier FROM look{n} l"
        f" WHERE (SELECT z.yes FROM dense{n} z))"
        f" UNION ALL (SELECT d.id, d.dated_at, d.tier FROM hits{n} d ORDER BY {order}))",
    ]
    params = [*match_params, *scope_params, look, limit, *scope_params, *rare_params]
    # The page's ``limit`` a value, never part of the SQL: one statement for
    # every page of a query (each is prepared: tenants.server_prepared).
    before_limit = max(limit - 1, 0)
    dense = (
        f"(SELECT r.at FROM (SELECT row_number() OVER () AS at, p.tier FROM read{n} p) r"
        f" WHERE r.tier IS NOT NULL OFFSET %s LIMIT 1)"
    )
    stop_params = [before_limit, limit]
    enough = f"(SELECT count(*) FROM read{n}) >= %s"
    if rows > probe:
        # The probe's last row allowed, and the ``limit``-th match: the
        # match at or before it in date order (newest first, undated last).
        ctes.append(
            f"edge{n} AS MATERIALIZED (SELECT d.dated_at, d.id FROM {table} d"
            f" WHERE {scope} ORDER BY {order} OFFSET %s LIMIT 1)"
        )
        params += [*scope_params, probe - 1]
        enough += (
            " AND COALESCE((SELECT CASE WHEN e.dated_at IS NULL"
            " THEN h.dated_at IS NOT NULL OR h.id >= e.id"
            " WHEN h.dated_at IS NULL THEN FALSE"
            " ELSE (h.dated_at, h.id) >= (e.dated_at, e.id) END"
            f" FROM (SELECT r.dated_at, r.id FROM read{n} r OFFSET %s LIMIT 1) h,"
            f" edge{n} e), TRUE)"
        )
        stop_params.append(before_limit)
    ctes.append(
        f"stop{n} AS MATERIALIZED (SELECT CASE WHEN (SELECT z.yes FROM dense{n} z) THEN {dense}"
        f" WHEN {enough} THEN %s ELSE (SELECT count(*) FROM read{n}) + 1 END AS rows)"
    )
    params += [*stop_params, limit]
    ctes.append(
        f"probe{n} AS MATERIALIZED (SELECT * FROM read{n} LIMIT (SELECT s.rows FROM stop{n} s))"
    )
    return ", ".join(ctes), params, _probe_selects(n, [condition], cap)


def _rare(
    table: str,
    conditions: list[Condition],
    parts: list[int],
    scope: str,
    scope_params: list,
    cap: int,
    common: str = "",
    common_params: list | None = None,
) -> list[tuple]:
    """Every match of each rare condition (``parts`` of ``conditions``)
    through the text index, counted, the newest ``cap + 1`` kept: ``(part,
    id, date, None)`` rows and a ``(part, None, None, count)`` row each.

    A condition ``inside`` another rare one of its shelf is picked out of
    that one's matches (a flag computed on each of their rows) instead of
    read through its own index. At 100,000 articles a shelf's title-index
    read cost 2-2.5 ms whatever it found: for 海关 read in Vietnamese GIN
    walked the shelf's 100,000 entries against the word's (the languages'
    documents lie side by side), for "hat dieu" it gathered the 13,000
    titles of every language starting with "dieu" first."""
    hosts = {
        (c.within, tuple(c.within_params), c.tier): part
        for part in parts
        if (c := conditions[part]).inside is None
    }
    inner: dict[int, list[int]] = {}
    for part in parts:
        condition = conditions[part]
        if condition.inside is not None:
            key = (condition.within, tuple(condition.within_params), condition.inside)
            host = hosts.get(key)
            if host is not None:
                inner.setdefault(host, []).append(part)
    picked = {part for inside in inner.values() for part in inside}
    pieces, params = [], []
    order = NEWEST_FIRST.format(a="g")
    for part in parts:
        if part in picked:
            continue
        condition = conditions[part]
        t = int(part)
        rare = condition.rare or condition.match
        rare_params = condition.params if condition.rare_params is None else condition.rare_params
        if common:
            rare, rare_params = f"({common}) AND ({rare})", [*(common_params or []), *rare_params]
        within = f" AND {condition.within}" if condition.within else ""
        inside = [int(p) for p in inner.get(part, [])]
        flags = "".join(f", ({conditions[p].match}) AS in{p}" for p in inside)
        # OFFSET 0 keeps PostgreSQL from reading the date index whole for the
        # ORDER BY: the matches are few, sorted after.
        pieces.append(
            f"(WITH g{t} AS MATERIALIZED (SELECT d.id, d.dated_at{flags} FROM {table} d"
            f" WHERE {scope}{within} AND ({rare}) OFFSET 0)"
            f" (SELECT {t}, g.id, g.dated_at, NULL::bigint FROM g{t} g ORDER BY {order} LIMIT %s)"
            f" UNION ALL SELECT {t}, NULL, NULL, count(*) FROM g{t}"
            + "".join(
                f" UNION ALL (SELECT {p}, g.id, g.dated_at, NULL::bigint FROM g{t} g"
                f" WHERE g.in{p} ORDER BY {order} LIMIT %s)"
                f" UNION ALL SELECT {p}, NULL, NULL, count(*) FROM g{t} g WHERE g.in{p}"
                for p in inside
            )
            + ")"
        )
        params += [param for p in inside for param in conditions[p].params]
        params += [*scope_params, *condition.within_params, *rare_params, cap + 1]
        params += [cap + 1] * len(inside)
    with connection.cursor() as cursor:
        if not any(conditions[part].costly for part in parts):
            cursor.execute(" UNION ALL ".join(pieces), params)
            return cursor.fetchall()
        with _without_workers():
            cursor.execute(" UNION ALL ".join(pieces), params)
            return cursor.fetchall()


@contextmanager
def _without_workers() -> Iterator[None]:
    """Statements planned here get no parallel workers; the connection's
    setting is back as it was after them (sent straight to the server,
    uncounted, as tenants.server_prepared's own statements are).

    For the rare path of a product named in other languages: a semi join of
    the shelf against the product's mentions, which find few rows or none.
    Planned as a parallel hash join (statistics can make it so; bench/
    content.py's "hat dieu", the mentions' side empty) the two workers'
    start cost 6-8 ms of a statement that ran in 0.5 ms without them
    (EXPLAIN ANALYZE, 100,000 articles). Not for the whole connection:
    other statements' parallel scans paid (海关 9.8 -> 15.6 ms without)."""
    connection.ensure_connection()
    raw = connection.connection
    with connection.wrap_database_errors, raw.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_parallel_workers_per_gather'),"
            " set_config('max_parallel_workers_per_gather', '0', false)"
        )
        was = cursor.fetchone()[0]
    try:
        yield
    finally:
        # In a transaction the statement aborted, the rollback undoes the SET.
        if raw.info.transaction_status != TRANSACTION_STATUS_INERROR:
            with connection.wrap_database_errors, raw.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('max_parallel_workers_per_gather', %s, false)", [was]
                )


def newest_first(dated: datetime | None, pk: int) -> tuple:
    """Sort key: newest first, undated last, then the later id first."""
    return (dated is None, -(dated.timestamp()) if dated else 0, -pk)


def _newest_first(rows: list[tuple[int, datetime | None]]) -> list[tuple[int, datetime | None]]:
    """``(id, date)`` rows in :func:`newest_first` order, by two stable sorts
    on the values themselves: its key per row (a tuple and a timestamp) was
    ~0.2 ms of a search's ~1 ms of Python building and ranking (121 rows)."""
    by_id = sorted(rows, key=itemgetter(0), reverse=True)
    dated = [row for row in by_id if row[1] is not None]
    dated.sort(key=itemgetter(1), reverse=True)  # stable: the later id first among equals
    return dated + [row for row in by_id if row[1] is None]


def rank(found: list[Found], cap: int) -> tuple[list[tuple[int, int, datetime | None]], int, bool]:
    """``(id, tier, date)`` of what ``found`` holds, a row once in its best
    tier, best tier first, newest first within it; how many (at most
    ``cap``); and whether that is only a lower bound ("more than").

    A tier read only in part holds at least the ``limit`` rows asked for, so
    a page within ``limit`` lies among the rows read."""
    rows: list[tuple[int, int, datetime | None]] = []
    seen: set[int] = set()
    exact = True
    for tier in sorted(found, key=lambda f: f.tier):
        for pk, dated in _newest_first(tier.rows):
            if pk not in seen:
                seen.add(pk)
                rows.append((pk, tier.tier, dated))
        exact = exact and tier.exact
    return rows[:cap], min(len(seen), cap), not exact or len(seen) > cap
