"""How Chinese text is read aloud, in Latin letters (Hanyu Pinyin without tones).

Chinese is typed by sound: a pinyin input method offers every character of
the sound typed, and the usual slip is a neighbour of the same sound (榴连
for 榴莲). Two spellings with one reading are therefore near spellings, as
"durien" is of "durian". Readings come from ``pypinyin``'s dictionary, which
reads each character in its phrase (重庆 is chongqing, not zhongqing).
"""

import re

#: Han characters (the unified ideographs, extension A and the compatibility block).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def syllables(text: str) -> list[str]:
    """The toneless syllable of each Han character of ``text``; anything else
    is kept as it is, a run at a time ("越南 durian" → yue, nan, " durian")."""
    from pypinyin import lazy_pinyin  # a large dictionary: loaded when first read

    return lazy_pinyin(text)


def reading(text: str) -> str:
    """The toneless reading of ``text`` run together ("榴莲" → "liulian"), or
    "" unless ``text`` is all Han characters."""
    if not text or not HAN.fullmatch(text):
        return ""
    return "".join(syllables(text))
