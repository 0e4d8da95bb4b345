"""A list in the order its readers sort the names they see.

The database sorts text by code point (its collation is C, and the embedded
PostgreSQL is built without ICU): the Chinese directory put 上海 (shang)
before 安徽 (an), and the Vietnamese one "Đông Á" after "Zeta" and "an Lạc"
after both. A list ordered by a shown text (the directory: an enterprise's
name in the reader's language, fallback included) is therefore read as keys
and texts, every row, and sorted here by ``languages.collation``: pinyin
for Chinese, the alphabet for Vietnamese, the root order otherwise.

That reads the whole list where a page would do, so it is for lists that
stay in the thousands. Its count and the page shown are kept until the site
changes (``web.pagination.numbered``'s ``kept_as``), and a name's key is
worked out once per process.
"""

from functools import lru_cache

from languages.collation import sort_key
from translations.prepared import BoundRows

#: Keys kept per process: a directory's names in each language it is read
#: in. Working one out is ~125 µs for a 30-letter Vietnamese name (5,000
#: names: ~0.6 s of CPU, once); kept flat it is ~0.5 kB, ~3 kB as the nested
#: tuples sort_key gives (tracemalloc): 20,000 are ~10 MB at most.
KEYS_KEPT = 20_000

# The flat key's separators, below every character a name holds (its
# control characters aside): a level ends before the next element of it,
# an element before the next field of it, so shorter sorts first, as in tuples.
_LEVEL, _ELEMENT, _FIELD = "\x01", "\x02", "\x03"
_LOWEST = 4  # an integer n is the character n + _LOWEST


def _flat_field(value: object) -> str:
    if isinstance(value, str):
        return value
    return chr(min(int(value) + _LOWEST, 0x10FFFF))  # bools, ranks, tones, code points


def _flat_element(element: object) -> str:
    if isinstance(element, tuple):
        return _FIELD.join(map(_flat_field, element))
    return _flat_field(element)


@lru_cache(maxsize=KEYS_KEPT)
def flat_key(text: str, language: str) -> str:
    """``languages.collation.sort_key`` as one string that sorts as the key
    does: ``sorted(texts, key=lambda t: flat_key(t, "vi"))``."""
    return _LEVEL.join(
        _ELEMENT.join(map(_flat_element, level)) for level in sort_key(text, language)
    )


class CollatedRows:
    """``rows`` (prepared, unordered) ordered by their ``text`` attribute as
    ``language`` sorts it, then by key, as ``web.pagination.numbered`` reads
    a list: ``len()`` and ``count()`` count in SQL; a slice sorts every row,
    once per request."""

    def __init__(self, rows: BoundRows, language: str, text: str) -> None:
        self.rows, self.language, self.text = rows, language, text
        self._ordered: list | None = None

    def count(self) -> int:
        return self.rows.count()

    def __len__(self) -> int:
        return self.rows.count()

    def __getitem__(self, page: slice) -> list:
        if not isinstance(page, slice):
            raise TypeError("a slice of rows, as a page")
        if self._ordered is None:
            language, text = self.language, self.text
            self._ordered = sorted(
                self.rows.rows("every row"),
                key=lambda row: (flat_key(getattr(row, text) or "", language), row.pk),
            )
        return self._ordered[page]
