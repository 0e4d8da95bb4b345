"""The newest rows that match a condition, and how many there are, at a cost
that does not grow with the number of matches: the SQL under the site's
search (``search.query``) and the hub's search across sites (``hub.gather``).

A full-text match read through its GIN index gives every match at once, in
no useful order: a word in half the documents ("Việt Nam", "trade") made
PostgreSQL fetch and sort 47,000 rows to show twenty. Read the other way,
newest first through a date index with the match as a filter, the same
query stops after its first page, but a rare word would read the whole
table. So both, per condition:

1. the probe: the newest rows in scope, at most ``probe_size(limit)`` of
   them, in date order through the index, keeping those that match, until
   ``cap + 1`` are found;
2. only if the probe read its whole allowance and found fewer than
   ``limit``: every match through the text index (there are few: rarer than
   ``limit`` in ``probe_size(limit)`` rows), counted, the newest ``cap + 1``
   kept.

How many match is known exactly when the probe read every row in scope or
the rare path ran; otherwise the probe's matches are a lower bound ("more
than 312"), or the cap ("more than 1,000"). Nothing reads more than
``probe_size`` rows in date order, and the sorted path runs only for rare
matches, so a query costs about the same whether it matches 50 documents or
50,000. ``bench/content.py`` prints the figures.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection

#: Rows read in date order per row wanted before the matches are taken to be
#: rare and read through the text index instead, with at least MIN_PROBE and
#: at most MAX_PROBE (a deep page of a middling word). Reading a row in date
#: order costs about one buffer; a rare match read through the text index
#: about one buffer too, plus the sort: the two paths cost the same at a
#: frequency of about 1/PROBE_PER_ROW on a 200,000-row language.
PROBE_PER_ROW = 100
MIN_PROBE = 2_000
MAX_PROBE = 20_000

#: The order results are shown in, which the date indexes serve.
NEWEST_FIRST = "{a}.dated_at DESC NULLS LAST, {a}.id DESC"


def probe_size(limit: int) -> int:
    return min(MAX_PROBE, max(MIN_PROBE, limit * PROBE_PER_ROW))


@dataclass(frozen=True)
class Condition:
    """One tier of a search: SQL over ``d`` (the table's alias) and its
    parameters. ``rare`` is the same condition written for the text index
    (an ``IN`` that PostgreSQL reads through it) when ``match`` is written
    for one row at a time (an ``EXISTS``); empty when it is the same."""

    tier: int
    match: str
    params: list
    rare: str = ""
    rare_params: list | None = None


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
) -> list[Found]:
    """For each of ``conditions``, in order: its newest ``limit`` rows of
    ``table`` in ``scope`` (what the date index is read by: ``d.language =
    %s`` on a site, ``TRUE`` on the hub), newest first, and how many match
    (up to ``cap + 1``). A condition after one whose matches were not all
    read (more than ``cap``, or ``limit`` and more in the probe's allowance)
    is not read: the first ``limit`` results are all before it. It comes
    back empty and inexact.

    One round trip for the probes of every condition, and a second only if
    some condition is rare. (In one statement, an unused rare path still
    cost PostgreSQL ~10 ms starting the parallel workers of its plan.)"""
    if not conditions:
        return []
    probe = probe_size(limit)
    ctes, selects, params = [], [], []
    # A condition is read only while every one before it is known whole:
    # after one that holds the page and more than is counted (the cap, or
    # a probe's allowance), the results' first ``limit`` are all known and
    # their number is a lower bound anyway.
    wanted = []
    for condition in conditions:
        sql, condition_params, select = _probe(
            table, condition, scope, scope_params, probe, cap, " AND ".join(wanted) or "TRUE"
        )
        ctes.append(sql)
        params.extend(condition_params)
        selects.append(select)
        t = int(condition.tier)
        wanted.append(
            f"NOT ((SELECT n FROM hits{t}) > {int(cap)} OR ((SELECT n FROM hits{t}) >= {int(limit)}"
            f" AND (SELECT n FROM scanned{t}) >= {probe}))"
        )
    statement = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(selects)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    by_tier = {c.tier: Found(c.tier, [], 0, True) for c in conditions}
    rare = []
    for tier, pk, dated, hits, scanned, read in rows:
        found = by_tier[tier]
        if pk is not None:
            found.rows.append((pk, dated))
        elif not read:  # after a condition that holds the page
            found.count, found.exact = 0, False
        elif hits < limit and scanned >= probe:  # rare: read through the text index
            rare.append(next(c for c in conditions if c.tier == tier))
        else:  # every row in scope read (exact), or enough found (at least so many)
            found.count, found.exact = hits, scanned < probe and hits <= cap
    if rare:
        for condition in rare:  # the probe's few rows are among the rare path's
            by_tier[condition.tier].rows = []
        for tier, pk, dated, total in _rare(table, rare, scope, scope_params, cap):
            found = by_tier[tier]
            if pk is None:
                found.count, found.exact = total, True
            else:
                found.rows.append((pk, dated))
    return [by_tier[c.tier] for c in conditions]


def _probe(
    table: str,
    condition: Condition,
    scope: str,
    scope_params: list,
    probe: int,
    cap: int,
    wanted: str,
) -> tuple[str, list, str]:
    """The CTEs (and their parameters) of one condition's probe, and the
    SELECT of its rows and its figures (hits, rows scanned, read at all)."""
    order = NEWEST_FIRST.format(a="d")
    t = int(condition.tier)
    # The probe's inner ORDER BY and LIMIT make PostgreSQL read the date index
    # (the match is computed on its rows only). ``wanted`` is computed once,
    # before the scan it guards: nothing is read after a condition that
    # holds the page.
    sql = (
        f"probe{t} AS MATERIALIZED (SELECT p.id, p.dated_at FROM (SELECT d.id, d.dated_at,"
        f" ({condition.match}) AS hit FROM {table} d WHERE {scope} AND {wanted}"
        f" ORDER BY {order} LIMIT %s) p WHERE p.hit LIMIT %s),"
        f" hits{t} AS MATERIALIZED (SELECT count(*) AS n FROM probe{t}),"
        # Rows in scope up to the probe's allowance (only when that matters:
        # no more matches than the cap); fewer than the allowance: it read them all.
        f" scanned{t} AS MATERIALIZED (SELECT CASE WHEN (SELECT n FROM hits{t}) > %s"
        f" OR NOT ({wanted}) THEN %s"
        f" ELSE (SELECT count(*) FROM (SELECT 1 FROM {table} d WHERE {scope}"
        f" ORDER BY {order} LIMIT %s) s) END AS n)"
    )
    params = [
        *condition.params, *scope_params, probe, cap + 1,
        cap, probe, *scope_params, probe,
    ]  # fmt: skip
    select = (
        f"SELECT {t}, probe{t}.id, probe{t}.dated_at, NULL::bigint, NULL::bigint, NULL::boolean"
        f" FROM probe{t} UNION ALL SELECT {t}, NULL, NULL, (SELECT n FROM hits{t}),"
        f" (SELECT n FROM scanned{t}), {wanted}"
    )
    return sql, params, select


def _rare(
    table: str, conditions: list[Condition], scope: str, scope_params: list, cap: int
) -> list[tuple]:
    """Every match of each rare condition through the text index, counted,
    the newest ``cap + 1`` kept: ``(tier, id, date, None)`` rows and a
    ``(tier, None, None, count)`` row each."""
    parts, params = [], []
    for condition in conditions:
        t = int(condition.tier)
        rare = condition.rare or condition.match
        rare_params = condition.params if condition.rare_params is None else condition.rare_params
        # OFFSET 0 keeps PostgreSQL from reading the date index whole for the
        # ORDER BY: the matches are few, sorted after.
        parts.append(
            f"(WITH g{t} AS MATERIALIZED (SELECT d.id, d.dated_at FROM {table} d"
            f" WHERE {scope} AND ({rare}) OFFSET 0)"
            f" (SELECT {t}, g.id, g.dated_at, NULL::bigint FROM g{t} g"
            f" ORDER BY {NEWEST_FIRST.format(a='g')} LIMIT %s)"
            f" UNION ALL SELECT {t}, NULL, NULL, count(*) FROM g{t})"
        )
        params += [*scope_params, *rare_params, cap + 1]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall()


def newest_first(dated: datetime | None, pk: int) -> tuple:
    """Sort key: newest first, undated last, then the later id first."""
    return (dated is None, -(dated.timestamp()) if dated else 0, -pk)


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
        for pk, dated in sorted(tier.rows, key=lambda row: newest_first(row[1], row[0])):
            if pk not in seen:
                seen.add(pk)
                rows.append((pk, tier.tier, dated))
        exact = exact and tier.exact
    return rows[:cap], min(len(seen), cap), not exact or len(seen) > cap
