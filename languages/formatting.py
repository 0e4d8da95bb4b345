"""Locale-aware formatting through Babel: the one place that formats for people.

Templates reach these through the ``formatting`` tag library; Python code
calls them directly. Nothing here reads the request: callers pass the
language (and time zone) they mean.
"""

import datetime
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from babel import dates as babel_dates
from babel import numbers as babel_numbers

from languages.registry import babel_locale


@cache
def country_name(code: str, language: str) -> str:
    """``country_name("VN", "vi")`` → ``Việt Nam``; CLDR names, never typed by hand."""
    return babel_locale(language).territories.get(code.upper(), code.upper())


def language_name(code: str, language: str) -> str:
    """The name of language ``code`` as written in ``language`` (its own name when equal)."""
    from django.utils.translation import to_locale

    from languages.registry import get_language

    if code == language:
        return get_language(code).native_name
    names = babel_locale(language).languages
    # "Chinese" reads better than CLDR's "Mandarin Chinese (Simplified)" when a
    # site has only one Chinese.
    name = names.get("zh") if code == "zh-hans" else names.get(to_locale(code))
    return name or babel_locale(code).get_display_name(babel_locale(language)) or code


def flag(country_code: str) -> str:
    """The flag emoji for a region code, built from regional indicator symbols."""
    code = country_code.upper()
    if len(code) != 2 or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code)


def format_date(value: datetime.date, language: str, *, format: str = "long") -> str:
    return babel_dates.format_date(value, format=format, locale=babel_locale(language))


def format_datetime(
    value: datetime.datetime, language: str, time_zone: str, *, format: str = "medium"
) -> str:
    return babel_dates.format_datetime(
        value, format=format, tzinfo=ZoneInfo(time_zone), locale=babel_locale(language)
    )


def format_number(value: int | float | Decimal, language: str) -> str:
    return babel_numbers.format_decimal(value, locale=babel_locale(language))


def format_money(amount: int | float | Decimal, currency: str, language: str) -> str:
    return babel_numbers.format_currency(amount, currency, locale=babel_locale(language))


def country_choices(language: str) -> list[tuple[str, str]]:
    """Every country (ISO 3166-1 alpha-2), named in ``language``, in that language's order."""
    territories = babel_locale(language).territories
    return sorted(
        ((code, name) for code, name in territories.items() if len(code) == 2 and code.isalpha()),
        key=lambda item: item[1],
    )


def country_options() -> list[tuple[str, str]]:
    """For a form's country field (as its ``choices`` callable, evaluated per
    form): "—" then every country, named in the active language."""
    from django.utils import translation

    return [("", "—"), *country_choices(translation.get_language() or "en")]
