"""Words for spelling suggestions: those of the site's titles and vocabulary.

``SearchWord`` holds each word folded (``search.text.fold``: lower case, no
accents) with a trigram index, so "hat deiu" finds "hạt điều". Chinese,
Japanese and Korean runs are left out: a mistyped character is another
word, not a near spelling.
"""

from collections.abc import Iterable

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import BooleanField, F, Func, Value
from django.db.models.functions import Length

from search.models import SearchWord
from search.text import CJK, WORD, fold

SHORTEST = 3
LONGEST = 100


class _Similar(Func):
    """pg_trgm's ``%`` (similarity above ``pg_trgm.similarity_threshold``),
    which the trigram index answers."""

    arg_joiner = " %% "
    template = "%(expressions)s"
    output_field = BooleanField()


def entries(texts: Iterable[str], *, phrases: bool = False) -> dict[str, str]:
    """Folded word → how it is written, for ``texts``; with ``phrases``, each
    whole text too (a vocabulary term such as "hạt điều")."""
    found: dict[str, str] = {}
    for text in texts:
        text = " ".join((text or "").split())
        words = [w for w in WORD.findall(text.lower()) if not CJK.search(w) and not w.isdigit()]
        for word in words:
            if SHORTEST <= len(word) <= LONGEST:
                found.setdefault(fold(word), word)
        if phrases and len(words) > 1 and len(text) <= LONGEST and not CJK.search(text):
            found.setdefault(fold(" ".join(words)), text.lower())
    return found


def remember_words(texts: Iterable[str], *, phrases: bool = False) -> None:
    """Add the words of ``texts`` to the site's lexicon (one statement)."""
    found = entries(texts, phrases=phrases)
    if found:
        SearchWord.objects.bulk_create(
            [SearchWord(word=word, display=display) for word, display in found.items()],
            ignore_conflicts=True,
        )


def similar(text: str, *, limit: int = 3) -> list[str]:
    """Lexicon entries spelt like ``text`` (trigram similarity, PostgreSQL's
    default threshold), closest first, as they are written."""
    folded = fold(" ".join(text.lower().split()))[:LONGEST]
    if len(folded) < SHORTEST:
        return []
    return list(
        SearchWord.objects.filter(_Similar(F("word"), Value(folded)))
        .exclude(word=folded)
        .annotate(similarity=TrigramSimilarity("word", folded), length=Length("word"))
        .order_by("-similarity", "length", "word")
        .values_list("display", flat=True)[:limit]
    )


def known(words: Iterable[str]) -> set[str]:
    """Which of ``words`` (folded) the lexicon holds."""
    folded = {fold(word) for word in words}
    return set(SearchWord.objects.filter(word__in=folded).values_list("word", flat=True))
