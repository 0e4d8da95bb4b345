"""Ways forward when a search finds nothing.

- spellings: the query with its words corrected from the site's titles and
  vocabulary ("hat deiu" → "hạt điều"), or a vocabulary term spelt like it;
  in Chinese, a term typed with a character of the same sound ("榴连" →
  "榴莲"), or its reading typed in Latin letters ("liulian" → "榴莲");
- the same query in the site's other languages (readers of those languages
  see other texts);
- the query without each filter it was given.

Each is offered only if it finds something, with how many. The work is
bounded: at most :data:`SPELLINGS` spellings are tried, each language and
each filter once.
"""

from dataclasses import dataclass, field

from languages.pinyin import HAN, reading
from search import lexicon
from search.query import Filters, count
from search.text import CJK, MAX_QUERY_LENGTH, WORD, fold, query_tokens
from search.vocabulary import understand
from tenants.models import Site

SPELLINGS = 2
#: Chinese queries: the characters read for terms mistyped by sound, and the
#: longest term looked for (lexicon.LONGEST_HAN_TERM bounds the terms kept).
SOUNDED_CHARACTERS = 32
LONGEST_SOUNDED = 6


@dataclass
class Suggestions:
    spellings: list[tuple[str, int]] = field(default_factory=list)  # (query, results)
    languages: list[tuple[str, int]] = field(default_factory=list)  # (language, results)
    without: list[tuple[str, int]] = field(default_factory=list)  # (filter name, results)

    def __bool__(self) -> bool:
        return bool(self.spellings or self.languages or self.without)


def suggest(
    query: str, *, language: str, filters: Filters, given: dict[str, str], site: Site
) -> Suggestions:
    """``given`` maps the page's filter parameters to their values (only
    those set), each paired with the :class:`Filters` field it sets."""
    found = Suggestions()
    words = query_tokens(query)
    understood = understand(words, language, site) if words else None
    for candidate in spellings(query):
        hits = count(candidate, language=language, filters=filters, site=site)
        if hits:
            found.spellings.append((candidate, hits))
    for other in site.languages:
        if other != language and words:
            hits = count(query, language=other, filters=filters, site=site, understood=understood)
            if hits:
                found.languages.append((other, hits))
    for name in given:
        hits = count(
            query,
            language=language,
            filters=filters.without(FILTER_FIELDS[name]),
            site=site,
            understood=understood,
        )
        if hits:
            found.without.append((name, hits))
    return found


# Page parameter → Filters field.
FILTER_FIELDS = {"type": "kind", "product": "product", "country": "country", "date": "since"}


def spellings(query: str) -> list[str]:
    """Up to SPELLINGS corrected queries, best first."""
    if HAN.search(query):
        return _by_sound(" ".join(query[:MAX_QUERY_LENGTH].split()))
    words = [w for w in WORD.findall(query.lower()) if w.replace("_", "")][:8]
    if not words or any(CJK.search(w) for w in words):
        return []
    candidates = []
    # The reading of a Chinese term, typed in Latin letters: "liu lian" → 榴莲.
    if all(word.isascii() and word.isalpha() for word in words):
        candidates += lexicon.by_reading(["".join(words)]).get("".join(words), [])
    # The whole query against terms such as "hạt điều", "cà phê": as many
    # words, so a suggestion never quietly drops one.
    if len(words) > 1:
        candidates += [
            phrase
            for phrase in lexicon.similar(" ".join(words), limit=SPELLINGS + 2)
            if len(phrase.split()) == len(words)
        ]
    # Each unknown word replaced by the closest known one.
    known = lexicon.known(words)
    corrected, changed = [], False
    for word in words:
        if fold(word) in known or len(word) < lexicon.SHORTEST:
            corrected.append(word)
            continue
        closest = lexicon.similar(word, limit=1)
        corrected.append(closest[0] if closest else word)
        changed = changed or bool(closest)
    if changed:
        candidates.append(" ".join(corrected))
    typed = fold(" ".join(words))
    unique = []
    for candidate in candidates:
        if fold(candidate) != typed and candidate not in unique:
            unique.append(candidate)
    return unique[:SPELLINGS]


def _by_sound(query: str) -> list[str]:
    """``query`` with each run of characters that reads as a vocabulary term
    but is not one replaced by that term ("越南榴连" → "越南榴莲"): the
    longest term first, left to right, one statement for every reading."""
    spans: dict[tuple[int, int], str] = {}
    counted = 0
    for run in HAN.finditer(query):
        start, stop = run.start(), min(run.end(), run.start() + SOUNDED_CHARACTERS - counted)
        counted += stop - start
        for first in range(start, stop):
            for last in range(first + 2, min(stop, first + LONGEST_SOUNDED) + 1):
                spans[(first, last)] = reading(query[first:last])
        if counted >= SOUNDED_CHARACTERS:
            break
    terms = lexicon.by_reading(spans.values()) if spans else {}
    if not terms:
        return []
    pieces, position, changed = [], 0, False
    while position < len(query):
        found = _term_at(query, position, spans, terms)
        if found is None:
            pieces.append(query[position])
            position += 1
            continue
        end, term = found
        pieces.append(term)
        changed = changed or term != query[position:end]
        position = end
    return ["".join(pieces)] if changed else []


def _term_at(
    query: str, position: int, spans: dict[tuple[int, int], str], terms: dict[str, list[str]]
) -> tuple[int, str] | None:
    """The longest span from ``position`` that reads as a term: its end, and
    the span itself if it is one of the terms of its reading, else the first."""
    for end in range(position + LONGEST_SOUNDED, position + 1, -1):
        spelt = terms.get(spans.get((position, end), ""), [])
        if spelt:
            typed = query[position:end]
            return end, typed if typed in spelt else spelt[0]
    return None
