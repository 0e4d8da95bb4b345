"""Activate the request's language and time zone from the site it is for."""

import time
from collections.abc import Callable
from http.cookies import Morsel

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import is_valid_path
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _

from languages.negotiation import best_language, language_from_path
from tenants.hub import HUB_LANGUAGES, is_hub

COOKIE_MAX_AGE = 365 * 24 * 3600


def _language_redirect(path: str, request: HttpRequest) -> HttpResponse:
    response = HttpResponseRedirect(path)
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


def offered_languages(request: HttpRequest) -> list[str]:
    site = getattr(request, "tenant", None)
    return list(HUB_LANGUAGES) if is_hub(site) else list(site.languages)


class SiteLanguageMiddleware:
    """Every page lives under a language prefix the site offers.

    ``/`` redirects to the best of the site's languages; a prefix the site
    does not offer (``/id/`` on China–Vietnam) is a 404 in the best of them,
    which leads to the page in each (``request.unoffered_language`` tells
    ``web.errors``). Visiting a prefixed page remembers the choice.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = offered_languages(request)
        site = request.tenant
        timezone.activate(site.time_zone)
        prefix = language_from_path(request.path_info)
        unoffered = prefix is not None and prefix not in offered
        if prefix is None or unoffered:
            # A prefix the site does not offer: its 404 in the best language
            # the visitor reads that the site offers (web.errors).
            language = best_language(request, offered, default=offered[0])
        else:
            language = prefix
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

        if unoffered:
            request.unoffered_language = prefix
            raise Http404(_("This site is not available in that language."))
        if prefix is None and request.path_info == "/":
            return _language_redirect(f"/{language}/", request)

        response = self.get_response(request)
        if prefix is None and response.status_code == 404:
            # /news/launch/ → /vi/news/launch/ when that page exists.
            localized = f"/{request.LANGUAGE_CODE}{request.path_info}"
            if is_valid_path(localized, getattr(request, "urlconf", None)):
                return _language_redirect(
                    f"/{request.LANGUAGE_CODE}{request.get_full_path()}", request
                )
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        remember_language(request, response, prefix)
        return response


def request_language(request: HttpRequest) -> tuple[str | None, str | None]:
    """``(the path's language prefix, the language the page is in)``, as the
    middleware decides them; the page's language is None where the path's
    prefix is not one the site offers (a 404)."""
    offered = offered_languages(request)
    prefix = language_from_path(request.path_info)
    if prefix is not None:
        return prefix, prefix if prefix in offered else None
    language = best_language(request, offered, default=offered[0])
    return None, language if language in offered else offered[0]


def remember_language(request: HttpRequest, response: HttpResponse, prefix: str | None) -> None:
    """Visiting a page under a language prefix remembers that language."""
    if prefix and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != prefix:
        response.cookies[settings.LANGUAGE_COOKIE_NAME] = _language_cookie(prefix).copy()


_written: dict[tuple, Morsel] = {}


def _language_cookie(language: str) -> Morsel:
    """The language cookie, written once a minute per language (a year ahead,
    the minute does not matter): each visitor without it gets a copy.
    Writing it for each response cost as much as the rest of a stored page's
    language handling (bench/http.py --cpu)."""
    minute = int(time.time()) // 60
    name, secure = settings.LANGUAGE_COOKIE_NAME, settings.SESSION_COOKIE_SECURE
    key = (language, minute, name, secure)
    cookie = _written.get(key)
    if cookie is None:
        if len(_written) > 100:
            _written.clear()
        scratch = HttpResponse()
        scratch.set_cookie(
            name,
            language,
            max_age=COOKIE_MAX_AGE,
            expires=http_date(minute * 60 + COOKIE_MAX_AGE),
            samesite="Lax",
            secure=secure,
        )
        cookie = _written[key] = scratch.cookies[name]
    return cookie
