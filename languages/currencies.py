"""The currencies people choose from: money that is legal tender today.

ISO 4217 (Babel's ``list_currencies()``, ~300 codes) keeps currencies long
gone (DEM, the Andorran peseta), funds and units of account (CLF, XDR) and
codes reserved for testing (XTS) or "no currency" (XXX): none is a site's
currency. CLDR records which currency each country uses and since when;
what some country holds as legal tender on the day is offered, named in
the reader's language, and ``provision_site`` accepts the same
(:func:`check_currency`).
"""

import datetime
from collections.abc import Sequence
from functools import lru_cache

from babel.core import get_global
from babel.numbers import get_currency_name, get_territory_currencies

from languages.collation import sorted_by
from languages.formatting import NOT_COUNTRIES
from languages.registry import babel_locale


def _today() -> datetime.date:
    from django.utils import timezone

    return timezone.now().date()


@lru_cache(maxsize=4)
def _tender_by_country(day: datetime.date) -> dict[str, tuple[str, ...]]:
    return {
        country: tuple(get_territory_currencies(country, day, tender=True))
        for country in get_global("territory_currencies")
        if len(country) == 2 and country.isalpha() and country not in NOT_COUNTRIES
    }


def current_currencies(day: datetime.date | None = None) -> frozenset[str]:
    """Every currency that is legal tender in some country on ``day`` (today)."""
    by_country = _tender_by_country(day or _today())
    return frozenset(code for codes in by_country.values() for code in codes)


def country_currencies(country: str, day: datetime.date | None = None) -> tuple[str, ...]:
    """``VN`` → ``("VND",)``; ``ZW`` → ``("USD", "ZWG")``."""
    return _tender_by_country(day or _today()).get(country.upper(), ())


def currency_countries(code: str, day: datetime.date | None = None) -> tuple[str, ...]:
    """The countries where ``code`` is legal tender on ``day`` (today): ``EUR`` → ``AD AT …``."""
    by_country = _tender_by_country(day or _today())
    return tuple(sorted(country for country, codes in by_country.items() if code in codes))


def currency_name(code: str, language: str) -> str:
    """``VND`` in ``vi`` → ``Đồng Việt Nam``; the code when CLDR has no name."""
    try:
        return get_currency_name(code, locale=babel_locale(language))
    except (ValueError, LookupError):
        return code


def check_currency(code: str) -> str | None:
    """Why ``code`` cannot be a site's currency, in English for commands;
    None when it can."""
    if code.upper() in current_currencies():
        return None
    return (
        f"currency {code!r} is not legal tender in any country today "
        "(use the ISO 4217 code of a current currency, e.g. KRW)"
    )


@lru_cache(maxsize=32)
def _labelled(language: str, day: datetime.date) -> tuple[tuple[str, str], ...]:
    # Sorting 153 names by the language's collation took ~20 ms a form.
    labelled = [
        (code, f"{currency_name(code, language)} ({code})") for code in current_currencies(day)
    ]
    return tuple(sorted_by(labelled, language, key=lambda item: item[1]))


def currency_options(language: str, first: Sequence[str] = ()) -> list:
    """For a form's currency field: "—", the currencies of the countries
    ``first`` (a site's pair), then every other current currency in a group
    of its own, each named in ``language`` with its code."""
    from django.utils.translation import gettext

    options = _labelled(language, _today())
    wanted = list(dict.fromkeys(code for country in first for code in country_currencies(country)))
    names = dict(options)
    top = [(code, names[code]) for code in wanted if code in names]
    if not top:
        return [("", "—"), *options]
    rest = [item for item in options if item[0] not in wanted]
    return [("", "—"), *top, (gettext("Other currencies"), rest)]
