"""Sorting words the way readers of a language expect (a small collation).

Python's ``sorted`` orders by code point: Chinese names by the number of
their first character, Vietnamese "Đức" after "Zimbabwe" and "Ấn Độ" after
"Áo" by accident. ICU does this properly, but its Python binding (PyICU)
ships no wheels and the install takes wheels only, so this module builds
collation keys in the same three levels ICU uses, for what the portal sorts
(country names, short titles):

1. letters (base letters, in the language's alphabet), then
2. accents or tones, then
3. case;

with spaces and punctuation before digits before letters ("non-ignorable",
as CLDR's root collation). Chinese is ordered by Hanyu Pinyin through
``pypinyin`` (a pure-Python dictionary of readings, phrases included, so
朝鲜 reads cháo and 秘鲁 reads bì); Vietnamese by its alphabet, where ă, â,
đ, ê, ô, ơ and ư are letters of their own and tones are accents ordered
level, huyền, hỏi, ngã, sắc, nặng. Thai vowels written before their
consonant are sorted after it, as in Thai dictionaries. Every other language
gets the root order. The country lists of zh-Hans, vi and id were checked
against ICU 74 (Chromium's and Node's ``Intl.Collator``):
tests/languages/test_collation.py keeps those orders.
"""

import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from typing import TypeVar

T = TypeVar("T")

# Level 1 ranks: everything that is not a letter or digit comes first.
_SPACE, _PUNCT, _DIGIT, _LETTER = 0, 1, 2, 3

# Vietnamese: letters with their modifiers (breve, circumflex, horn) are
# letters of the alphabet; the five tone marks are second-level accents.
_VI_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_VI_RANK = {letter: rank for rank, letter in enumerate(_VI_ALPHABET)}
_VI_MODIFIERS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
_VI_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Letters without a decomposition that the root order spells out.
_EXPANSIONS = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "þ": "th"}
# Thai vowels written before the consonant they follow in speech.
_THAI_PREVOWELS = set("เแโใไ")
# Letters that the root order keeps apart from their unaccented look-alike
# (Cyrillic й is not и with an accent), and language-specific letters
# (Spanish ñ comes after n).
_ROOT_LETTERS = {"й": ("й", 0)}
_TAILORED = {"es": {**_ROOT_LETTERS, "ñ": ("n", 1)}}


Key = tuple[tuple, tuple, tuple]


def _char_class(char: str) -> int:
    category = unicodedata.category(char)
    if category.startswith("Z") or char in "\t\n":
        return _SPACE
    if category.startswith("N"):
        return _DIGIT
    if category[0] in "LM":  # letters, and the vowel signs that spell them
        return _LETTER
    return _PUNCT


def _is_accent(mark: str) -> bool:
    """A mark of the second level; other combining marks (Thai and Devanagari
    vowel signs, Arabic hamza and madda) are letters of the first level."""
    point = ord(mark)
    return (
        0x0300 <= point <= 0x036F  # Latin, Greek and Cyrillic accents
        or point in (0x3099, 0x309A)  # Japanese voicing marks
        or 0x0E48 <= point <= 0x0E4C  # Thai tone marks
        or point == 0x093C  # Devanagari nukta
        or 0x064B <= point <= 0x0652  # Arabic short vowels
    )


def _base_and_marks(char: str) -> tuple[str, str]:
    if char in "أإ":
        return "ا", char  # alef with hamza: alef, told apart at the second level
    if "\u0600" <= char <= "\u06ff":
        return char, ""  # other Arabic letters (آ among them) as they are
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not _is_accent(c))
    return base or decomposed, "".join(c for c in decomposed if _is_accent(c))


def _reorder_thai(text: str) -> str:
    chars, index = list(text), 0
    while index < len(chars) - 1:
        if chars[index] in _THAI_PREVOWELS:
            chars[index], chars[index + 1] = chars[index + 1], chars[index]
            index += 1  # the vowel now follows its consonant: leave it there
        index += 1
    return "".join(chars)


_KANA_VOWELS = {"A": "ア", "I": "イ", "U": "ウ", "E": "エ", "O": "オ"}


def _lengthen_kana(text: str) -> str:
    """ー (a long vowel) sorts as the vowel it lengthens: オー as オオ."""
    chars = list(text)
    for index in range(1, len(chars)):
        if chars[index] == "ー":
            name = unicodedata.name(chars[index - 1], "")
            if name.startswith(("KATAKANA LETTER", "HIRAGANA LETTER")):
                chars[index] = _KANA_VOWELS.get(name[-1], "ー")
    return "".join(chars)


def _root_key(text: str, tailoring: dict[str, tuple[str, int]] | None = None) -> Key:
    primary, secondary, tertiary = [], [], []
    for char in _lengthen_kana(_reorder_thai(text)):
        lower = char.lower()
        if tailoring and lower in tailoring:
            letter, extra = tailoring[lower]
            primary.append((_LETTER, letter, extra))
            secondary.append("")
            tertiary.append(char != lower)
            continue
        base, marks = _base_and_marks(lower)
        base = _EXPANSIONS.get(base, base)
        primary.extend((_char_class(letter), letter, 0) for letter in base)
        secondary.append(marks)
        tertiary.append(char != lower)
    return tuple(primary), tuple(secondary), tuple(tertiary)


def _vietnamese_key(text: str) -> Key:
    primary, secondary, tertiary = [], [], []
    for char in text:
        lower = char.lower()
        base, marks = _base_and_marks(lower)
        letter = base + "".join(mark for mark in marks if mark in _VI_MODIFIERS)
        letter = unicodedata.normalize("NFC", letter)
        tone = sum(_VI_TONES.get(mark, 0) for mark in marks)
        if letter in _VI_RANK:
            primary.append((_LETTER, _VI_RANK[letter]))
        else:
            primary.extend((_char_class(part), ord(part)) for part in base)
        secondary.append(tone)
        tertiary.append(char != lower)
    return tuple(primary), tuple(secondary), tuple(tertiary)


def _pinyin_key(text: str) -> Key:
    from pypinyin import Style, pinyin

    primary, secondary = [], []
    # One reading per character, chosen with the phrase dictionary.
    readings = pinyin(text, style=Style.TONE3, heteronym=False, errors=lambda chars: list(chars))
    for reading, char in zip((r[0] for r in readings), text, strict=False):
        if reading == char:  # not Chinese: sorts as in the root order
            key = _root_key(char)
            primary.extend((*weight, 0) for weight in key[0])
            secondary.extend(key[1])
            continue
        syllable = reading.rstrip("012345")
        tone = int(reading[len(syllable) :] or 5)
        # Each character weighs what its reading and tone (ā á ǎ à) weigh,
        # right after the Latin letter the reading starts with; characters of
        # one reading are told apart only when the readings tie (ICU would
        # order them by strokes: 立陶宛 before 利比亚; here 利比亚 comes first,
        # as in a list sorted by pinyin).
        primary.append((_LETTER, syllable, tone, 0))
        secondary.append(ord(char))
    return tuple(primary), tuple(secondary), ()


@cache
def _key_function(language: str) -> Callable[[str], Key]:
    base = language.lower().split("-")[0]
    if base == "zh":
        return _pinyin_key
    if base == "vi":
        return _vietnamese_key
    tailoring = _TAILORED.get(base, _ROOT_LETTERS)
    return lambda text: _root_key(text, tailoring)


def sort_key(text: str, language: str) -> Key:
    """A key for ``sorted``: ``sorted(names, key=lambda n: sort_key(n, "vi"))``."""
    return _key_function(language)(unicodedata.normalize("NFC", text))


def sorted_by(items: Iterable[T], language: str, *, key: Callable[[T], str] = str) -> list[T]:
    """``items`` sorted by the text ``key`` gives, in ``language``'s order."""
    collate = _key_function(language)
    return sorted(items, key=lambda item: collate(unicodedata.normalize("NFC", key(item))))
