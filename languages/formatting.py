"""Locale-aware formatting through Babel: the one place that formats for people.

Templates reach these through the ``formatting`` tag library; Python code
calls them directly. Nothing here reads the request: callers pass the
language (and time zone) they mean.
"""

import datetime
import functools
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers
from django.utils import translation

from languages.collation import sorted_by
from languages.registry import babel_locale


@cache
def country_name(code: str, language: str) -> str:
    """``country_name("VN", "vi")`` → ``Việt Nam``; CLDR names, never typed by hand."""
    return babel_locale(language).territories.get(code.upper(), code.upper())


# CLDR's data through Babel: 10–30 µs a call here, and a page names the
# same few languages (badges, the fallback note) again and again.
@functools.lru_cache(maxsize=1024)
def language_name(code: str, language: str) -> str:
    """The name of language ``code`` in ``language``, as CLDR writes it: a
    label, a heading, a table's cell, a choice ("Tiếng Anh", "anglais",
    "Englisch"). Inside a sentence use :func:`language_in_sentence`. A list
    that names each language in its own name (a language menu: "Français",
    "Bahasa Indonesia") uses ``get_language(code).native_name`` instead."""
    from django.utils.translation import to_locale

    names = babel_locale(language).languages
    # "Chinese" reads better than CLDR's "Mandarin Chinese (Simplified)" when a
    # site has only one Chinese.
    name = names.get("zh") if code == "zh-hans" else names.get(to_locale(code))
    return name or babel_locale(code).get_display_name(babel_locale(language)) or code


# Languages whose CLDR names of languages are stand-alone forms that a
# sentence writes with a small first letter. Vietnamese names a language
# with the common noun "tiếng" ("language") before its proper name: CLDR
# stores "Tiếng Anh", and writes "tiếng Anh" inside a name itself ("Tiếng
# Hindi (lai tiếng Anh)"); a sentence says "bản tiếng Tây Ban Nha". French,
# Spanish, Portuguese and Russian names are small in CLDR already ("anglais",
# "inglés"); German capitalises every noun ("auf Englisch"); English,
# Indonesian and Malay names are proper nouns ("bahasa Inggris"); the other
# scripts have no case. tests/languages/test_formatting.py reads Babel's data
# for each of these.
_SMALL_FIRST_LETTER_IN_SENTENCE = frozenset({"vi"})


def language_in_sentence(code: str, language: str) -> str:
    """The name of language ``code`` as ``language`` writes it inside a
    sentence: "Trang này không có bản tiếng Tây Ban Nha", "pas encore
    disponible en espagnol", "nicht auf Spanisch verfügbar"."""
    name = language_name(code, language)
    if language.split("-")[0].lower() in _SMALL_FIRST_LETTER_IN_SENTENCE:
        return name[:1].lower() + name[1:]
    return name


# How a sentence ends in each language that does not end it with ".":
# Chinese and Japanese with an ideographic full stop, Hindi and Bengali with
# a danda, Urdu, Burmese and Khmer with their own, Thai with nothing (a space
# separates its sentences).
_FULL_STOP = {
    "zh-hans": "。", "ja": "。", "hi": "।", "bn": "।", "ur": "۔", "my": "။", "km": "។", "th": "",
}  # fmt: skip
_ENDS_A_SENTENCE = frozenset(".!?…。．！？।॥۔؟။។")


def as_sentence(text: str, language: str) -> str:
    """A reason written as a clause (the commands print it so: "domain 'x'
    is already used by site cn-vn") as a sentence on a form: its first
    letter a capital, and the full stop of ``language`` unless it has one."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if text[-1] in _ENDS_A_SENTENCE:
        return text
    return text + _FULL_STOP.get(language, ".")


# What follows a label ("When: …") and what sets two sentences apart, where a
# language writes them otherwise than ": " and " ": Chinese and Japanese with a
# full-width colon and nothing between sentences (their full stop is wide),
# French with a no-break space before the colon.
_AFTER_LABEL = {"zh-hans": "：", "zh-hant": "：", "ja": "：", "fr": "\u00a0: "}
_BETWEEN_SENTENCES = {"zh-hans": "", "zh-hant": "", "ja": ""}


def after_label(language: str) -> str:
    """What ``language`` writes between a label and its value: ": ", "："."""
    return _AFTER_LABEL.get(language, ": ")


def between_sentences(language: str) -> str:
    """What ``language`` writes between two sentences: " ", or nothing."""
    return _BETWEEN_SENTENCES.get(language, " ")


def blocktranslated(message: str, values: Callable[[], Mapping[str, str]]) -> str:
    """What ``{% blocktranslate trimmed %}`` writes for ``message`` with
    ``values`` (escaped by the caller) put in, for tags that write their
    HTML in Python: a translation that lost or broke a placeholder gives the
    message untranslated, the values worked out again in no language, as
    Django's tag falls back."""
    try:
        return translation.gettext(message) % values()
    except (KeyError, ValueError):
        with translation.override(None):
            return translation.gettext(message) % values()


def flag(country_code: str) -> str:
    """The flag emoji for a region code, built from regional indicator symbols."""
    code = country_code.upper()
    if len(code) != 2 or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code)


# Thai dates: Gregorian years, not the Buddhist Era (พ.ศ.). Decided in
# session 7 (tests/languages/test_thai_era.py holds the evidence):
# - Thai readers write dates in the Buddhist Era (year + 543: 1 ธันวาคม 2569)
#   and ICU, the reference implementation of CLDR (Node 20's Intl, ICU 78.2 /
#   CLDR 48), formats "th" in the Buddhist calendar by default. Babel 2.19
#   carries CLDR's Gregorian calendar only: no Buddhist patterns, no era.
# - Every date here goes through Babel (this module, format_interval for
#   ranges, format_skeleton for month titles in events and coordination,
#   the browser's own date inputs): adding 543 in one place would show 2569
#   in a heading and 2026 in the range below it. Half-converted is worse
#   than consistently Gregorian.
# - A Gregorian year is never misread in Thai: CE years (20xx) and BE years
#   (25xx) do not overlap, and Babel's long and full Thai forms name the era
#   (1 ธันวาคม ค.ศ. 2026); partner sites, co-hosted events and the
#   coordinators' calendar show the same year to every reader.
# To show พ.ศ., format "th" through ICU (PyICU, locale th_TH@calendar=buddhist)
# in every one of those places at once; the test compares with ICU.
def format_date(value: datetime.date, language: str, *, format: str = "long") -> str:
    return _format_date(value, language, format)


@functools.lru_cache(maxsize=4096)
def _format_date(value: datetime.date, language: str, format: str) -> str:
    # ~70 µs a call in Babel, fifty times per list page; lists repeat few days.
    return babel_dates.format_date(value, format=format, locale=babel_locale(language))


def format_skeleton(value: datetime.date, skeleton: str, language: str) -> str:
    """A date in CLDR's pattern for ``skeleton`` in ``language`` ("yMMMM":
    "tháng 9 năm 2027"; "MMMMEEEEd": "Thứ Sáu, 17 tháng 9")."""
    return _format_skeleton(value, skeleton, language)


@functools.lru_cache(maxsize=4096)
def _format_skeleton(value: datetime.date, skeleton: str, language: str) -> str:
    # Babel matches the skeleton against every pattern of the locale on each
    # call (~1 ms): a month grid's 42 days were a fifth of the coordination
    # calendar's Python time.
    return babel_dates.format_skeleton(skeleton, value, locale=babel_locale(language))


def format_datetime(
    value: datetime.datetime, language: str, time_zone: str, *, format: str = "medium"
) -> str:
    return babel_dates.format_datetime(
        value, format=format, tzinfo=ZoneInfo(time_zone), locale=babel_locale(language)
    )


def _time_skeleton(language: str) -> str:
    # The locale's own clock: 24-hour where its short time is (HH:mm), else 12-hour.
    return "Hm" if "H" in babel_locale(language).time_formats["short"].pattern else "hm"


def format_time(value: datetime.datetime, language: str, time_zone: str) -> str:
    return babel_dates.format_time(
        value, "short", tzinfo=ZoneInfo(time_zone), locale=babel_locale(language)
    )


def _date_and_time(date_text: str, time_text: str, language: str) -> str:
    # CLDR's pattern for joining a long date and a time ("{1}, {0}", "{0} {1}"…).
    pattern = str(babel_locale(language).datetime_formats["long"])
    return pattern.replace("{1}", date_text).replace("{0}", time_text)


def format_moment(value: datetime.datetime, language: str, time_zone: str) -> str:
    """A date and time as pages show them: the long date and the short time
    (``14 tháng 4, 2027`` with ``09:00``, joined the locale's way)."""
    local = value.astimezone(ZoneInfo(time_zone))
    return _date_and_time(
        format_date(local.date(), language), format_time(value, language, time_zone), language
    )


def format_moment_in_zone(value: datetime.datetime, language: str, time_zone: str) -> str:
    """``format_moment`` with the zone named as :func:`format_range_in_zone`
    names it ("9 Mar 2026, 09:30 (Vietnam Time)"), for pages read in many
    zones (the hub, a clash's history beside its events' times). Not CLDR's
    short zone, which for most of Asia is a bare offset ("+0700")."""
    return f"{format_moment(value, language, time_zone)} ({zone_name(time_zone, language)})"


def format_range(
    start: datetime.datetime | datetime.date,
    end: datetime.datetime | datetime.date,
    language: str,
    time_zone: str = "UTC",
) -> str:
    """The one way a span of time is written, so a page never mixes styles.

    Dates (``datetime.date``) give ``14 tháng 4, 2027`` or
    ``14 tháng 4, 2027 – 15 tháng 4, 2027``; moments on one day give the long
    date with the times (``April 14, 2027, 9:00 AM – 5:00 PM``); moments on
    different days give both ends in full. Dates are always the long date of
    ``format_date``, the style of every other date on the portal's pages.
    """
    locale = babel_locale(language)
    if not isinstance(start, datetime.datetime):
        if start == end:
            return format_date(start, language)
        return f"{format_date(start, language)} – {format_date(end, language)}"
    zone = ZoneInfo(time_zone)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    if local_start.date() == local_end.date():
        times = babel_dates.format_interval(
            local_start, local_end, _time_skeleton(language), tzinfo=zone, locale=locale
        )
        return _date_and_time(format_date(local_start.date(), language), times, language)
    return (
        f"{format_moment(start, language, time_zone)} – {format_moment(end, language, time_zone)}"
    )


def zone_name(time_zone: str, language: str) -> str:
    """A time zone's generic name in ``language`` ("Indochina Time",
    "Koreanische Zeit"): not the location, which can carry a city in
    parentheses ("China (Shanghai) Time"). UTC as CLDR files it (asked for
    "UTC", Babel answers "Unknown Region (UTC)")."""
    locale = babel_locale(language)
    if time_zone == "UTC":
        return locale.time_zones.get("Etc/UTC", {}).get("long", {}).get("standard", "UTC")
    return babel_dates.get_timezone_name(
        ZoneInfo(time_zone), "long", zone_variant="generic", locale=locale
    )


def format_range_in_zone(
    start: datetime.datetime, end: datetime.datetime, language: str, time_zone: str
) -> str:
    """``format_range`` in ``time_zone``, which it names: for readers of
    times from several places ("20 Dec 2026, 12:00–14:00 (Korean Time)")."""
    return f"{format_range(start, end, language, time_zone)} ({zone_name(time_zone, language)})"


def format_number(value: int | float | Decimal, language: str) -> str:
    if type(value) is int:  # not bool, not a Decimal that equals an int
        return _format_int(value, language)
    return babel_numbers.format_decimal(value, locale=babel_locale(language))


@functools.lru_cache(maxsize=4096)
def _format_int(value: int, language: str) -> str:
    # ~30 µs a call in Babel; a list's pager and totals repeat few numbers.
    return babel_numbers.format_decimal(value, locale=babel_locale(language))


def format_percent(value: int | float | Decimal, language: str) -> str:
    """``value`` out of 100 as ``language`` writes a percentage ("92%", "92 %", "%92")."""
    return babel_numbers.format_percent(value / 100, locale=babel_locale(language))


def format_names(names: Sequence[str], language: str) -> str:
    """ "A, B and C" as ``language`` joins names ("A、B和C" in Chinese)."""
    if not names:
        return ""
    return babel_lists.format_list(list(names), locale=babel_locale(language))


def format_money(amount: int | float | Decimal, currency: str, language: str) -> str:
    return babel_numbers.format_currency(amount, currency, locale=babel_locale(language))


# CLDR names more than countries: pseudo-locales for testing (XA, XB), the
# unknown region (ZZ), groupings (EU, EZ, UN, QO) and parts of other
# countries with a code reserved only for postal or customs use (AC, CP, CQ,
# DG, EA, IC, TA). None belongs in a list of countries. Kosovo (XK) stays.
NOT_COUNTRIES = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}
)


@cache
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    territories = babel_locale(language).territories
    countries = (
        (code, name)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    )
    return tuple(sorted_by(countries, language, key=lambda item: item[1]))


def country_choices(language: str) -> list[tuple[str, str]]:
    """Every country and territory (ISO 3166-1 alpha-2, and Kosovo), named in
    ``language`` and in that language's alphabetical order (pinyin for
    Chinese, the Vietnamese alphabet for Vietnamese: ``languages.collation``)."""
    return list(_country_choices(language))


def country_options(first: Sequence[str] = ()) -> list:
    """For a form's country field: "—", the countries ``first`` (a site's
    pair) in that order, then every other country in a group of its own;
    named in the active language."""
    from django.utils import translation
    from django.utils.translation import gettext

    choices = country_choices(translation.get_language() or "en")
    names = dict(choices)
    top = [(code, names[code]) for code in first if code in names]
    if not top:
        return [("", "—"), *choices]
    rest = [(code, name) for code, name in choices if code not in first]
    return [("", "—"), *top, (gettext("Other countries and regions"), rest)]
