from django.http import HttpRequest
from django.utils import translation

from languages.negotiation import strip_language, switch_path
from languages.registry import get_language
from tenants.addresses import site_origin
from tenants.hub import is_hub
from tenants.site_languages import offered_languages


def site(request: HttpRequest) -> dict:
    tenant = getattr(request, "tenant", None)
    return {"site": None if is_hub(tenant) else tenant, "is_hub": is_hub(tenant)}


def languages(request: HttpRequest) -> dict:
    """The language switcher and hreflang alternates for the current page."""
    if not hasattr(request, "tenant"):  # an unknown host: its page still has a language
        return {"current_language": get_language(translation.get_language())}
    current = translation.get_language()
    # The switcher keeps the page's own parameters (a search, a list's
    # filters), re-encoded; the alternates name the page without them.
    query = request.GET.urlencode()
    entries = []
    for code in offered_languages(request):
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
    return {
        "page_languages": entries,
        "current_language": get_language(current),
        "negotiating_path": strip_language(request.path),
        # For absolute links to this page (canonical, alternates): the
        # configured address of the site, whatever Host the request came with.
        "page_origin": site_origin(request.tenant),
    }
