"""What a query on the hub means in the product vocabulary.

Each site keeps its own vocabulary (its editors' names and synonyms) in its
schema; the hub, which searches 200 sites at once, reads the shared seed
every site starts with (``search.hs_seed``), held in memory: "hat dieu" means
0801 on the hub as on every site.
"""

import functools
from dataclasses import dataclass, field

from search.hs_seed import CODES, SYNONYMS
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


@functools.cache
def _terms() -> tuple[Term, ...]:
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
    names holds all the words, unless that is more than a handful."""
    folded = [fold(word) for word in words]
    if not folded or (len(folded) == 1 and len(folded[0]) < 3 and not CJK.fullmatch(folded[0])):
        return HubUnderstanding()
    exact = {term.code for term in _terms() if list(term.folded) == folded}
    exact = {code for code in exact if not any(o != code and o.startswith(code) for o in exact)}
    if exact:
        codes = sorted(exact)
    else:
        codes = sorted(
            {term.code for term in _terms() if all(word in term.folded for word in folded)}
        )
    if not codes or len(codes) > UNDERSTOOD_LIMIT:
        return HubUnderstanding()
    phrases = sorted({term.text for term in _terms() if term.code in codes and _specific(term)})
    return HubUnderstanding(codes=codes, phrases=phrases)
