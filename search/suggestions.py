"""Ways forward when a search finds nothing.

- spellings: the query with its words corrected from the site's titles and
  vocabulary ("hat deiu" → "hạt điều"), or a vocabulary term spelt like it;
- the same query in the site's other languages (readers of those languages
  see other texts);
- the query without each filter it was given.

Each is offered only if it finds something, with how many. The work is
bounded: at most :data:`SPELLINGS` spellings are tried, each language and
each filter once.
"""

from dataclasses import dataclass, field

from search import lexicon
from search.query import Filters, count
from search.text import CJK, WORD, fold, query_tokens
from search.vocabulary import understand
from tenants.models import Site

SPELLINGS = 2


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
    words = [w for w in WORD.findall(query.lower()) if w.replace("_", "")][:8]
    if not words or any(CJK.search(w) for w in words):
        return []
    candidates = []
    # The whole query against terms such as "hạt điều", "cà phê".
    if len(words) > 1:
        candidates += lexicon.similar(" ".join(words), limit=SPELLINGS)
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
