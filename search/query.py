"""The search box: a query in the reader's language over the site's documents.

Queries are prefix matches of the tokens (``search.text``); title matches
rank first, then PostgreSQL's rank.
"""

import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from search.models import SearchDocument
from search.registry import kinds
from search.text import folded_pattern, query_tokens

RESULTS_LIMIT = 30
CANDIDATES = 300
SNIPPET_CHARS = 180
# What may stand in a quoted tsquery lexeme: word characters only.
LEXEME = re.compile(r"\W+")


@dataclass
class Result:
    kind: str
    label: str
    title: str
    title_language: str
    snippet: SafeString
    snippet_language: str
    url: str


def search(query: str, *, language: str, kind: str = "") -> list[Result]:
    """Title matches first, then body matches; each group ranked by ts_rank.

    Matching uses the GIN indexes (title_vector, vector). Only the newest
    CANDIDATES matches of each group are ranked, so a query that matches half
    the site costs a bounded amount of ranking work.
    """
    words = query_tokens(query)
    tsquery = _tsquery(words)
    if tsquery is None:
        return []
    visible = (
        SearchDocument.objects.filter(language=language, is_public=True)
        .filter(Q(visible_from__isnull=True) | Q(visible_from__lte=timezone.now()))
        .filter(Q(visible_until__isnull=True) | Q(visible_until__gte=timezone.localdate()))
    )
    if kind:
        visible = visible.filter(kind=kind)
    newest_first = (F("visible_from").desc(nulls_last=True), "-pk")
    title_ids = list(
        visible.filter(title_vector=tsquery)
        .order_by(*newest_first)
        .values_list("pk", flat=True)[:CANDIDATES]
    )
    body_ids = []
    if len(title_ids) < RESULTS_LIMIT:
        body_ids = list(
            visible.filter(vector=tsquery)
            .exclude(pk__in=title_ids)
            .order_by(*newest_first)
            .values_list("pk", flat=True)[:CANDIDATES]
        )
    documents = (
        SearchDocument.objects.filter(pk__in=title_ids + body_ids)
        .annotate(
            in_title=Case(When(pk__in=title_ids, then=Value(True)), default=Value(False)),
            rank=SearchRank(F("vector"), tsquery),
        )
        .order_by("-in_title", "-rank", "pk")
        .only("kind", "title", "title_language", "body", "body_language", "url_name", "url_kwargs")
    )
    labels = dict(kinds())
    return [
        Result(
            kind=document.kind,
            label=labels.get(document.kind, document.kind),
            title=document.title,
            title_language=document.title_language,
            snippet=highlight(document.body or document.title, words),
            snippet_language=document.body_language,
            url=reverse(document.url_name, kwargs=document.url_kwargs),
        )
        for document in documents[:RESULTS_LIMIT]
    ]


def _tsquery(words: list[str]) -> SearchQuery | None:
    """``'w1' & 'w2' & 'w3':*`` from the reader's words, unaccented as the
    documents were; None when nothing searchable is left.

    ``unaccent`` turns some letters into punctuation (¼ → 1/4, ː → :,
    ⑴ → (1)), which would be tsquery syntax: it runs on each word apart, what
    is not a word character is dropped from its result, and every lexeme is
    quoted, so no input can be anything but words.
    """
    if not words:
        return None
    with connection.cursor() as cursor:  # the same unaccent as the documents got
        cursor.execute(
            "SELECT unaccent(word) FROM unnest(%s::text[]) WITH ORDINALITY AS w(word, n) ORDER BY n",
            [words],
        )
        lexemes = [LEXEME.sub("", row[0]) for row in cursor.fetchall()]
    lexemes = [lexeme for lexeme in lexemes if lexeme]
    if not lexemes:
        return None
    # Only the last word may be unfinished (the reader is still typing it);
    # prefix-matching every word makes short ones ("ca", "an") expand to
    # thousands of index entries each.
    terms = [f"'{lexeme}'" for lexeme in lexemes[:-1]] + [f"'{lexemes[-1]}':*"]
    return SearchQuery(" & ".join(terms), search_type="raw", config="simple")


def highlight(text: str, words: list[str]) -> SafeString:
    """A short extract around the first match, matches in <mark>, the rest escaped."""
    spans = [match.span() for word in words for match in folded_pattern(word).finditer(text)]
    spans.sort()
    first = spans[0][0] if spans else 0
    begin = max(0, first - SNIPPET_CHARS // 3)
    end = min(len(text), begin + SNIPPET_CHARS)
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
