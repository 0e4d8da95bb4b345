"""Turning text into search tokens, the same way for documents and queries.

PostgreSQL's parser splits on spaces, which Chinese and Japanese do not use,
so runs of CJK characters become overlapping two-character tokens ("海关规则"
→ "海关 关规 规则"); a two-character query then matches anywhere inside a
longer run. Accents are removed by the database's ``unaccent`` when the
tokens are turned into a tsvector or tsquery.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchVector
from django.db.models import Func, Value

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_LENGTH = 200
MAX_QUERY_TOKENS = 12


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokens(text: str) -> list[str]:
    """Words, with CJK runs split into overlapping pairs of characters."""
    result: list[str] = []
    for word in WORD.findall(text.lower()):
        position = 0
        for match in CJK.finditer(word):
            if match.start() > position:
                result.append(word[position : match.start()])
            result.extend(_bigrams(match.group()))
            position = match.end()
        if position < len(word):
            result.append(word[position:])
    return result


def document_text(text: str) -> str:
    return " ".join(tokens(text))


def tsvector(text: str, weight: str | None = None) -> SearchVector:
    """The indexed form of ``text``: its tokens, unaccented by the database."""
    return SearchVector(
        Func(Value(document_text(text)), function="unaccent"), config="simple", weight=weight
    )


def query_tokens(query: str) -> list[str]:
    """Tokens of a visitor's query, bounded in size; safe to put in a tsquery."""
    return [t for t in tokens(query[:MAX_QUERY_LENGTH]) if t.replace("_", "")][:MAX_QUERY_TOKENS]


def fold(text: str) -> str:
    """Lower-case, accents removed, one character for one: for finding matches to highlight."""
    folded = []
    for char in text:
        base = unicodedata.normalize("NFKD", char)[0].lower()
        folded.append({"đ": "d", "ð": "d", "ø": "o", "ł": "l"}.get(base, base))
    return "".join(folded)


def safe_tsquery(words: list[str], *, prefix_last: bool = True) -> tuple[str, list]:
    """SQL (and its parameters) for a tsquery needing every one of ``words``,
    the last one possibly unfinished.

    Each word is unaccented by the database, the way documents were, then
    quoted: ``unaccent`` turns some characters into tsquery syntax ("¼" →
    "1/4", "⑴" → "(1)", "ŉ" → "'n"), so quotes and backslashes are dropped
    and nothing typed can be an operator.
    """
    sql = (
        "to_tsquery('simple', coalesce((SELECT string_agg(chr(39) || x.lexeme || chr(39)"
        " || CASE WHEN x.n = %s THEN ':*' ELSE '' END, ' & ' ORDER BY x.n)"
        " FROM (SELECT replace(replace(unaccent(u.w), chr(39), ''), chr(92), '') AS lexeme, u.n"
        " FROM unnest(%s::text[]) WITH ORDINALITY AS u(w, n)) AS x"
        " WHERE x.lexeme <> ''), ''))"
    )
    return sql, [len(words) if prefix_last else 0, list(words)]
