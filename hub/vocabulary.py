"""What a query on the hub means in the product vocabulary.

Each site keeps its own vocabulary (its editors' names and synonyms) in its
schema; the hub, which searches 200 sites at once, reads the shared seed
every site starts with (``search.hs_seed``), held in memory: "hat dieu" means
0801 on the hub as on every site.
"""

import functools
from dataclasses import dataclass, field

from search.hs_seed import CODES, SYNONYMS
from search.models.vocabulary import narrowest
from search.text import CJK, fold, tokens

#: A query naming more products than this, none exactly, is not about one.
UNDERSTOOD_LIMIT = 12


@dataclass(frozen=True)
class Term:
    code: str
    text: str
    folded: tuple[str, ...]  # its tokens, folded


@dataclass
class HubUnderstanding:
    codes: list[str] = field(default_factory=list)
    #: Names and synonyms of those codes in every seeded language, specific
    #: enough to look for in text.
    phrases: list[str] = field(default_factory=list)
    #: For a phrase, the longer terms of unrelated products that hold it
    #: ("kelapa" → "kelapa sawit"): text where it is only part of those is
    #: not a match (search.vocabulary does the same on each site).
    unless: dict[str, list[str]] = field(default_factory=dict)
    #: The same for the query itself, when it is exactly one of the terms.
    query_unless: list[str] = field(default_factory=list)


@functools.cache
def terms() -> tuple[Term, ...]:
    found = []
    for code, names in CODES.items():
        found += [Term(code, name, tuple(fold(t) for t in tokens(name))) for name in names]
    for code, by_language in SYNONYMS.items():
        for words in by_language.values():
            found += [Term(code, word, tuple(fold(t) for t in tokens(word))) for word in words]
    return tuple(found)


def _specific(term: Term) -> bool:
    """One short word ("tea", "gạo") means too much else once accents go."""
    if len(term.folded) > 1:
        return True
    return bool(term.folded) and (len(term.folded[0]) >= 4 or bool(CJK.search(term.text)))


def understand(words: list[str]) -> HubUnderstanding:
    """The products ``words`` (``search.text.query_tokens``) name: exactly a
    name or synonym first ("hạt điều", "腰果"), else every code one of whose
    names holds all the words, unless that is more than a handful; a heading
    gives way to its subheadings named too."""
    folded = [fold(word) for word in words]
    if not folded or (len(folded) == 1 and len(folded[0]) < 3 and not CJK.fullmatch(folded[0])):
        return HubUnderstanding()
    exact = {term.code for term in terms() if list(term.folded) == folded}
    # As on each site (search.vocabulary.understand): the narrowest codes
    # named, so "cashew" is 0801.31/.32 and not the coconuts of 0801.
    codes = sorted(
        narrowest(exact)
        or narrowest(term.code for term in terms() if all(w in term.folded for w in folded))
    )
    if not codes or len(codes) > UNDERSTOOD_LIMIT:
        return HubUnderstanding()
    phrases = sorted({term.text for term in terms() if term.code in codes and _specific(term)})
    unless = {phrase: _other_senses(phrase, codes) for phrase in phrases}
    query_unless = sorted(
        {other for term in terms() if term.code in codes and list(term.folded) == folded
         for other in _other_senses(term.text, codes)}
    )  # fmt: skip
    return HubUnderstanding(
        codes=codes,
        phrases=phrases,
        unless={phrase: others for phrase, others in unless.items() if others},
        query_unless=query_unless,
    )


def _related(code: str, codes: list[str]) -> bool:
    return any(code.startswith(c) or c.startswith(code) for c in codes)


@functools.cache
def _holding() -> dict[str, tuple[Term, ...]]:
    """The terms that hold each word, in the order of :func:`terms`."""
    found: dict[str, list[Term]] = {}
    for term in terms():
        for word in dict.fromkeys(term.folded):
            found.setdefault(word, []).append(term)
    return {word: tuple(held) for word, held in found.items()}


@functools.lru_cache(maxsize=2048)
def _senses_of(text: str) -> tuple[tuple[str, str], ...]:
    """``(code, longer term)`` for every term that holds ``text``'s words in a row.

    Only the terms holding its first word are looked at: a scan of every
    term per phrase took 20-45 ms for each new query on the hub (its p95)."""
    folded = tuple(fold(t) for t in tokens(text))
    size = len(folded)
    candidates = _holding().get(folded[0], ()) if folded else terms()
    return tuple(
        (term.code, term.text)
        for term in candidates
        if len(term.folded) > size
        and any(term.folded[i : i + size] == folded for i in range(len(term.folded) - size + 1))
    )


def _other_senses(text: str, codes: list[str]) -> list[str]:
    """The longer terms of products unrelated to ``codes`` that hold ``text``."""
    return sorted({other for code, other in _senses_of(text) if not _related(code, codes)})
