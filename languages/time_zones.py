"""The time zones people choose from: places, not raw tz database names.

The tz database holds ~600 names, a quarter of them aliases kept for old
software ("US/Pacific", "Asia/Saigon") and a few dozen that are no place
at all ("Etc/GMT+5", whose sign is the opposite of what it reads, "EST5EDT",
"Factory"). An official looking for Vietnam found "Asia/Saigon" and
"Asia/Ho_Chi_Minh" side by side. CLDR (through Babel) knows which names are
canonical and which country each belongs to: a site, an event, a launch form
and ``provision_site`` all offer and accept those, plus UTC, and name each
by its country and city in the reader's language ("Việt Nam — Thành phố Hồ
Chí Minh"). One concept, one place: the hub's launch form and the event
admin both build their choices here, and the spec check asks
:func:`check_zone`.
"""

import zoneinfo
from collections.abc import Sequence
from functools import cache

from babel import dates as babel_dates
from babel.core import get_global

from languages.collation import sorted_by
from languages.formatting import NOT_COUNTRIES, country_name
from languages.registry import babel_locale

UTC = "UTC"


@cache
def _zone_countries() -> dict[str, str]:
    """Canonical zone → its country, for the zones this machine's tz data has."""
    available = zoneinfo.available_timezones()
    return {
        zone: territory
        for zone, territory in get_global("zone_territories").items()
        # "001" (the world: EST5EDT, Antarctica/Troll) and "ZZ" (Etc/GMT+5)
        # name no country an official lives in.
        if zone in available
        and len(territory) == 2
        and territory.isalpha()
        and territory not in NOT_COUNTRIES
    }


def offered_zones() -> frozenset[str]:
    """Every zone a site or an event may have: the countries' canonical
    zones, and UTC."""
    return frozenset(_zone_countries()) | {UTC}


def zone_country(zone: str) -> str:
    """``Asia/Urumqi`` → ``CN``; ``""`` for UTC and names that are no place."""
    return _zone_countries().get(zone, "")


def canonical_name(zone: str) -> str | None:
    """The offered name for ``zone`` or one of its aliases (``Asia/Saigon`` →
    ``Asia/Ho_Chi_Minh``, ``Etc/UTC`` → ``UTC``); None when there is none."""
    if zone in offered_zones():
        return zone
    target = get_global("zone_aliases").get(zone, zone)
    if target in ("Etc/UTC", "Etc/GMT"):
        return UTC
    return target if target in offered_zones() else None


def check_zone(zone: str) -> str | None:
    """Why ``zone`` cannot be chosen, in English for commands; None when it can."""
    if zone in offered_zones():
        return None
    canonical = canonical_name(zone)
    if canonical is not None:
        return f"time zone {zone!r} is an old alias: use {canonical}"
    return f"unknown time zone {zone!r} (use a place's IANA name, e.g. Asia/Seoul, or UTC)"


@cache
def zone_label(zone: str, language: str) -> str:
    """``Việt Nam — Thành phố Hồ Chí Minh``: the country first (a select
    jumps to it as one types), then the city as CLDR names it in
    ``language``; the raw name is shown beside it by :func:`zone_options`."""
    locale = babel_locale(language)
    if zone == UTC:
        # CLDR files UTC's name under Etc/UTC; asked for "UTC" Babel answers
        # "Unknown Region (UTC) (Local Time)".
        names = locale.time_zones.get("Etc/UTC", {}).get("long", {})
        return names.get("standard", UTC)
    country = zone_country(zone)
    city = babel_dates.get_timezone_location(zoneinfo.ZoneInfo(zone), locale, return_city=True)
    if not country:
        return city
    return f"{country_name(country, language)} — {city}"


@cache
def _all_options(language: str) -> tuple[tuple[str, str], ...]:
    labelled = [(zone, f"{zone_label(zone, language)} ({zone})") for zone in _zone_countries()]
    return tuple(sorted_by(labelled, language, key=lambda item: item[1]))


def zone_options(language: str, first: Sequence[str] = (), current: str = "") -> list:
    """For a form's time zone field: "—", the zones of the countries
    ``first`` (a site's pair, in that order), UTC, then every other zone in
    a group of its own, named in ``language``.

    ``current`` is kept as a choice when it is no longer offered (an event
    saved with an alias before the list was narrowed), so opening an old
    row does not make it invalid.
    """
    options = _all_options(language)
    top = [item for country in first for item in options if zone_country(item[0]) == country]
    utc = (UTC, f"{zone_label(UTC, language)} ({UTC})")
    rest = [item for item in options if item not in top]
    kept = [(current, current)] if current and current not in offered_zones() else []
    if not top:
        return [("", "—"), *kept, utc, *rest]
    from django.utils.translation import gettext

    return [("", "—"), *kept, *top, utc, (gettext("Other countries and regions"), rest)]
