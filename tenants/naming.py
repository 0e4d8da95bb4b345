"""Names of sites in any language."""

from django.utils import translation
from django.utils.translation import gettext

from languages.columns import text_in
from languages.formatting import country_name


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
