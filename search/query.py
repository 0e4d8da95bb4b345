"""Searching a site: the query in the reader's language, and through the
product vocabulary in every language the site offers.

What other layers call (inside the site's schema):

- :func:`search` — one page of results with a total count (the search page);
- :func:`matching` — the public matches of a saved search that appeared
  after a moment, newest first (alerts: ``matching(site, "vi", "hat dieu",
  Filters(kind="opportunity"), since=last_sent)``);
- :func:`count` — how many results a query has, capped (suggestions);
- :class:`Filters` — type, product (an HS code: it and everything under
  it), country and date, combined with the query.

Results come in tiers, newest first within each: the query in the title,
then in the text, then a name or synonym of a product the query names in
the text of any site language ("hat dieu" → 0801 → "cashew", "腰果"), then
content coded with that product whatever its words. At most :data:`CAP` results are
counted and reachable; beyond that the page says "more than".
"""

import functools
import html
import json
import math
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from search import newest as newest_module
from search.models import SearchDocument
from search.models.document import Shelf
from search.newest import Condition, by_id, newest, newest_first, rank
from search.registry import kinds
from search.text import FoldedPattern, fold, query_tokens, word_pattern
from search.vocabulary import Understanding, understand
from tenants import generations
from tenants.context import current_site
from tenants.generations import has_pending_writes
from tenants.models import Site
from web.templatetags.memo_url import memo_reverse, url_state

PER_PAGE = 20
CAP = 1000
SNIPPET_CHARS = 180


class Tier:
    """Why a document matched, best first: words in the text come before a
    product code alone (HS headings are broad: "dragon fruit" names 0810,
    which durians share)."""

    TITLE = 1
    TEXT = 2
    OTHER_LANGUAGE = 3
    PRODUCT = 4
    FILTERED = 5  # no query: everything the filters let through


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    product: str = ""  # an HS code; matches content coded with it or under it
    country: str = ""  # ISO 3166 alpha-2
    since: datetime | None = None  # dated at or after

    def __bool__(self) -> bool:
        return bool(self.kind or self.product or self.country or self.since)

    def without(self, name: str) -> "Filters":
        return replace(self, **{name: None if name == "since" else ""})


@dataclass
class Result:
    kind: str
    label: str
    title: str
    title_language: str  # the language the title is written in
    snippet: SafeString
    snippet_language: str
    url: str
    language: str  # the reader's
    languages: list[str]  # the languages the item is written in
    products: list[str]
    dated_at: datetime | None
    public_since: datetime | None
    tier: int
    key: tuple[int, int]  # (content type, object id): the same item in every language
    why: str = ""  # filled by a page that explains matches (search.views)

    @property
    def is_translated(self) -> bool:
        """Whether the item exists in the reader's language (not a fallback)."""
        return self.language in self.languages


@dataclass(eq=False)
class SearchPage:
    """One page of results; it iterates (and compares) as its results."""

    query: str
    results: list[Result]
    total: int  # CAP when there are more
    capped: bool
    number: int
    per_page: int
    understood: Understanding = field(default_factory=Understanding)
    has_next: bool = False  # results after this page (read: one more than the page)

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    def __iter__(self):
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, index):
        return self.results[index]

    def __eq__(self, other) -> bool:
        if isinstance(other, list):
            return self.results == other
        return self is other

    __hash__ = object.__hash__


def search(
    query: str,
    *,
    language: str,
    filters: Filters = Filters(),
    kind: str = "",
    page: int = 1,
    per_page: int = PER_PAGE,
    site: Site | None = None,
) -> SearchPage:
    """Page ``page`` of what ``query`` finds for a reader of ``language``.

    A page past the last is empty (``number`` says which was asked); the
    view sends the reader to the last one. ``kind`` is short for
    ``filters=Filters(kind=…)``. Four round trips: the query and the
    vocabulary terms it matches, their names in every language, the matching
    documents (ids only, at most CAP per tier), the page's rows.
    """
    site = site or current_site()
    if kind:
        filters = replace(filters, kind=kind)
    words = query_tokens(query)
    understood = understand(words, language, site) if words else Understanding()
    if words and not understood.query:
        return SearchPage(query, [], 0, False, page, per_page, understood)
    if not words and not filters:
        return SearchPage(query, [], 0, False, page, per_page, understood)
    start = (page - 1) * per_page
    # One more than the page: whether there is a next one.
    ranked, total, capped = _ranked(
        understood, language, site, filters, limit=min(start + per_page + 1, CAP + 1)
    )
    chosen = ranked[start : start + per_page]
    results = _results(chosen, language, [*words, *understood.words])
    return SearchPage(
        query, results, total, capped, page, per_page, understood,
        has_next=len(ranked) > start + per_page,
    )  # fmt: skip


def count(
    query: str,
    *,
    language: str,
    filters: Filters = Filters(),
    site: Site | None = None,
    understood: Understanding | None = None,
) -> int:
    """How many results ``query`` has: exactly when that is cheap, else at
    least this many (as a first page counts them; at most CAP). Pass
    ``understood`` to reuse the vocabulary work of a search with the same
    words."""
    site = site or current_site()
    words = query_tokens(query)
    if understood is None:
        understood = understand(words, language, site) if words else Understanding()
    if (words and not understood.query) or (not words and not filters):
        return 0
    # As much as a first page reads: a page of suggestions counts up to six
    # searches, most of them finding nothing (each read to the cap cost
    # 8,600 buffers a tier).
    _ranked_ids, total, _capped = _ranked(understood, language, site, filters, limit=PER_PAGE + 1)
    return total


class Matches(list):
    """Results newest first, and how many match in all: ``total`` (at least
    so many when ``capped``), so a digest holding the newest can say how many
    more there are."""

    total: int = 0
    capped: bool = False


def matching(
    site: Site,
    language: str,
    query: str,
    filters: Filters = Filters(),
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    among: QuerySet | None = None,
    limit: int = 100,
) -> Matches:
    """Public results of a saved search, newest first, that appeared after
    ``since`` (made public, or scheduled to show, after it) and, with
    ``until``, not after it: what a digest sends for the period (since,
    until]. Call it inside the site's schema, in the subscriber's language.
    An empty query with filters matches everything the filters let through
    (an alert on "product 0801" or "demand listings"). ``among`` (a queryset
    of primary keys of the filtered kind's model: the articles of a
    category) narrows the matches to those objects.

    Newest first whichever way each matched: the tiers are one condition
    here (read by tier, 120 new title matches left out a newer item that
    named the word in its text only)."""
    words = query_tokens(query)
    understood = understand(words, language, site) if words else Understanding()
    found = Matches()
    if (words and not understood.query) or (not words and not filters):
        return found
    matches, total, capped = _ranked(
        understood,
        language,
        site,
        filters,
        limit=limit,
        new_since=since,
        new_until=until,
        among=among,
        together=True,
    )
    matches.sort(key=lambda item: newest_first(item[2], item[0]))
    found.extend(_results(matches[:limit], language, [*words, *understood.words]))
    found.total, found.capped = max(total, len(found)), capped
    return found


def _ranked(
    understood: Understanding,
    language: str,
    site: Site,
    filters: Filters,
    *,
    limit: int,
    new_since: datetime | None = None,
    new_until: datetime | None = None,
    among: QuerySet | None = None,
    together: bool = False,
) -> tuple[list[tuple[int, int, datetime | None]], int, bool]:
    """``(document id, tier, date)`` of the first ``limit`` (at least) matches
    in the reader's language, best first; how many match (at most CAP); and
    whether that number is only a lower bound ("more than"). Each tier is
    read newest first at a bounded cost (``search.newest``): its newest
    ``limit`` and a count, exact when cheap."""
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    conditions, params = _conditions(filters, new_since, "d", new_until=new_until, among=among)
    base = " AND ".join(conditions)
    tiers: list[Condition] = []
    # Each kind is a shelf of its own, probed in its own date order: the
    # newest documents of one language may all be of one kind (65,000
    # listings shown to Chinese readers in English) that a word never
    # appears in, while it is in every fourth older article.
    shelves = [filters.kind] if filters.kind else [key for key, _label in kinds()]
    shelf = f"{Shelf.sql('d')} @> ARRAY[%s]::text[]"
    sizes = shelf_rows(language) or {}

    def add(
        tier: int,
        where: str,
        where_params: list,
        rare: str = "",
        rare_params=None,
        inside: int | None = None,
    ) -> None:
        for kind in shelves:
            # ``base`` is not written here: ``newest`` adds it once a read.
            if rare:  # its own way through the indexes (``others`` below)
                rare_sql, rare_all = rare, rare_params(kind)
            else:  # through the index of the shelf and the words together
                rare_sql = f"{shelf} AND {where}"
                rare_all = [f"{language}/{kind}", *where_params]
            tiers.append(
                Condition(
                    tier,
                    where,
                    where_params,
                    rare=rare_sql,
                    rare_params=rare_all,
                    within="d.kind = %s",
                    within_params=[kind],
                    costly=tier == Tier.OTHER_LANGUAGE,
                    shelf_rows=sizes.get(kind),
                    inside=inside,
                )
            )

    if understood.query:
        # A title's words are in its document's text (``vector`` is the title
        # and the body): the titles that match are among the text's matches,
        # and read from them when both are rare (search.newest._rare). Not
        # with a negation (``& !``: "kelapa" but not "kelapa sawit"), which
        # a title can pass where its text, holding the excluded phrase, fails.
        inside = None if "!" in understood.query else Tier.TEXT
        add(Tier.TITLE, "d.title_vector @@ %s::tsquery", [understood.query], inside=inside)
        add(Tier.TEXT, "d.vector @@ %s::tsquery", [understood.query])
    if understood.phrases:
        # The same object's document in any site language names the product.
        # Row by row (the probe) through the one-per-language index; all at
        # once (rare) through the text index, on the same kind's shelves.
        other = f"SELECT 1 FROM {table} o WHERE o.language = ANY(%s) AND o.vector @@ %s::tsquery"
        # The documents of the kind's shelves (every site language) that name
        # the product, through the shelves' text index; then this language's
        # document of each. No shelf condition on ``d`` itself: PostgreSQL
        # took it for a few rows and read all 100,000 articles to join them.
        others = (
            f"SELECT o.content_type_id, o.object_id FROM {table} o"
            f" WHERE {Shelf.sql('o')} && %s::text[] AND o.vector @@ %s::tsquery"
        )
        add(
            Tier.OTHER_LANGUAGE,
            # OFFSET 0: one look-up per row read, never PostgreSQL's choice of
            # reading every mention first (38,901 for cashew: 100 ms).
            # The reader's own document first, from the row at hand: a look-up
            # only for the others (three index descents a row were most of
            # this tier's cost).
            f"(d.vector @@ %s::tsquery OR EXISTS ({other} AND o.content_type_id = d.content_type_id"
            " AND o.object_id = d.object_id OFFSET 0))",
            [
                understood.expansion,
                [code for code in site.languages if code != language],
                understood.expansion,
            ],
            rare=f"(d.content_type_id, d.object_id) IN ({others})",
            rare_params=lambda kind: [
                [f"{code}/{kind}" for code in site.languages],
                understood.expansion,
            ],
        )
    if understood.codes:
        add(Tier.PRODUCT, "d.products && %s::varchar[]", [understood.codes])
    if not understood.query:
        add(Tier.FILTERED, "TRUE", [])
    if together:  # one tier: the newest matches, however they match
        tiers = [_either([c for c in tiers if c.within_params == [kind]]) for kind in shelves]
    found = newest(
        table,
        tiers,
        scope="d.language = %s",
        scope_params=[language],
        limit=limit,
        cap=CAP,
        common=base,
        common_params=params,
    )
    return rank(found, CAP)


#: Each site language's shelf sizes, per process: ``(database, schema,
#: language) → (the site's generation, {kind: rows})``.
_kept_sizes: dict[tuple[str, str, str], tuple[int, dict[str, int]]] = {}


def shelf_rows(language: str) -> dict[str, int] | None:
    """How many documents of ``language`` each kind's shelf holds in the
    current site, capped at ``SMALL_SHELF + 1``, kept per process and site
    generation (every committed write to the site moves it, so the first
    document of a kind makes its shelf searched again); None when it cannot
    be known for others (writes this connection has not committed, the
    generation unreadable): then each search counts in its own statement.

    Known, a search leaves out the shelves with nothing in them and reads
    each other one a single way: on the benchmark's site (1,000 articles a
    language, no questions) PostgreSQL's CPU for "cà phê" went from ~24 to
    ~15 ms a search, for "hồ tiêu" (no match) from ~25 to ~13. Counting
    reads at most SMALL_SHELF + 1 index entries a kind, once a generation."""
    schema = connection.schema_name
    if has_pending_writes(connection):
        return None
    try:
        generation = generations.current(schema)[0]
    except OSError:
        return None
    key = (connection.settings_dict["NAME"], schema, language)
    kept = _kept_sizes.get(key)
    if kept is not None and kept[0] == generation:
        return kept[1]
    every_kind = [kind for kind, _label in kinds()]
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    with connection.cursor() as cursor:
        # At most SMALL_SHELF + 1 index entries a kind (kind_dated).
        cursor.execute(
            f"SELECT k.kind, (SELECT count(*) FROM (SELECT 1 FROM {table} d"
            " WHERE d.language = %s AND d.kind = k.kind LIMIT %s) x)"
            " FROM unnest(%s::text[]) k(kind)",
            [language, newest_module.SMALL_SHELF + 1, every_kind],
        )
        sizes = dict(cursor.fetchall())
    if len(_kept_sizes) > 10_000:  # sites come and go in tests
        _kept_sizes.clear()
    _kept_sizes[key] = (generation, sizes)
    return sizes


def _either(conditions: list[Condition]) -> Condition:
    """One condition that holds where any of ``conditions`` (one shelf's
    tiers) does, in the first one's tier."""
    first = conditions[0]
    return Condition(
        first.tier,
        " OR ".join(f"({c.match})" for c in conditions),
        [param for c in conditions for param in c.params],
        rare=" OR ".join(f"({c.rare or c.match})" for c in conditions),
        rare_params=[
            param
            for c in conditions
            for param in (c.params if c.rare_params is None else c.rare_params)
        ],
        within=first.within,
        within_params=first.within_params,
        shelf_rows=first.shelf_rows,
    )


def _conditions(
    filters: Filters,
    new_since: datetime | None,
    alias: str,
    *,
    new_until: datetime | None = None,
    among: QuerySet | None = None,
) -> tuple[list[str], list]:
    """What every matching document must also be: public, visible today, and
    through the filters. SQL over the table aliased ``alias``."""
    a = alias
    conditions = [
        f"{a}.is_public",
        f"({a}.visible_from IS NULL OR {a}.visible_from <= %s)",
        f"({a}.visible_until IS NULL OR {a}.visible_until >= %s)",
    ]
    params: list = [timezone.now(), timezone.localdate()]
    if filters.kind:
        conditions.append(f"{a}.kind = %s")
        params.append(filters.kind)
    if filters.product:
        conditions.append(f"{a}.products @> ARRAY[%s]::varchar[]")
        params.append(filters.product)
    if filters.country:
        conditions.append(f"{a}.country = %s")
        params.append(filters.country)
    if filters.since:
        conditions.append(f"{a}.dated_at >= %s")
        params.append(filters.since)
    if new_since:
        conditions.append(f"GREATEST({a}.public_since, {a}.visible_from) > %s")
        params.append(new_since)
    if new_until:
        conditions.append(f"GREATEST({a}.public_since, {a}.visible_from) <= %s")
        params.append(new_until)
    if among is not None:
        among_sql, among_params = among.values("pk").query.sql_with_params()
        conditions.append(f"{a}.object_id IN ({among_sql})")
        params.extend(among_params)
    return conditions, params


_RESULT_FIELDS = (
    "pk", "content_type_id", "object_id", "kind", "title", "title_language", "body",
    "body_language", "url_name", "url_kwargs", "languages", "products", "dated_at",
    "public_since",
)  # fmt: skip


@functools.cache
def _result_columns() -> list[str]:
    """``_RESULT_FIELDS`` as SQL over ``d``, the document table's alias."""
    quote, meta = connection.ops.quote_name, SearchDocument._meta
    fields = [meta.pk if name == "pk" else meta.get_field(name) for name in _RESULT_FIELDS]
    return [f"d.{quote(field.column)}" for field in fields]


def _decoded(value: str | dict) -> dict:
    # Django's connection leaves jsonb as text for JSONField to decode.
    return json.loads(value) if isinstance(value, str) else value


def result_url(name: str, kwargs: str | dict, state: tuple | None = None) -> str:
    """The address of a document's object: ``reverse(name, kwargs=…)``
    (``kwargs`` as the document stores them, JSON text or decoded),
    remembered as ``{% url %}`` remembers (web.templatetags.memo_url):
    reverse() was ~40 µs a result, 0.8 ms of a page of 20 (bench/http.py
    --cpu); a document's address depends on nothing else. ``state``: what
    ``url_state`` gave in the same request, read once for a page."""
    decoded = _decoded(kwargs)
    if all(type(value) in (str, int) for value in decoded.values()):
        return memo_reverse(name, tuple(decoded.items()), state)
    return reverse(name, kwargs=decoded)


def _results(
    ranked: list[tuple[int, int, datetime | None]], language: str, words: list[str]
) -> list[Result]:
    tiers = {pk: tier for pk, tier, _dated in ranked}
    # Rows, not model instances: a page's 20 documents built as deferred
    # instances were ~0.8 ms of CPU (bench/http.py, in process).
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    by_pk = {row[0]: row for row in by_id(table, _result_columns(), list(tiers))} if tiers else {}
    labels = dict(kinds())
    # The words' patterns once for the page, not once a result (11 words
    # for "cà phê": its product's names in the site's languages).
    patterns, longest = _patterns(words)
    state = url_state()
    results = []
    for pk, _tier, _dated in ranked:
        row = by_pk.get(pk)
        if row is None:  # deleted between the two queries
            continue
        (
            _pk, content_type_id, object_id, kind, title, title_language, body, body_language,
            url_name, url_kwargs, languages, products, dated_at, public_since,
        ) = row  # fmt: skip
        results.append(
            Result(
                kind=kind,
                label=labels.get(kind, kind),
                title=title,
                title_language=title_language,
                snippet=_highlight(body or title, patterns, longest),
                snippet_language=body_language,
                url=result_url(url_name, url_kwargs, state),
                language=language,
                languages=list(languages),
                products=list(products),
                dated_at=dated_at,
                public_since=public_since,
                tier=tiers[pk],
                key=(content_type_id, object_id),
            )
        )
    return results


#: Characters of a text folded first when highlighting: the first match of
#: most results lies here, and the rest of a ~2 KB body is then never folded.
HEAD_CHARS = 600


def highlight(text: str, words: list[str]) -> SafeString:
    """A short extract around the first match, matches in <mark>, the rest escaped."""
    return _highlight(text, *_patterns(words))


def _patterns(words: list[str]) -> tuple[list[FoldedPattern], int]:
    """The patterns that highlight ``words``, and the longest one's length."""
    # The last word is matched by prefix, as the search does (safe_tsquery).
    patterns = [word_pattern(word, prefix=i == len(words) - 1) for i, word in enumerate(words)]
    return patterns, max((len(pattern.literal) for pattern in patterns), default=0)


def _highlight(text: str, patterns: list[FoldedPattern], longest: int) -> SafeString:
    # Its head first, the whole text only if the extract may reach past it:
    # folding each result once per word was 52 ms of the search page's 77 ms
    # of CPU (bench/http.py); folding its 20 whole bodies once, 4.2 ms; the
    # heads (the extract is at ~300 characters there), 1.7 ms with the HTML.
    if len(text) > HEAD_CHARS:
        spans, begin, end = _spans(fold(text[:HEAD_CHARS]), patterns, len(text))
        # A match that starts before the extract's end ends (and is followed,
        # for a whole word) inside the head: the head found it as the whole
        # text would. Folding keeps one character for one.
        if not spans or end + longest >= HEAD_CHARS:
            spans, begin, end = _spans(fold(text), patterns, len(text))
    else:
        spans, begin, end = _spans(fold(text), patterns, len(text))
    parts, position = [], begin
    for start, stop in spans:
        if start < position or stop > end:
            continue
        parts += [
            html.escape(text[position:start]),
            "<mark>",
            html.escape(text[start:stop]),
            "</mark>",
        ]
        position = stop
    parts.append(html.escape(text[position:end]))
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # every piece of text above is escaped


def _spans(folded: str, patterns: list[FoldedPattern], length: int) -> tuple[list, int, int]:
    """The spans of ``patterns`` in ``folded`` (the text of ``length``
    characters folded, or its beginning) that start before the extract's
    end, sorted, and where the extract begins and ends: around the first."""
    # Each word read only as far as the extract: its first match places the
    # extract, later ones are not shown. Most words (a product's names in
    # other languages) are in no result: a quick ``in`` before any regex.
    found = [iter(p.finditer_folded(folded)) for p in patterns if p.literal in folded]
    firsts = [(first, rest) for rest in found if (first := next(rest, None)) is not None]
    first = min((match.start() for match, _rest in firsts), default=0)
    begin = max(0, first - SNIPPET_CHARS // 3)
    end = min(length, begin + SNIPPET_CHARS)
    spans = []
    for match, rest in firsts:
        # A match that starts at the end or after it is never marked (it
        # would stop past the end); those after it start later still.
        while match is not None and match.start() < end:
            spans.append(match.span())
            match = next(rest, None)
    spans.sort()
    return spans, begin, end
