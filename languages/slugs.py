"""Readable Latin slugs from titles in any script.

A slug names a page in its address, so it should read as the title does:
Chinese becomes pinyin (pypinyin, which knows that 重庆 is Chongqing), Korean
the Revised Romanization (korean-romanizer), Japanese Hepburn (pykakasi),
and every other script its usual ASCII transliteration (anyascii), which
keeps the letters of Vietnamese (Đắk Lắk → dak-lak) where Django's
``slugify`` drops what it cannot decompose (Đ). A title with nothing to
transliterate (only emoji, say) gets a stable id made from the title, so
the same title always gives the same slug.

:func:`unique_slug` then makes it unique among the rows of one table.
"""

import hashlib
import re
import unicodedata
from functools import cache

from anyascii import anyascii
from django.db import models
from django.utils.text import slugify

#: Han ideographs (CJK unified, extension A, compatibility).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: Hangul syllables and jamo.
HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")
#: Hiragana and katakana: their presence makes a text Japanese.
KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
RUNS = re.compile(f"({HAN.pattern}|{HANGUL.pattern})")

DEFAULT_MAX_LENGTH = 100


@cache
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(text))


def _hangul(text: str) -> str:
    from korean_romanizer.romanizer import Romanizer

    return Romanizer(text).romanize()


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
