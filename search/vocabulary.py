"""The product vocabulary as the rest of the portal uses it.

Codes are Harmonized System codes as strings: ``"08"`` (a chapter), ``"0801"``
(a heading), ``"080132"`` (a subheading). Content stores the codes it was
given (``hs_codes`` on listings, enterprises and articles); search documents
also store their chapters and headings, so filtering on ``"08"`` finds
``"080132"``.

What other layers call (all inside a site's schema):

- :func:`product_names` and :func:`product_name`: names in a reader's
  language, the fallback disclosed (``ShownText.language``);
- :func:`lookup`: the codes a poster means by what they typed, best first
  (the product field and its as-you-type list);
- :func:`choices`: every code, grouped by chapter, for a filter's select;
- :func:`with_descendants`: a code and the codes under it, for filtering
  content that stores its codes as given;
- :func:`understand`: what a search query means in the vocabulary (the codes
  and, in every site language, their names and synonyms), for cross-language
  search and for alerts on a product.
"""

import hashlib
import re
import time
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import Q
from django_tenants.utils import schema_context

from search.hs_seed import CODES, SEED_LANGUAGES, SYNONYMS
from search.lexicon import remember_words
from search.models import ProductCode, ProductTerm
from search.models.vocabulary import CODE_PATTERN, code_and_ancestors, narrowest, parent_code
from search.text import CJK, fold, folded_pattern, safe_tsquery, tokens
from tenants import generations
from tenants.context import current_site
from tenants.models import Site
from translations.fallback import ShownText, fallback_chain

CODE = re.compile(r"^\s*(\d{2}(?:\.?\d{2}(?:\.?\d{2})?)?)(?!\d)")
LOOKUP_LIMIT = 12
# A query that matches more codes than this, none of them exactly, is not
# about a product ("and", "export"): it is not expanded.
UNDERSTOOD_LIMIT = 12
CHOICES_TIMEOUT = 300


# --- Seeding --------------------------------------------------------------------


def seed(code_model=ProductCode, term_model=ProductTerm, word_model=None) -> int:
    """Load ``search.hs_seed`` into the current schema; returns the rows written.

    Runs again safely: seeded rows are brought up to date (a seeded synonym
    the seed no longer has goes), and rows an editor wrote or changed
    (``seeded`` false) are left alone. Takes the models as
    arguments so a migration can pass its historical ones; the terms also go
    into the lexicon of spelling suggestions.
    """
    written = 0
    with transaction.atomic():
        existing = set(code_model.objects.values_list("code", flat=True))
        for code in sorted(CODES, key=len):
            if code not in existing:
                code_model.objects.create(code=code, parent_id=parent_code(code), seeded=True)
                written += 1
        terms = {
            (t.product_id, t.language, t.text): t for t in term_model.objects.filter(seeded=True)
        }
        wanted = []
        for code, names in CODES.items():
            for language, name in zip(SEED_LANGUAGES, names, strict=True):
                wanted.append((code, language, ProductTerm.Kind.NAME, name))
        for code, by_language in SYNONYMS.items():
            for language, words in by_language.items():
                wanted += [(code, language, ProductTerm.Kind.SYNONYM, word) for word in words]
        kept = {
            (c, lang, text) for c, lang, kind, text in wanted if kind == ProductTerm.Kind.SYNONYM
        }
        stale = [
            term.pk
            for key, term in terms.items()
            if term.kind == ProductTerm.Kind.SYNONYM and key not in kept
        ]
        if stale:  # moved elsewhere: "coconut" from heading 0801 to its subheadings
            term_model.objects.filter(pk__in=stale).delete()
            terms = {key: term for key, term in terms.items() if term.pk not in stale}
        edited = set(
            term_model.objects.filter(seeded=False).values_list("product_id", "language", "kind")
        )
        seen = set()
        for code, language, kind, text in wanted:
            if (code, language, text) in terms or (code, language, text) in seen:
                continue
            seen.add((code, language, text))
            if kind == ProductTerm.Kind.NAME:
                if (code, language, kind) in edited:
                    continue  # an editor renamed it on this site
                term_model.objects.filter(
                    product_id=code, language=language, kind=kind, seeded=True
                ).delete()
            term_model.objects.create(
                product_id=code, language=language, kind=kind, text=text, seeded=True
            )
            written += 1
        _write_search_columns(term_model)
        # Spelling suggestions know the vocabulary ("hat deiu" → "hạt điều").
        remember_words(
            term_model.objects.values_list("text", flat=True),
            phrases=True,
            **({"model": word_model} if word_model else {}),
        )
    return written


def _write_search_columns(term_model) -> None:
    """Historical models have no ``save`` logic: fill what it would have."""
    from search.text import document_text

    rows = list(term_model.objects.filter(vector=None).values_list("pk", "text"))
    if not rows:
        return
    table = connection.ops.quote_name(term_model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET vector = to_tsvector('simple', unaccent(%s)),"
            f" phrase = phraseto_tsquery('simple', unaccent(%s))::text WHERE id = %s",
            [(document_text(text), document_text(text), pk) for pk, text in rows],
        )


# --- Names ------------------------------------------------------------------------


def _chain(language: str, site: Site | None) -> list[str]:
    return fallback_chain(site or current_site(), language)


def product_names(
    codes: Iterable[str], language: str, site: Site | None = None
) -> dict[str, ShownText]:
    """Each code's name in ``language``, or along the site's fallback chain.

    A code nobody named (an editor's subheading with no name yet) gets its
    heading's name; an unknown code gets the code itself, so pages never
    break on a code removed from the vocabulary. Read from the cached table
    of every name (one query when the vocabulary changed, none otherwise).
    """
    table = _names(language, site or current_site())
    chain = _chain(language, site)
    found = {}
    for code in dict.fromkeys(codes):
        named = next((table[a] for a in reversed(code_and_ancestors(code)) if a in table), None)
        found[code] = named or ShownText(text=code, language=chain[0], requested=chain[0])
    return found


def _names(language: str, site: Site) -> dict[str, ShownText]:
    """Every code's name for readers of ``language``, from the cache."""
    return _vocabulary(language, site)[0]


def _best(code: str, by_code: dict[str, dict[str, str]], chain: Sequence[str]) -> ShownText:
    for candidate in reversed(code_and_ancestors(code)):
        found = by_code.get(candidate, {})
        for language in chain:
            if found.get(language):
                return ShownText(text=found[language], language=language, requested=chain[0])
    return ShownText(text=code, language=chain[0], requested=chain[0])


def product_name(code: str, language: str, site: Site | None = None) -> ShownText:
    return product_names([code], language, site)[code]


def label(code: str, name: ShownText | str) -> str:
    """How a code is shown in choices: ``0801 · Coconuts, Brazil nuts and cashew nuts``."""
    return f"{format_code(code)} · {name}"


def format_code(code: str) -> str:
    """HS codes are written with a dot after the heading: ``0801.32``."""
    return f"{code[:4]}.{code[4:]}" if len(code) == 6 else code


# --- Choosing a product -------------------------------------------------------------


@dataclass(frozen=True)
class ProductChoice:
    code: str
    name: ShownText  # in the asker's language (or its fallback)
    matched: str  # the name or synonym that matched what they typed
    exact: bool = False  # what they typed is that name or synonym, not a part of it

    @property
    def label(self) -> str:
        return label(self.code, self.name)


def parse_code(text: str) -> str | None:
    """The HS code ``text`` starts with ("0801", "0801.32 Cashew…"), if any."""
    found = CODE.match(text or "")
    if not found:
        return None
    code = found.group(1).replace(".", "")
    return code if re.fullmatch(CODE_PATTERN, code) else None


def lookup(
    text: str, language: str, site: Site | None = None, *, limit: int = LOOKUP_LIMIT
) -> list[ProductChoice]:
    """The codes someone means by ``text`` (a code, a name, a synonym, the start
    of one, any site language, accents optional), best first: an exact code,
    then exact names, then names in their language, then the rest by code."""
    site = site or current_site()
    text = (text or "").strip()[:200]
    code = parse_code(text)
    if code and ProductCode.objects.filter(code=code).exists():
        name = product_name(code, language, site)
        return [ProductChoice(code=code, name=name, matched=code, exact=True)]
    words = [w for w in tokens(text) if w.replace("_", "")][:8]
    if not words:
        return []
    _query, rows = match_terms(words, site.languages)
    wanted = fold(" ".join(words))
    ranked: dict[str, tuple] = {}
    for product_id, term_language, term_text in rows:
        exact = fold(" ".join(tokens(term_text))) == wanted
        rank = (not exact, term_language != language, len(product_id), product_id)
        if product_id not in ranked or rank < ranked[product_id][0]:
            ranked[product_id] = (rank, term_text)
    best = sorted(ranked.items(), key=lambda item: item[1][0])[:limit]
    names = product_names([code for code, _ in best], language, site)
    return [
        ProductChoice(code=code, name=names[code], matched=matched, exact=not rank[0])
        for code, (rank, matched) in best
    ]


def match_terms(words: Sequence[str], languages: Sequence[str]) -> tuple[str, list[tuple]]:
    """The query ``words`` make (as tsquery text) and the vocabulary terms in
    ``languages`` that contain all of them: ``(code, language, text)`` rows.
    One round trip."""
    query_sql, params = safe_tsquery(list(words))
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH q AS (SELECT {query_sql} AS q)
            SELECT q.q::text, t.product_id, t.language, t.text
            FROM q LEFT JOIN LATERAL (
                SELECT product_id, language, text FROM {ProductTerm._meta.db_table}
                WHERE language = ANY(%s) AND vector @@ q.q
                ORDER BY product_id LIMIT 400
            ) t ON true
            """,
            [*params, list(languages)],
        )
        rows = cursor.fetchall()
    query = rows[0][0] if rows else ""
    return query, [row[1:] for row in rows if row[1] is not None]


def choices(language: str, site: Site | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every code as ``(chapter label, [(code, label), …])``, for a select with
    one group per chapter (the chapter itself first in its group)."""
    return _vocabulary(language, site or current_site())[1]


class ProductGroups(tuple):
    """Every code grouped by chapter, ``((chapter label, ((code, label), …)),
    …)``; ``key`` names it while it is kept (None when it is not), so that
    what is written from it can be kept as long
    (search.templatetags.products)."""

    key: tuple | None = None


#: The vocabulary as each site's readers of a language see it, kept in this
#: process: ``(database, schema, language, chain) → (the vocabulary's
#: generation, (names, groups), the monotonic moment it is kept until)``,
#: the least recently read dropped past VOCABULARIES_KEPT (~1 MB each for
#: ~1,200 codes, measured with tracemalloc at 250: ~0.2 MB).
_kept_vocabularies: OrderedDict[tuple, tuple[int, tuple, float]] = OrderedDict()
VOCABULARIES_KEPT = 32


def _vocabulary(language: str, site: Site) -> tuple[dict[str, ShownText], ProductGroups]:
    """Names and grouped choices of the whole vocabulary for readers of
    ``language``: one query, then kept in this process until a write to the
    vocabulary's tables is committed (its own generation, which the site's
    other writes do not move: rebuilt after each of them, it was ~2.5 ms of
    the first list page after a write, bench/http.py --profile
    --after-write). Not kept while this connection holds uncommitted writes,
    which others do not see."""
    chain = _chain(language, site)
    generation = _generation()
    place = (connection.settings_dict["NAME"], connection.schema_name, language, tuple(chain))
    if generation is not None:
        kept = _kept_vocabularies.get(place)
        if kept is not None and kept[0] == generation and time.monotonic() < kept[2]:
            _kept_vocabularies.move_to_end(place)
            return kept[1]
    with connection.cursor() as cursor:  # every code with its names, in one go
        cursor.execute(
            f"SELECT c.code, t.language, t.text FROM {ProductCode._meta.db_table} c"
            f" LEFT JOIN {ProductTerm._meta.db_table} t ON t.product_id = c.code"
            " AND t.kind = %s AND t.language = ANY(%s) ORDER BY c.code",
            [ProductTerm.Kind.NAME, chain],
        )
        by_code: dict[str, dict[str, str]] = {}
        for code, term_language, text in cursor.fetchall():
            found = by_code.setdefault(code, {})
            if term_language:
                found[term_language] = text
    names = {code: _best(code, by_code, chain) for code in by_code}
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in by_code:
        groups.setdefault(code[:2], []).append((code, label(code, names[code])))
    grouped = ProductGroups(
        (label(chapter, names.get(chapter, chapter)), tuple(options))
        for chapter, options in groups.items()
    )
    if generation is not None:
        # Kept CHOICES_TIMEOUT at most: a write the watcher cannot see (COPY,
        # which goes past Django's connection) moves no number.
        until = time.monotonic() + CHOICES_TIMEOUT
        grouped.key = (*place, generation, until)
        _kept_vocabularies[place] = (generation, (names, grouped), until)
        _kept_vocabularies.move_to_end(place)
        while len(_kept_vocabularies) > VOCABULARIES_KEPT:
            _kept_vocabularies.popitem(last=False)
    return names, grouped


#: The family of tables (tenants.generations.watch_tables) of the vocabulary.
FAMILY = "vocabulary"


def _generation() -> int | None:
    """What is kept from the vocabulary is kept by: the generation of its
    tables in the current schema, which a committed write to them moves for
    every process. None when it cannot be read (an unwritable
    GENERATIONS_DIR), or while this connection holds writes to those tables
    not committed: then nothing is kept."""
    if generations.has_pending_writes(connection, FAMILY):
        return None
    try:
        return generations.family_generation(connection.schema_name, FAMILY)
    except OSError:
        return None


def known_codes(codes: Iterable[str]) -> list[str]:
    """Those of ``codes`` that are in the vocabulary, in order, once each."""
    codes = list(dict.fromkeys(codes))
    found = set(ProductCode.objects.filter(code__in=codes).values_list("code", flat=True))
    return [code for code in codes if code in found]


def with_descendants(code: str) -> list[str]:
    """``code`` and every code under it, for content that stores codes as given."""
    return list(ProductCode.objects.filter(code__startswith=code).values_list("code", flat=True))


def descendants_filter(field_name: str, code: str) -> Q:
    """``Q`` for "coded ``code`` or anything under it" on an array of codes."""
    return Q(**{f"{field_name}__overlap": with_descendants(code) or [code]})


# --- Understanding a query ------------------------------------------------------------


@dataclass
class Understanding:
    """What a query means in the vocabulary.

    ``query``: the query's own words as tsquery text (empty if none are
    left once folded); ``codes``: the products it names (empty when it names none, or too many to
    mean any one); ``phrases``: their names and synonyms in every site
    language, as tsquery text, for matching text in any language; ``words``:
    the same names and synonyms whole, for highlighting; ``names``: each code's name in
    the reader's language.
    """

    query: str = ""
    codes: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    names: dict[str, ShownText] = field(default_factory=dict)

    @property
    def expansion(self) -> str:
        """One tsquery (as text) that matches any of the phrases."""
        return " | ".join(f"({phrase})" for phrase in self.phrases)


def understand(
    query_words: Sequence[str], language: str, site: Site | None = None
) -> Understanding:
    """The products ``query_words`` (``search.text.query_tokens``) name
    (:func:`_understand`), kept with the vocabulary's generation as its
    names and senses are: worked out anew, it was ~2.8 ms of the search
    page's ~12 ms in ``search()`` and two of its four queries."""
    site = site or current_site()
    words = list(query_words)
    if not words:
        return Understanding()
    chain = _chain(language, site)
    digest = hashlib.sha256("\x1f".join(words).encode()).hexdigest()
    generation = _generation()
    if generation is None:
        return _understand(words, language, site)
    key = (
        f"understood:{connection.schema_name}:{generation}:{language}"
        f":{','.join(site.languages)}:{','.join(chain)}:{digest}"
    )
    kept = _understood.get(key)
    if kept is None or time.monotonic() >= kept[1]:  # kept no longer than the vocabulary
        found = _understand(words, language, site)
        _understood[key] = (found, time.monotonic() + CHOICES_TIMEOUT)
        _understood.move_to_end(key)
        if len(_understood) > UNDERSTOOD_KEPT:
            _understood.popitem(last=False)
        return found
    _understood.move_to_end(key)
    return kept[0]


# What recent queries meant, in this process, the least recently asked
# dropped first: each visitor's query is a key, so in the shared default
# cache (300 entries without CACHE_URL) a stream of searches pushed out the
# rate limits' counts. Keys hold the generation: an old entry is never read.
UNDERSTOOD_KEPT = 512
_understood: OrderedDict[str, tuple[Understanding, float]] = OrderedDict()


def _understand(query_words: Sequence[str], language: str, site: Site) -> Understanding:
    """The products ``query_words`` (``search.text.query_tokens``) name.

    A query that is exactly a name or synonym ("hạt điều", "咖啡", "cashew")
    means the codes it names. Otherwise it means every code one of whose
    names contains all its words, unless that is more than a handful. Either
    way a heading gives way to its subheadings the query also names: "cashew"
    is 0801.31 and 0801.32, not heading 0801 with its coconuts. The query is
    then expanded through the names and synonyms of those codes only. Two
    round trips: the query with the matching terms, then every term of the
    chosen codes.
    """
    words = list(query_words)
    query, rows = match_terms(words, site.languages)
    if len(words) == 1 and len(words[0]) < 3 and not CJK.fullmatch(words[0]):
        return Understanding(query=query)  # "ca", "an": the start of too many names
    wanted = fold(" ".join(words))
    exact = {code for code, _l, text in rows if fold(" ".join(tokens(text))) == wanted}
    # "durian" names 0810 (other fresh fruit) and 081060 (durians): it means
    # the narrower one, not lychees and dragon fruit too.
    codes = sorted(narrowest(exact) or narrowest(code for code, _l, _text in rows))
    if not codes or len(codes) > UNDERSTOOD_LIMIT:
        return Understanding(query=query)
    chain = _chain(language, site)
    # From the primary, as every read of what is kept by the vocabulary's
    # number: a lagging replica would give the old terms under the new one.
    terms = (
        ProductTerm.objects.using(DEFAULT_DB_ALIAS)
        .filter(product_id__in=codes, language__in=site.languages)
        .values_list("product_id", "language", "kind", "text", "phrase")
    )
    phrases, highlight_words, unless_query = [], [], set()
    by_code: dict[str, dict[str, str]] = defaultdict(dict)
    senses = _other_senses(codes, site.languages)
    for code, term_language, kind, text, phrase in terms:
        if exact and fold(" ".join(tokens(text))) == wanted:
            # The query is this term: its words inside another product's
            # longer name are that product ("kelapa" in "kelapa sawit").
            unless_query.update(senses.get(phrase, ()))
        if kind == ProductTerm.Kind.NAME:
            by_code[code][term_language] = text
        if phrase and _specific(phrase):
            # "kelapa" (coconut), but not inside "kelapa sawit" (the oil palm).
            unless = "".join(f" & !({other})" for other in senses.get(phrase, ()))
            phrases.append(f"({_prefix_single_cjk(phrase)}){unless}" if unless else
                           _prefix_single_cjk(phrase))  # fmt: skip
            # Whole terms: "hạt điều" marks "hạt điều", not every "hạt".
            highlight_words.append(" ".join(text.split()))
    if unless_query and query:
        query = f"({query})" + "".join(f" & !({other})" for other in sorted(unless_query))
    return Understanding(
        query=query,
        codes=codes,
        phrases=sorted(set(phrases)),
        words=list(dict.fromkeys(highlight_words))[:40],
        names={code: _best(code, by_code, chain) for code in codes},
    )


_LEXEME = re.compile(r"'((?:[^']|'')*)'")


def _other_senses(codes: Sequence[str], languages: Sequence[str]) -> dict[str, list[str]]:
    """For each term of ``codes``, the longer terms of unrelated products that
    hold it ("kelapa sawit", the oil palm, holds "kelapa", coconut): text
    matched through the term must not be one of those. Related products (the
    codes' headings and subheadings) are not another sense. Kept with the
    vocabulary's cached names (one query when it changed)."""
    generation = _generation()
    key = f"senses:{connection.schema_name}:{generation}:{','.join(codes)}:{','.join(languages)}"
    found = cache.get(key) if generation is not None else None
    if found is not None:
        return found
    table = ProductTerm._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT t.phrase, o.phrase FROM {table} t JOIN {table} o"
            " ON o.vector @@ t.phrase::tsquery AND o.phrase <> t.phrase AND o.phrase <> ''"
            " AND o.language = ANY(%s)"
            " AND NOT EXISTS (SELECT 1 FROM unnest(%s::text[]) c(code)"
            "   WHERE o.product_id LIKE c.code || '%%' OR c.code LIKE o.product_id || '%%')"
            " WHERE t.product_id = ANY(%s) AND t.language = ANY(%s) AND t.phrase <> ''",
            [list(languages), list(codes), list(codes), list(languages)],
        )
        found: dict[str, list[str]] = defaultdict(list)
        for phrase, other in cursor.fetchall():
            found[phrase].append(other)
    found = {phrase: sorted(others) for phrase, others in found.items()}
    if generation is not None:
        cache.set(key, found, CHOICES_TIMEOUT)
    return found


def _specific(phrase: str) -> bool:
    """Whether a term is specific enough to look for in text: one short word
    ("tea", "gạo" → "gao", "cam") means too many other things once accents
    are folded; such terms still find content coded with their product."""
    lexemes = _LEXEME.findall(phrase)
    if len(lexemes) != 1:
        return bool(lexemes)
    return len(lexemes[0]) >= 4 or bool(CJK.search(lexemes[0]))


def _prefix_single_cjk(phrase: str) -> str:
    """A one-character Chinese term ("茶") is a prefix of the character pairs
    documents are indexed by ("绿茶出口" → "绿茶 茶出 出口")."""
    lexemes = _LEXEME.findall(phrase)
    if len(lexemes) == 1 and len(lexemes[0]) == 1 and CJK.fullmatch(lexemes[0]):
        return f"{phrase}:*"
    return phrase


def codes_in_text(texts: Iterable[str], languages: Sequence[str], *, limit: int = 3) -> list[str]:
    """The products ``texts`` mention by a name or synonym in ``languages``,
    most specific first ("cashew kernels" → 080132, not 0801 as well). For
    coding content that has no codes yet, such as the demo's."""
    from search.text import document_text

    original = " ".join(t for t in texts if t)
    text = document_text(original)
    if not text:
        return []
    with connection.cursor() as cursor:
        # The text's vector in a sub-select, worked out once (an InitPlan):
        # written inline, unaccent (STABLE, not IMMUTABLE) and to_tsvector ran
        # again for each of the ~1,000 terms, 36.6 ms a call against 1.4 ms
        # (EXPLAIN ANALYZE, the demo vocabulary, same rows). Coding the two
        # demo sites makes 267 calls: 18 s of each test database build.
        cursor.execute(
            f"SELECT DISTINCT product_id, phrase, text FROM {ProductTerm._meta.db_table}"
            " WHERE language = ANY(%s) AND phrase <> ''"
            " AND (SELECT to_tsvector('simple', unaccent(%s))) @@ phrase::tsquery",
            [list(languages), text],
        )
        matched = [(code, term) for code, phrase, term in cursor.fetchall() if _specific(phrase)]
    found = _outside_longer_terms(matched, original)
    return sorted(narrowest(found), key=lambda code: (-len(code), code))[:limit]


def _outside_longer_terms(matched: list[tuple[str, str]], text: str) -> set[str]:
    """The codes of ``matched`` terms that occur somewhere in ``text`` other
    than inside a longer matched term: "kelapa sawit" (the oil palm) is not
    "kelapa" (coconut), though it holds the word."""
    spans = {term: [m.span() for m in folded_pattern(term).finditer(text)] for _c, term in matched}
    found = set()
    for code, term in matched:
        longer = [s for other, found_spans in spans.items() if len(other) > len(term)
                  for s in found_spans]  # fmt: skip
        own = spans[term]
        if not own or any(
            not any(a <= start and end <= b for a, b in longer) for start, end in own
        ):
            found.add(code)
    return found


def copy_vocabulary(source_schema: str, target_schema: str) -> int:
    """``clone_site``: the new site gets the source's vocabulary as it is, its
    editors' subheadings, names and synonyms included (the new schema came
    with the seed only). Returns the terms copied."""
    code_fields = [f.attname for f in ProductCode._meta.concrete_fields]
    term_fields = [f.attname for f in ProductTerm._meta.concrete_fields]
    with schema_context(source_schema):
        codes = list(ProductCode.objects.order_by("code").values_list(*code_fields))
        terms = list(ProductTerm.objects.values_list(*term_fields))
    with schema_context(target_schema):
        ProductTerm.objects.all().delete()
        existing = set(ProductCode.objects.values_list("code", flat=True))
        for length in (2, 4, 6):  # parents before children
            ProductCode.objects.bulk_create(
                [
                    ProductCode(**dict(zip(code_fields, row, strict=True)))
                    for row in codes
                    if len(row[0]) == length and row[0] not in existing
                ]
            )
        ProductTerm.objects.bulk_create(
            [ProductTerm(**dict(zip(term_fields, row, strict=True))) for row in terms]
        )
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [ProductTerm]):
                cursor.execute(statement)
    return len(terms)
