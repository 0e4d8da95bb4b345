from django.http import HttpRequest
from django.utils import translation

from languages.negotiation import strip_language, switch_path
from languages.registry import get_language
from tenants.addresses import site_origin
from tenants.hub import is_hub
from tenants.models import Site
from tenants.site_languages import offered_languages
from tenants.translation import SiteTranslationOptions

#: Addresses whose language links are remembered in this process (per site):
#: paths and queries are the client's text; the oldest goes first. An entry
#: holds a dict per language: ~1 KB on a site, ~6 KB on the
#: hub (fifteen languages; tracemalloc), so at most ~6 MB.
PAGE_LANGUAGES_LIMIT = 1024
#: Longer addresses are worked out each time (as the page cache's limit).
LONGEST_ADDRESS = 2000
#: ``(schema, offered languages, path, query as sent, active language) ->
#: (the switcher's entries, the language-negotiating path)``.
_page_languages: dict[tuple, tuple[list[dict], str]] = {}


class SiteTexts(dict):
    """The site's translated texts as a page shows them (``site_texts.name``):
    each read through modeltranslation's descriptor (the active language,
    then its fallbacks) the first time the page asks, then kept for the
    page. The frame and a page read ``site.name`` and ``site.tagline`` 5–8
    times, ~10 µs each (timeit; a language look-up, the fallback order and
    the field's default every time). A ``{% language %}`` block must read
    ``site.name``: these are in the language the page started in."""

    __slots__ = ("site",)
    FIELDS = frozenset(SiteTranslationOptions.fields)

    def __init__(self, site: Site) -> None:
        super().__init__()
        self.site = site

    def __missing__(self, field: str) -> str:
        if field not in self.FIELDS:
            raise KeyError(field)
        self[field] = value = getattr(self.site, field)
        return value


def site(request: HttpRequest) -> dict:
    tenant = getattr(request, "tenant", None)
    if is_hub(tenant):
        return {"site": None, "is_hub": True, "site_texts": None}
    return {"site": tenant, "is_hub": False, "site_texts": SiteTexts(tenant)}


def languages(request: HttpRequest) -> dict:
    """The language switcher and hreflang alternates for the current page."""
    if not hasattr(request, "tenant"):  # an unknown host: its page still has a language
        return {"current_language": get_language(translation.get_language())}
    current = translation.get_language()
    offered = offered_languages(request)
    query = request.META.get("QUERY_STRING", "")
    # The entries depend on nothing but the key: worked out each time (the
    # query re-encoded, a path per language) they cost every page ~20 µs of
    # CPU, remembered ~4.5 (timeit with process_time, in a request of the
    # benchmark's site, machine under load), and the query need not be
    # parsed. Keyed per site too, though only its languages matter.
    key = (request.tenant.schema_name, tuple(offered), request.path, query, current)
    found = _page_languages.get(key)
    if found is None:
        found = _page_languages_for(request, offered, current)
        if len(request.path) + len(query) <= LONGEST_ADDRESS:
            if len(_page_languages) >= PAGE_LANGUAGES_LIMIT:
                try:  # the oldest first
                    del _page_languages[next(iter(_page_languages))]
                except (KeyError, RuntimeError, StopIteration):
                    _page_languages.clear()
            _page_languages[key] = found
    entries, negotiating_path = found
    return {
        "page_languages": entries,
        "current_language": get_language(current),
        "negotiating_path": negotiating_path,
        # For absolute links to this page (canonical, alternates): the
        # configured address of the site, whatever Host the request came with.
        "page_origin": site_origin(request.tenant),
    }


def _page_languages_for(
    request: HttpRequest, offered: list[str], current: str
) -> tuple[list[dict], str]:
    # The switcher keeps the page's own parameters (a search, a list's
    # filters), re-encoded; the alternates name the page without them.
    query = request.GET.urlencode()
    entries = []
    for code in offered:
        language = get_language(code)
        path = switch_path(request.path, code)
        entries.append(
            {
                "code": code,
                "name": language.native_name,
                "path": path,
                "url": f"{path}?{query}" if query else path,
                "current": code == current,
            }
        )
    return entries, strip_language(request.path)
