"""Words for spelling suggestions: those of the site's titles and vocabulary.

``SearchWord`` holds each word folded (``search.text.fold``: lower case, no
accents) with a trigram index, so "hat deiu" finds "hạt điều". Runs of
Chinese, Japanese and Korean in titles are left out: a title's run is a
whole sentence, and a mistyped character shares no trigram with the right
one. A vocabulary term written in Chinese characters ("榴莲") is kept whole
with its reading ("liulian", ``languages.pinyin``): Chinese is typed by
sound, and the slip is a character of the same sound (``by_reading``).
"""

from collections.abc import Iterable

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import BooleanField, F, Func, Value
from django.db.models.functions import Length

from languages.pinyin import HAN, reading
from search.models import SearchWord
from search.text import CJK, WORD, fold

SHORTEST = 3
LONGEST = 100
#: The longest Chinese term kept with its reading: product names are short
#: (火龙果, 去壳腰果); longer runs are phrases no one types whole.
LONGEST_HAN_TERM = 12


class _Similar(Func):
    """pg_trgm's ``%`` (similarity above ``pg_trgm.similarity_threshold``),
    which the trigram index answers."""

    arg_joiner = " %% "
    template = "%(expressions)s"
    output_field = BooleanField()


def entries(texts: Iterable[str], *, phrases: bool = False) -> dict[str, tuple[str, str]]:
    """Folded word → (how it is written, its reading), for ``texts``; with
    ``phrases``, each whole text too (a vocabulary term such as "hạt điều",
    or "榴莲" with its reading)."""
    found: dict[str, tuple[str, str]] = {}
    for text in texts:
        text = " ".join((text or "").split())
        if phrases and 2 <= len(text) <= LONGEST_HAN_TERM and HAN.fullmatch(text):
            found.setdefault(text, (text, reading(text)))
            continue
        words = [w for w in WORD.findall(text.lower()) if not CJK.search(w) and not w.isdigit()]
        for word in words:
            if SHORTEST <= len(word) <= LONGEST:
                found.setdefault(fold(word), (word, ""))
        if phrases and len(words) > 1 and len(text) <= LONGEST and not CJK.search(text):
            found.setdefault(fold(" ".join(words)), (text.lower(), ""))
    return found


def remember_words(texts: Iterable[str], *, phrases: bool = False, model=SearchWord) -> None:
    """Add the words of ``texts`` to the site's lexicon (one statement per
    thousand). ``model``: a migration's historical ``SearchWord``, which
    before search 0011 has no reading (those words are read there)."""
    found = entries(texts, phrases=phrases)
    with_reading = any(field.name == "reading" for field in model._meta.fields)
    rows = [
        model(word=word, display=display, **({"reading": sound} if with_reading else {}))
        for word, (display, sound) in found.items()
        if with_reading or not sound
    ]
    if rows:
        model.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


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


def by_reading(readings: Iterable[str]) -> dict[str, list[str]]:
    """Reading → the terms read so ("liulian" → ["榴莲"]), shortest first:
    one statement for every reading asked."""
    found: dict[str, list[str]] = {}
    rows = (
        SearchWord.objects.filter(reading__in=set(readings))
        .exclude(reading="")
        .order_by(Length("display"), "display")
        .values_list("reading", "display")
    )
    for sound, display in rows:
        found.setdefault(sound, []).append(display)
    return found
