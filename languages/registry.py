"""The language registry: which languages the framework can serve.

django-modeltranslation adds one column per translated field per language in
``settings.LANGUAGES``, in every site schema, so the registry is a curated
list (the languages of China's main trade partners) rather than every
language Django ships. Adding one here means a new migration for every
translated model. Each site then picks its own ordered subset.

This module must stay importable from settings: it uses no models.
"""

import unicodedata
from dataclasses import dataclass
from functools import cache

from babel import Locale
from django.conf.locale import LANG_INFO
from django.utils.translation import to_locale

SUPPORTED_CODES: tuple[str, ...] = (
    "zh-hans",
    "en",
    "vi",
    "id",
    "ms",
    "th",
    "km",
    "my",
    "ko",
    "ja",
    "mn",
    "ru",
    "kk",
    "uz",
    "ar",
    "fa",
    "tr",
    "hi",
    "ur",
    "bn",
    "fr",
    "de",
    "es",
    "pt",
    "it",
    "zh-hant",
)

#: For ``settings.LANGUAGES``: code and English name, as Django expects.
SETTINGS_LANGUAGES: tuple[tuple[str, str], ...] = tuple(
    (code, LANG_INFO[code]["name"]) for code in SUPPORTED_CODES
)


@dataclass(frozen=True)
class Language:
    code: str
    english_name: str
    native_name: str
    bidi: bool

    @property
    def babel_locale(self) -> Locale:
        return babel_locale(self.code)

    @property
    def direction(self) -> str:
        return "rtl" if self.bidi else "ltr"


def babel_locale(code: str) -> Locale:
    """Babel's locale for a Django language code (``zh-hans`` → ``zh_Hans``)."""
    return _babel_locale(code.lower())


@cache
def _babel_locale(code: str) -> Locale:
    return Locale.parse(to_locale(code))


@cache
def get_language(code: str) -> Language:
    """The registry entry for ``code``; raises KeyError for an unsupported code."""
    code = code.lower()
    if code not in SUPPORTED_CODES:
        raise KeyError(code)
    info = LANG_INFO[code]
    # Django stores some local names decomposed (NFD); pages want NFC.
    native = unicodedata.normalize("NFC", info["name_local"])
    if native == info["name"] and code != "en":
        # Django has no local name for a few languages (Khmer, Mongolian);
        # CLDR, through Babel, does.
        native = babel_locale(code).get_display_name(babel_locale(code))
    return Language(
        code=code,
        english_name=info["name"],
        native_name=native[:1].upper() + native[1:],
        bidi=bool(info["bidi"]),
    )


def normalize(code: str) -> str:
    """Accept ``zh-Hans``, ``zh_Hans`` or ``ZH-HANS`` and return ``zh-hans``."""
    return code.strip().replace("_", "-").lower()


def catalog_languages(locale_dirs) -> tuple[str, ...]:
    """Supported languages that have a UI catalog in one of ``locale_dirs``."""
    from pathlib import Path

    from django.utils.translation import to_language

    found = {
        to_language(po.parent.parent.name)
        for directory in locale_dirs
        for po in Path(directory).glob("*/LC_MESSAGES/django.po")
    }
    return tuple(code for code in SUPPORTED_CODES if code in found)


def file_language(code: str) -> str:
    """The portal's code for a language as a file names it: ``zh_Hans``,
    ``zh-Hans`` and ``zh_CN`` are ``zh-hans``; ``pt_BR`` is ``pt`` (the
    registry has one Portuguese); ``vi_VN`` is ``vi``. A code the portal does
    not know comes back normalised (``tlh-latn``), to be refused by name."""
    code = normalize(code)
    parts = code.split("-")
    # The longest known prefix: a script (zh-hant-tw) before a country (pt-br).
    for end in range(len(parts), 0, -1):
        candidate = "-".join(parts[:end])
        if candidate in SUPPORTED_CODES:
            return candidate
        # Django's own table maps countries to scripts: zh-cn → zh-hans.
        for fallback in LANG_INFO.get(candidate, {}).get("fallback", ()):
            if fallback in SUPPORTED_CODES:
                return fallback
    return code
