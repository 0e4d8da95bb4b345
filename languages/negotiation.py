"""Pick the language for a request from the languages a site offers."""

from collections.abc import Sequence

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation.trans_real import parse_accept_lang_header

from languages.registry import SUPPORTED_CODES, normalize

# Browser tags that do not name a Django language directly.
_ALIASES = {
    "zh": "zh-hans",
    "zh-cn": "zh-hans",
    "zh-sg": "zh-hans",
    "zh-my": "zh-hans",
    "zh-tw": "zh-hant",
    "zh-hk": "zh-hant",
    "zh-mo": "zh-hant",
    "in": "id",  # the withdrawn ISO 639 code some old clients still send
}


def match_language(tag: str, offered: Sequence[str]) -> str | None:
    """The offered language that a browser tag such as ``vi-VN`` asks for."""
    tag = normalize(tag)
    candidates = [tag, _ALIASES.get(tag, "")]
    if tag.startswith(("zh-hans", "zh-hant")):
        candidates.append(tag[:7])
    base = tag.split("-")[0]
    candidates += [_ALIASES.get(base, ""), base]
    for candidate in candidates:
        if candidate and candidate in offered:
            return candidate
    return None


#: Browser languages kept from one Accept-Language header: enough for any
#: real preference list, and a bound on what a stored page's key holds.
MAX_ACCEPTED = 4


def accepted_languages(request: HttpRequest, offered: Sequence[str] = SUPPORTED_CODES) -> list[str]:
    """The ``offered`` languages the browser's Accept-Language lists, in its
    order of preference, each once (at most MAX_ACCEPTED): a French reader
    whose browser also accepts English gets ``["fr", "en"]``."""
    found: list[str] = []
    header = request.headers.get("Accept-Language", "")[:500]
    for tag, _quality in parse_accept_lang_header(header):
        if tag == "*":
            break
        match = match_language(tag, offered)
        if match and match not in found:
            found.append(match)
            if len(found) == MAX_ACCEPTED:
                break
    return found


def language_from_path(path: str) -> str | None:
    """The supported language code that starts ``path`` (``/vi/news/`` → ``vi``)."""
    first = path.lstrip("/").split("/", 1)[0].lower()
    return first if first in SUPPORTED_CODES else None


def best_language(request: HttpRequest, offered: Sequence[str], *, default: str) -> str:
    """An explicit earlier choice (cookie), then Accept-Language, then ``default``."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in offered:
        return chosen
    for tag, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if tag == "*":
            break
        match = match_language(tag, offered)
        if match:
            return match
    return default


def switch_path(path: str, language: str) -> str:
    """The same page in ``language``: swap or add the language prefix."""
    current = language_from_path(path)
    if current is None:
        return f"/{language}/"
    rest = path.lstrip("/")[len(current) :]
    return f"/{language}{rest or '/'}"


def strip_language(path: str) -> str:
    """The path without its language prefix: the language-negotiating address."""
    current = language_from_path(path)
    if current is None:
        return path
    return path.lstrip("/")[len(current) :] or "/"
