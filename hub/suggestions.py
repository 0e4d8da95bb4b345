"""Ways forward when a search across every site finds nothing, as a site's
search offers them (``search.suggestions``): a spelling from the shared
product vocabulary ("hat deiu" → "hạt điều"), the same search for a reader
of another language (the hub shows each site in its visitor's language, so
other readers search other texts), and the search without each filter.
Each is offered only if it finds something, with how many; at most
SPELLINGS + LANGUAGES + one per filter searches, and only on a page that
found nothing."""

import difflib
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from hub.vocabulary import terms
from search.text import CJK, WORD, fold

SPELLINGS = 2
LANGUAGES = 2


@dataclass
class HubSuggestions:
    spellings: list[tuple[str, int]] = field(default_factory=list)  # (query, found)
    languages: list[tuple[str, int]] = field(default_factory=list)  # (language, found)
    without: list[tuple[str, int]] = field(default_factory=list)  # (parameter, found)

    def __bool__(self) -> bool:
        return bool(self.spellings or self.languages or self.without)


@functools.cache
def _spelled() -> dict[str, str]:
    """Folded vocabulary term → how it is written (the shared seed's names
    and synonyms in every language, CJK left out: a mistyped character is
    another word)."""
    found: dict[str, str] = {}
    for term in terms():
        if not CJK.search(term.text):
            found.setdefault(" ".join(term.folded), term.text.lower())
    return found


def spellings(query: str) -> list[str]:
    """Up to SPELLINGS vocabulary terms spelt like the whole query, with as
    many words (a suggestion never quietly drops one)."""
    words = [w for w in WORD.findall(query.lower()) if w.replace("_", "")][:8]
    if not words or any(CJK.search(w) for w in words):
        return []
    typed = fold(" ".join(words))
    known = _spelled()
    same_length = [k for k in known if len(k.split()) == len(words)]
    close = difflib.get_close_matches(typed, same_length, n=SPELLINGS + 1, cutoff=0.75)
    return [known[c] for c in close if c != typed][:SPELLINGS]


def suggest(
    query: str,
    *,
    language: str,
    accepted: Sequence[str],
    offered: Sequence[str],
    given: dict[str, str],
    found: Callable[..., int],
) -> HubSuggestions:
    """``found(query=…, language=…, without=…)`` counts what a search finds
    (the view's own search with one thing changed); ``given`` maps the
    filter parameters set to their values; ``offered``: the hub's languages."""
    ways = HubSuggestions()
    for spelling in spellings(query):
        hits = found(query=spelling)
        if hits:
            ways.spellings.append((spelling, hits))
    if query.strip():
        # The visitor's other languages first, then English, the languages
        # most sites offer.
        others = [code for code in (*accepted, "en") if code != language and code in offered]
        for other in list(dict.fromkeys(others))[:LANGUAGES]:
            hits = found(language=other)
            if hits:
                ways.languages.append((other, hits))
    for name in given:
        hits = found(without=name)
        if hits:
            ways.without.append((name, hits))
    return ways
