"""Turning text into search tokens, the same way for documents and queries.

PostgreSQL's parser splits on spaces, which Chinese and Japanese do not use,
so runs of CJK characters become overlapping two-character tokens ("海关规则"
→ "海关 关规 规则"); a two-character query then matches anywhere inside a
longer run. Accents are removed by the database's ``unaccent`` when the
tokens are turned into a tsvector or tsquery.
"""

import functools
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


# Letters that NFKD does not take apart but readers type without the stroke.
_STROKED = {"đ": "d", "ð": "d", "ø": "o", "ł": "l"}


def _fold_char(char: str) -> str:
    """One character folded: lower-case, first part of its compatibility
    decomposition (the letter without its accents), always one character."""
    if "\uac00" <= char <= "\ud7af":
        # A Hangul syllable decomposes into its letters (jamo): the first of
        # them is not the syllable, and queries keep syllables whole.
        return char
    base = unicodedata.normalize("NFKD", char)[:1].lower()[:1] or char
    return _STROKED.get(base, base)


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character.

    Folding a result's text character by character in Python was 70 % of the
    search page's time (a ~2 KB body per result, 30 results); ``translate``
    walks the text in C and asks Python only once per distinct character.
    """

    def __missing__(self, codepoint: int) -> str:
        folded = self[codepoint] = _fold_char(chr(codepoint))
        return folded


_FOLD_TABLE = _FoldTable()


#: Words (space-separated pieces) folded so far: at most so many kept, and
#: only pieces of at most so many characters (a run of Chinese is one piece).
_FOLDED_WORDS_KEPT = 50_000
_FOLDED_WORD_CHARS = 32
_folded_words: dict[str, str] = {}


def _fold_word(word: str) -> str:
    folded = word.translate(_FOLD_TABLE)
    if len(word) <= _FOLDED_WORD_CHARS:
        if len(_folded_words) >= _FOLDED_WORDS_KEPT:
            _folded_words.clear()
        _folded_words[word] = folded
    return folded


def fold(text: str) -> str:
    """Lower-case, accents removed, one character for one: for finding matches to highlight."""
    if text.isascii():  # what the table does to ASCII: lower-case it
        return text.lower()
    # Word by word, each word folded once per process: ``translate`` asks
    # the table for each character, ~0.2-0.3 ms for a result's 600
    # characters of Vietnamese (a search page folds 20), where a language's
    # words recur (Vietnamese writes its few thousand syllables apart): a
    # third of that. Folding is per character, so pieces fold as the whole.
    known = _folded_words.get
    return " ".join([known(word) or _fold_word(word) for word in text.split(" ")])


class FoldedPattern:
    """A pattern over folded text that is given the text as it is: folding
    keeps one character for one, so the matches' offsets are the original's.

    Classes of every character that folds to each letter ("a" ← "aAàÀảẢ…")
    did the same on the unfolded text, but building that table folded the
    whole plane (0.3-0.6 s, the first search of each worker) and compiling
    a word's classes took 1-2 ms a word (a hub search highlights 30 words:
    bench/hub.py's p95 was 5-13 times its p50). ``fold`` runs in C.

    ``literal``: the folded word every match is, for a quick ``in`` test
    before any matching (most of a query's product names are in no result).
    """

    def __init__(self, pattern: str, literal: str = "") -> None:
        self.regex = re.compile(pattern)
        self.literal = literal

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def finditer(self, text: str):
        return self.regex.finditer(fold(text))

    def finditer_folded(self, folded: str):
        """The matches in text already folded: one folding for many words."""
        return self.regex.finditer(folded)


@functools.lru_cache(maxsize=512)
def folded_pattern(word: str) -> FoldedPattern:
    """A pattern that finds ``word`` in text wherever ``fold(text)`` contains
    ``fold(word)``, with the offsets of the text as given."""
    literal = fold(word)
    return FoldedPattern(re.escape(literal), literal)


#: Scripts written without spaces between words: a query word is marked
#: wherever it occurs (咖啡 inside 越南咖啡出口).
_UNSPACED = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR", "IDEOGRAPHIC")


def _unspaced(word: str) -> bool:
    return any(unicodedata.name(char, "").startswith(_UNSPACED) for char in word)


@functools.lru_cache(maxsize=512)
def word_pattern(word: str, *, prefix: bool = False) -> FoldedPattern:
    """:func:`folded_pattern` held to word boundaries where words are
    separated by spaces: "cà" marks "cà phê" but not "cả" of "cảng" nor
    "Cá" of "Cát Lái". ``prefix``: the word may begin a longer one (the
    search matched it by prefix: "coff" → "coffee"). Hangul words take
    particles ("커피를"), so they match by their beginning too; scripts
    without spaces match anywhere."""
    found = folded_pattern(word)
    if not found.pattern or _unspaced(word):
        return found
    # The word first, then whether the character before it ends a word (a
    # look-behind over the word and that character): a pattern that begins
    # with its letters is searched for by them, where one that begins with
    # a look-behind tried every position of a ~2 KB body (0.07 ms a word).
    starts_word = rf"(?<![^\W_][\s\S]{{{len(found.literal)}}})"
    pattern = found.pattern + starts_word
    if prefix or any(unicodedata.name(char, "").startswith("HANGUL") for char in word):
        return FoldedPattern(pattern, found.literal)
    return FoldedPattern(pattern + r"(?![^\W_])", found.literal)


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
    # A pair of CJK characters is a whole token of the documents (they hold
    # pairs only): as a prefix it would find nothing more, but the text
    # index reads a prefix's matches whole, with no skipping (4.6 ms for
    # 海关 among 100,000 Chinese articles where the word alone took 0.1 ms).
    last = words[-1] if words else ""
    if len(last) == 2 and CJK.fullmatch(last):
        prefix_last = False
    return sql, [len(words) if prefix_last else 0, list(words)]
