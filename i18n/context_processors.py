from django.http import HttpRequest
from django.utils import translation

from i18n.middleware import offered_languages
from languages.negotiation import strip_language, switch_path
from languages.registry import get_language


def languages(request: HttpRequest) -> dict:
    """The language switcher and hreflang alternates for the current page."""
    if not hasattr(request, "tenant"):  # an unknown host: its page still has a language
        return {"current_language": get_language(translation.get_language())}
    current = translation.get_language()
    entries = []
    for code in offered_languages(request):
        language = get_language(code)
        entries.append(
            {
                "code": code,
                "name": language.native_name,
                "path": switch_path(request.path, code),
                "current": code == current,
            }
        )
    return {
        "page_languages": entries,
        "current_language": get_language(current),
        "negotiating_path": strip_language(request.path),
    }
