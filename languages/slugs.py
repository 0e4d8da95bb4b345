"""Readable Latin slugs from titles in any script.

A slug names a page in its address, so it should read as the title does:
Chinese becomes pinyin (pypinyin, which knows that 重庆 is Chongqing), Korean
the Revised Romanization (korean-romanizer), Japanese Hepburn (pykakasi),
Devanagari as Hindi speaks it (:func:`devanagari`:
भारत-चीन व्यापार मंच → bharat-chin-vyapar-manch, where anyascii writes
"bhart-cin-vyapar-mmc"), and every other script its usual ASCII
transliteration (anyascii), which keeps the letters of Vietnamese
(Đắk Lắk → dak-lak) where Django's
``slugify`` drops what it cannot decompose (Đ). A title with nothing to
transliterate (only emoji, say) gets a stable id made from the title, so
the same title always gives the same slug.

:func:`unique_slug` then makes it unique among the rows of one table.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from anyascii import anyascii
from django.db import models
from django.utils.text import slugify

from languages.pinyin import HAN, syllables

#: Hangul syllables and jamo.
HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")
#: Hiragana and katakana: their presence makes a text Japanese.
KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
#: The Devanagari block (letters, signs, digits, dandas).
DEVANAGARI = re.compile(r"[\u0900-\u097f]+")
RUNS = re.compile(f"({HAN.pattern}|{HANGUL.pattern}|{DEVANAGARI.pattern})")

DEFAULT_MAX_LENGTH = 100


@cache
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


def _pinyin(text: str) -> str:
    return " ".join(syllables(text))


def _hangul(text: str) -> str:
    from korean_romanizer.romanizer import Romanizer

    return Romanizer(text).romanize()


# Devanagari, written for Hindi readers: no library in the lock knows the
# script's spoken form (anyascii maps each letter alone, so it drops the
# inherent vowel, "bhart", and turns the anusvara into "m", "mmc"). The table
# follows the spellings Hindi speakers use in addresses (ch, sh, v; long and
# short vowels alike), and the rules of schwa deletion below.
_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n",
    "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n",
    "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m",
    "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh", "ष": "sh", "स": "s", "ह": "h", "ळ": "l",
}  # fmt: skip
#: Consonants with a nukta (dot below): Perso-Arabic and retroflex flap
#: sounds. NFC writes the precomposed ones (क़, U+0958) as letter + nukta.
_NUKTA = {"क": "q", "ख": "kh", "ग": "gh", "ज": "z", "ड": "r", "ढ": "rh", "फ": "f", "य": "y"}
_VOWELS = {
    "अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ऋ": "ri", "ॠ": "ri",
    "ऌ": "li", "ए": "e", "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o", "ऍ": "e", "ऎ": "e", "ऒ": "o",
}  # fmt: skip
_MATRAS = {
    "ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "ृ": "ri", "ॄ": "ri", "ॢ": "li",
    "े": "e", "ै": "ai", "ो": "o", "ौ": "au", "ॉ": "o", "ॅ": "e", "ॆ": "e", "ॊ": "o",
}  # fmt: skip
_VIRAMA, _NUKTA_SIGN, _VISARGA = "\u094d", "\u093c", "\u0903"
_NASALS = {"\u0902", "\u0901"}  # anusvara, chandrabindu
_LABIALS = ("p", "b", "m")


@dataclass
class _Syllable:
    onset: list[str] = field(default_factory=list)
    vowel: str | None = "a"  # None: no vowel (virama, or a deleted schwa)
    inherent: bool = True  # the vowel is the unwritten "a"
    coda: str = ""  # "N" for a nasal sign, "h" for visarga
    consonant: str = ""  # the last consonant letter, for a following nukta


def _devanagari_word(word: str) -> str:
    syllables: list[_Syllable] = []
    for char in word:
        last = syllables[-1] if syllables else None
        if char in _CONSONANTS:
            if last and last.vowel is None and not last.coda and last.onset:
                # After a virama: one more consonant of the same cluster.
                if char == "ञ" and last.consonant == "ज":
                    last.onset[-1] = "gy"  # ज्ञ is said "gy" in Hindi
                else:
                    last.onset.append(_CONSONANTS[char])
                last.vowel, last.inherent, last.consonant = "a", True, char
            else:
                syllables.append(_Syllable(onset=[_CONSONANTS[char]], consonant=char))
        elif char == _NUKTA_SIGN and last and last.consonant in _NUKTA:
            last.onset[-1] = _NUKTA[last.consonant]
        elif char in _MATRAS and last:
            last.vowel, last.inherent = _MATRAS[char], False
        elif char == _VIRAMA and last:
            last.vowel, last.inherent = None, False
        elif char in _VOWELS or char in _MATRAS:
            syllables.append(_Syllable(vowel=_VOWELS.get(char) or _MATRAS[char], inherent=False))
        elif char in _NASALS and last:
            last.coda = "N"
        elif char == _VISARGA and last:
            last.coda = "h"
        # Anything else (avagraha, a stray sign) is not spoken.

    def deletable(syllable: _Syllable) -> bool:
        return syllable.inherent and not syllable.coda

    # Hindi does not say a word's final inherent vowel (भारत: bharat), except
    # after a cluster ending in y or r (मित्र: mitra, राज्य: rajya), in the
    # suffix -iya (भारतीय: bhartiya) and in a word of one syllable (न: na).
    if len(syllables) > 1 and deletable(final := syllables[-1]):
        cluster = len(final.onset) > 1 and final.onset[-1] in ("y", "r")
        iya = final.onset == ["y"] and syllables[-2].vowel == "i"
        if not (cluster or iya):
            final.vowel = None
    # Nor one between a vowel-consonant and a consonant-vowel (सरकार:
    # sarkar, सहयोग: sahyog), read from the end so that two in a row are not
    # both dropped (बदलना: badalna).
    for index in range(len(syllables) - 2, 0, -1):
        here, before, after = syllables[index], syllables[index - 1], syllables[index + 1]
        if (
            deletable(here)
            and len(here.onset) == 1
            and before.vowel
            and not before.coda
            and len(after.onset) == 1
            and after.vowel
        ):
            here.vowel = None

    spoken = []
    for index, syllable in enumerate(syllables):
        coda = syllable.coda
        if coda == "N":
            following = syllables[index + 1].onset if index + 1 < len(syllables) else []
            coda = "m" if following and following[0].startswith(_LABIALS) else "n"
        spoken.append("".join(syllable.onset) + (syllable.vowel or "") + coda)
    return "".join(spoken)


def devanagari(text: str) -> str:
    """Devanagari ``text`` in Latin letters as Hindi speakers write it:
    the inherent vowel where it is spoken, the anusvara as n or m, nukta
    letters as z, f, q; Devanagari digits as digits and dandas as spaces."""
    out = []
    text = unicodedata.normalize("NFC", text)
    for piece in re.split(r"([\u0964\u0965\u0966-\u096f\u0950])", text):
        if not piece:
            continue
        if "\u0966" <= piece <= "\u096f":
            out.append(str(unicodedata.digit(piece)))
        elif piece == "\u0950":
            out.append(" om ")
        elif piece in ("\u0964", "\u0965"):
            out.append(" ")
        else:
            out.append(_devanagari_word(piece))
    return "".join(out)


def transliterate(text: str, language: str | None = None) -> str:
    """``text`` in Latin letters, words separated by spaces where the script
    has none (a syllable of Chinese is a word here)."""
    text = unicodedata.normalize("NFC", text)
    if language == "ja" or KANA.search(text):
        # Kanji read as Japanese, not as Chinese.
        text = " ".join(item["hepburn"] or item["orig"] for item in _kakasi().convert(text))
    parts = []
    for run in RUNS.split(text):
        if not run:
            continue
        if HAN.fullmatch(run):
            parts.append(f" {_pinyin(run)} ")
        elif HANGUL.fullmatch(run):
            parts.append(f" {_hangul(run)} ")
        elif DEVANAGARI.fullmatch(run):
            parts.append(devanagari(run))
        else:
            parts.append(anyascii(run))
    return "".join(parts)


def slug_for(
    text: str,
    *,
    language: str | None = None,
    max_length: int = DEFAULT_MAX_LENGTH,
    fallback: str = "item",
) -> str:
    """A slug for ``text``: lower-case ASCII letters, digits and hyphens, at
    most ``max_length`` long, cut at a hyphen rather than inside a word."""
    # Symbols (emoji, ©) have names in anyascii (":tada:"), not sounds.
    original = text or ""
    letters = "".join(c for c in original if unicodedata.category(c) not in ("So", "Sk", "Cs"))
    slug = slugify(transliterate(letters, language))
    if len(slug) > max_length:
        head = slug[: max_length + 1]
        slug = (head.rsplit("-", 1)[0] if "-" in head else head[:max_length]).strip("-")
    if not slug:
        digest = hashlib.sha1(original.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        slug = f"{fallback}-{digest}"[:max_length]
    return slug


def unique_slug(
    queryset: models.QuerySet,
    base: str,
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
    exclude_pk=None,
    field: str = "slug",
) -> str:
    """``base``, or ``base-2``, ``base-3``… : the first not used by a row of
    ``queryset`` other than ``exclude_pk`` (one query)."""
    base = base[:max_length].strip("-") or "item"
    taken_rows = queryset.filter(**{f"{field}__startswith": base[: max_length - 4]})
    if exclude_pk is not None:
        taken_rows = taken_rows.exclude(pk=exclude_pk)
    taken = set(taken_rows.values_list(field, flat=True))
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        number += 1


def ascii_slug(text: str, *, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """The slug of ``text``, or "" when it has nothing to transliterate (the
    caller chooses the fallback)."""
    letters = "".join(c for c in text or "" if unicodedata.category(c) not in ("So", "Sk", "Cs"))
    slug = slugify(transliterate(letters))
    return slug[:max_length].strip("-") if slug else ""
