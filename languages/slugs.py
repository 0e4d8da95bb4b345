"""Slugs that keep the letters of names in any Latin-script language.

Django's ``slugify`` drops what it cannot decompose into ASCII: Vietnamese
đ has no decomposition, so "Đắk Lắk Coffee" became "ak-lak-coffee". Letters
without a decomposition are spelled out first; the rest is Django's slugify
(accents dropped, lower case, hyphens). Chinese characters are written in
pinyin (越南咖啡 → yue-nan-ka-fei). Names in other scripts (Thai, Arabic…)
give an empty slug: callers choose their fallback.
"""

from django.utils.text import slugify

# Letters that Unicode does not decompose into a base letter and an accent.
_SPELLED_OUT = str.maketrans(
    {
        "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O",
        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH",
        "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T",
    }
)  # fmt: skip


def ascii_slug(text: str, *, max_length: int = 100) -> str:
    """``ascii_slug("Cà phê Đắk Lắk")`` → ``ca-phe-dak-lak``; "" for no Latin letters."""
    from pypinyin import lazy_pinyin

    # Each Chinese character becomes its syllable; everything else is kept.
    spelled = " ".join(lazy_pinyin(text, errors=lambda chars: chars))
    return slugify(spelled.translate(_SPELLED_OUT))[:max_length].strip("-")
