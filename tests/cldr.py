"""What Babel's CLDR data says, for tests to compare pages with.

CLDR's wording changes between Babel releases (2.19 dropped the Indonesian
rupiah's ",00" and renamed the Vietnamese short Monday), so a test that
copies one release's output breaks on the next. Tests ask Babel instead and
keep exact strings only where the exact string is the point.
"""

import datetime

from babel import Locale
from babel import dates as babel_dates
from django.utils.translation import to_locale


def locale(language: str) -> Locale:
    """Babel's locale for a Django language code (``zh-hans`` → ``zh_Hans``)."""
    return Locale.parse(to_locale(language))


def country(code: str, language: str) -> str:
    return locale(language).territories[code]


def language(code: str, language: str) -> str:
    """CLDR's name of language ``code`` written in ``language`` (``Tiếng Anh``)."""
    return locale(language).languages[to_locale(code)]


def countries(first: str, second: str, language: str) -> str:
    """The pair as sites show it: ``Trung Quốc · Việt Nam``."""
    return f"{country(first, language)} · {country(second, language)}"


def long_date(day: datetime.date, language: str) -> str:
    return babel_dates.format_date(day, "long", locale=locale(language))
