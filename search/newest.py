"""The newest rows that match a condition, and how many there are, at a cost
that does not grow with the number of matches: the SQL under the site's
search (``search.query``) and the hub's search across sites (``hub.gather``).

A full-text match read through its GIN index gives every match at once, in
no useful order: a word in half the documents ("Việt Nam", "trade") made
PostgreSQL fetch and sort 47,000 rows to show twenty. Read the other way,
newest first through a date index with the match as a filter, the same
query stops after its first page, but a rare word would read the whole
table. So both, in one statement per condition:

1. the probe: the newest rows in scope, at most ``probe_size(limit)`` of
   them, in date order through the index, keeping those that match, until
   ``cap + 1`` are found;
2. only if the probe read its whole allowance and found fewer than
   ``limit``: every match through the text index (there are few: rarer than
   ``limit`` in ``probe_size(limit)`` rows), counted, the newest ``limit``
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
    back empty and inexact. One round trip."""
    if not conditions:
        return []
    ctes, selects, params = [], [], []
    # A condition is read only while every one before it is known whole:
    # after one that holds the page and more than is counted (the cap, or
    # a probe's allowance), the results' first ``limit`` are all known and
    # their number is a lower bound anyway.
    wanted = []
    for condition in conditions:
        sql, condition_params, select = _one(
            table, condition, scope, scope_params, limit, cap, " AND ".join(wanted) or "TRUE"
        )
        ctes.append(sql)
        params.extend(condition_params)
        selects.append(select)
        t = int(condition.tier)
        wanted.append(
            f"NOT ((SELECT n FROM hits{t}) > {int(cap)} OR ((SELECT n FROM hits{t}) >= {int(limit)}"
            f" AND (SELECT n FROM scanned{t}) >= {probe_size(limit)}))"
        )
    statement = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(selects)
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, *[probe_size(limit)] * len(conditions)])
        rows = cursor.fetchall()
    by_tier = {c.tier: Found(c.tier, [], 0, True) for c in conditions}
    for tier, pk, dated, hits, exact in rows:
        if pk is None:  # the condition's count
            by_tier[tier].count, by_tier[tier].exact = hits, exact
        else:
            by_tier[tier].rows.append((pk, dated))
    return [by_tier[c.tier] for c in conditions]


def _one(
    table: str,
    condition: Condition,
    scope: str,
    scope_params: list,
    limit: int,
    cap: int,
    wanted: str,
) -> tuple[str, list, str]:
    """The CTEs (and their parameters) of one condition, and the SELECT of
    its rows and count (whose parameters come after every CTE's)."""
    order = NEWEST_FIRST.format(a="d")
    probe = probe_size(limit)
    t = int(condition.tier)
    rare = condition.rare or condition.match
    rare_params = condition.params if condition.rare_params is None else condition.rare_params
    # The probe's inner ORDER BY and LIMIT make PostgreSQL read the date index
    # (the match is computed on its rows only); OFFSET 0 keeps the rare path
    # from reading that index whole for its ORDER BY. Conditions on other
    # CTEs are computed once, before the scan they guard: the rare path
    # reads nothing unless the probe came up short, and nothing is read
    # after a condition that found more than the cap.
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
        f" ORDER BY {order} LIMIT %s) s) END AS n),"
        # The rare path: the probe read its allowance and found too few.
        f" path{t} AS MATERIALIZED (SELECT (SELECT n FROM hits{t}) < %s"
        f" AND (SELECT n FROM scanned{t}) >= %s AND {wanted} AS rare),"
        f" rare{t} AS MATERIALIZED (SELECT g.id, g.dated_at, count(*) OVER () AS total"
        f" FROM (SELECT d.id, d.dated_at FROM {table} d WHERE {scope} AND ({rare})"
        f" AND (SELECT rare FROM path{t}) OFFSET 0) g"
        f" ORDER BY {NEWEST_FIRST.format(a='g')} LIMIT %s)"
    )
    params = [
        *condition.params, *scope_params, probe, cap + 1,
        cap, probe, *scope_params, probe,
        limit, probe,
        *scope_params, *rare_params, cap + 1,
    ]  # fmt: skip
    select = (
        f"SELECT {t}, probe{t}.id, probe{t}.dated_at, NULL::bigint, NULL::boolean FROM probe{t}"
        f" WHERE NOT (SELECT rare FROM path{t})"
        f" UNION ALL SELECT {t}, rare{t}.id, rare{t}.dated_at, NULL, NULL FROM rare{t}"
        f" UNION ALL SELECT {t}, NULL, NULL, CASE WHEN (SELECT rare FROM path{t})"
        f" THEN COALESCE((SELECT max(total) FROM rare{t}), 0) ELSE (SELECT n FROM hits{t}) END,"
        f" (SELECT rare FROM path{t}) OR (SELECT n FROM scanned{t}) < %s"
    )
    return sql, params, select


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
