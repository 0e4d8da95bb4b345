"""Names of sites in any language: the full name, and the short name that
tells a site apart where space is short (the coordinators' calendar)."""

import unicodedata

from django.utils import translation
from django.utils.translation import gettext

from languages.columns import text_in
from languages.formatting import country_name
from languages.registry import SUPPORTED_CODES

# A short name fits a day of the month grid and a filter's line; one made
# from two long country names may run longer (the column holds it).
SHORT_NAME_MAX_LENGTH = 40
SHORT_NAME_COLUMN_LENGTH = 120


def default_name(countries: tuple[str, str], language: str) -> str:
    """``中国–韩国经贸合作`` etc.: the pattern is a UI string, the countries come from CLDR."""
    first, second = (country_name(code, language) for code in countries)
    with translation.override(language):
        return gettext("%(first)s–%(second)s Economic and Trade Cooperation") % {
            "first": first,
            "second": second,
        }


def name_in(site, language: str) -> str:
    """The site's own name in ``language``, or one composed for it: the hub
    speaks more languages than most sites were named in."""
    own = text_in(site, "name", language)
    return own or default_name(site.countries, language)


def code_suffix(code: str, countries: tuple[str, str]) -> str:
    """What a site's code adds to its pair: ``cn-kr2`` → ``2``, ``kr-cn-pilot``
    → ``pilot``, ``cn-kr`` → ``""``; a code that does not start with the pair
    (``seoul-expo``) is all its own."""
    for first, second in (countries, countries[::-1]):
        pair = f"{first}-{second}".lower()
        if code == pair:
            return ""
        if code.startswith(pair):
            return code[len(pair) :].strip("-")
    return code


def default_short_name(countries: tuple[str, str], code: str, language: str) -> str:
    """``China–South Korea 2``, ``中国–韩国 2``: the two countries as CLDR names
    them in ``language`` (what coordinators recognise, in their words), then
    what the code adds, which tells apart the sites of one pair."""
    pair = "–".join(country_name(country, language) for country in countries)
    suffix = code_suffix(code, countries)
    return f"{pair} {suffix}" if suffix else pair


def short_name_in(site, language: str) -> str:
    """The site's short name in ``language``: as stored (typed at launch, or
    made then), else made now for a language the site does not offer.
    Every page of the coordination calendar names sites by it."""
    return text_in(site, "short_name", language) or default_short_name(
        site.countries, site.code, language
    )


def short_names_for(
    code: str, countries: tuple[str, str], languages: list[str], typed: dict[str, str]
) -> dict[str, str]:
    """The short name a site stores in each of its ``languages``: as typed, else
    made (a typed one that shows nothing, zero-width spaces say, is none)."""
    return {
        language: typed[language]
        if comparable(typed.get(language) or "")
        else default_short_name(countries, code, language)
        for language in languages
    }


# Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt)
# that are not format characters (Cf): fillers and selectors drawn as
# nothing, so "China" with one inside reads as "China". Plus the braille blank.
_DRAWN_AS_NOTHING = (
    (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x2800, 0x2800), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0),
    (0xE0100, 0xE01EF),
)  # fmt: skip

# Cyrillic and Greek letters that, in their capital or small form, are drawn
# as a Latin letter is. Compared after casefolding, so both forms of the
# letter are covered (a Russian name stays a Russian name: the same mapping
# is applied to both sides of every comparison).
# And the Icelandic ð, drawn as the Vietnamese đ; the Arabic tatweel, which
# only stretches the letter before it, is dropped.
_LOOKALIKES = str.maketrans(
    "авеѕіјкмнорстухүһԁԛԝӏαβεζηικμνορτυχð",
    "abesijkmhopctyxyhdqwlabezhikmnoptyxđ",
    "\u0640",
)
# Drawn as a dash between two country names: box-drawing lines, the
# character for one (一), the katakana long mark; and the minus sign and the
# hyphen bullet, which are not dash punctuation (Pd) either.
_DASHES = {c: "-" for c in "\u2212\u2043\u2500\u2501\u4e00\u30fc"}
# Written two ways: Thai แ as two เ.
_SEQUENCES = (("เเ", "แ"),)


def _drawn(character: str) -> bool:
    point = ord(character)
    if unicodedata.category(character) in {"Cf", "Cn"}:  # format, unassigned
        return False
    return not any(low <= point <= high for low, high in _DRAWN_AS_NOTHING)


def comparable(text: str) -> str:
    """What a reader could not tell apart: case, spacing, the kind of dash,
    invisible characters (a zero-width space, a direction mark, a Hangul
    filler, an unassigned code point), a Cyrillic or Greek letter drawn as a
    Latin one, with its accents (compared letter by letter, decomposed), a
    Thai vowel written in two halves, an Arabic tatweel. Not Unicode's whole
    confusables table (UTS #39): the look-alikes of the scripts the sites'
    languages are written in, listed above."""
    text = unicodedata.normalize("NFKC", text).casefold()
    for written, read in _SEQUENCES:
        text = text.replace(written, read)
    text = "".join(
        "-" if unicodedata.category(c) == "Pd" else _DASHES.get(c, c) for c in text if _drawn(c)
    )
    text = unicodedata.normalize("NFD", text).translate(_LOOKALIKES)
    return "".join(unicodedata.normalize("NFC", text).split())


def short_name_owner(
    code: str, countries: tuple[str, str], languages: list[str], typed: dict[str, str]
) -> tuple[object, str] | None:
    """(another site, the short name) when one of site ``code``'s short names,
    in any language the hub speaks (``languages`` first), reads the same as
    one of another site's, in any language: a coordinator switching language,
    or a name typed in another script ("中国–越南" as a Korean short name), must
    not meet one site under another's name. None when its names are its own."""
    owners = short_name_owners(code, countries, languages, typed)
    return next(iter(owners.values()), None)


def short_name_owners(
    code: str, countries: tuple[str, str], languages: list[str], typed: dict[str, str]
) -> dict[str, tuple[object, str]]:
    """Each language whose short name of site ``code`` another site has
    (:func:`short_name_owner`), ``languages`` first: a form says each one
    beside its own field."""
    from tenants.models import Site

    order = list(languages) + [other for other in SUPPORTED_CODES if other not in languages]
    mine = short_names_for(code, countries, order, typed)
    taken: dict[str, object] = {}
    for other in Site.objects.real().exclude(code=code):
        for language in order:
            taken.setdefault(comparable(short_name_in(other, language)), other)
    owners: dict[str, tuple[object, str]] = {}
    for language in order:
        owner = taken.get(comparable(mine[language]))
        if owner is not None:
            owners[language] = (owner, mine[language])
    return owners


def name_owner(
    code: str, countries: tuple[str, str], typed: dict[str, str]
) -> tuple[object, str] | None:
    """(another site, the name) when a name typed for site ``code`` reads the
    same as the name of a site of another pair, in any language the hub
    speaks (its own, or one composed for it): "China–Thailand …" must not
    name the China–Malaysia site. Sites of one pair may share a name, as
    the names composed for them do (a copy restored with ``--as``, a second
    site for a city): their short names tell them apart."""
    from tenants.models import Site

    wanted = {comparable(name): name for name in typed.values() if comparable(name)}
    if not wanted:
        return None
    for other in Site.objects.real().exclude(code=code):
        if set(other.countries) == set(countries):
            continue
        for language in SUPPORTED_CODES:
            name = wanted.get(comparable(name_in(other, language)))
            if name is not None:
                return other, name
    return None


def name_taken_message(owner: tuple[object, str]) -> str:
    """The refusal, in the active language (the hub's form, the commands)."""
    site, name = owner
    return gettext(
        "The name %(name)s is already used by site %(site)s; give this site another one."
    ) % {"name": name, "site": site.code}


def short_name_taken_message(owner: tuple[object, str]) -> str:
    """The refusal, in the active language (the hub's form, the admin, the commands)."""
    site, name = owner
    return gettext(
        "The short name %(name)s is already used by site %(site)s; give this site another one."
    ) % {"name": name, "site": site.code}
