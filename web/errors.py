"""Error pages in the reader's language and the site's branding.

Django's own pages are in English, and with DEBUG on they list the URL
patterns; these render the site's base template (its name, colours and
navigation) in the language the request was answered in. A server error
must not fail in turn: when the branded page cannot be rendered (the
database is what broke), a plain page in the same language is returned.
"""

import logging

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from languages.formatting import language_in_sentence
from languages.negotiation import switch_path
from languages.registry import get_language
from tenants.site_languages import offered_languages

logger = logging.getLogger(__name__)


def _page(request: HttpRequest, status: int, title: str, message: str, **extra) -> HttpResponse:
    context = {"status": status, "title": title, "message": message, **extra}
    try:
        body = render_to_string("errors/error.html", context, request=request)
    except Exception:  # the branded page needs what may have failed (the database)
        logger.exception("error page %s rendered without the site's branding", status)
        body = render_to_string("errors/plain.html", context)
    response = HttpResponse(body, status=status)
    if translation.get_language():
        response.headers["Content-Language"] = translation.get_language()
    return response


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        400,
        _("Bad request"),
        _(
            "The address or the form that was sent could not be understood. Check the address, or go back and try again."
        ),
    )


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        403,
        _("Access denied"),
        _(
            "Your account may not open this page. Sign in with another account, or ask the site's officials for access."
        ),
    )


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    asked = getattr(request, "unoffered_language", None)
    if asked is None:
        return _page(
            request,
            404,
            _("Page not found"),
            _("The page you asked for does not exist or is not available in this language."),
        )
    # A language the portal has but this site does not offer: the page in
    # each language it offers, or its home in them where there is no such page.
    ways, same_page = language_ways(request)
    response = _page(
        request,
        404,
        _("Page not found"),
        _("This site is not available in %(language)s.")
        % {"language": language_in_sentence(asked, translation.get_language())},
        ways=ways,
        ways_title=_("Read this page in:") if same_page else _("Go to the home page in:"),
    )
    # Its language came from the visitor's cookie or browser.
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


def language_ways(request: HttpRequest) -> tuple[list[dict], bool]:
    """``([{code, name, url}] for each language the site offers, whether they
    lead to the same page)``: the request's path under each of its prefixes
    where the site has that page, else each language's home."""
    offered = offered_languages(request)
    urlconf = getattr(request, "urlconf", None)
    # Under the active language: the hub's prefixes match that one only.
    same_page = is_valid_path(switch_path(request.path_info, translation.get_language()), urlconf)
    ways = [
        {
            "code": code,
            "name": get_language(code).native_name,
            "url": escape_uri_path(
                switch_path(request.path_info, code) if same_page else f"/{code}/"
            ),
        }
        for code in offered
    ]
    return ways, same_page


def too_many_requests(request: HttpRequest, *, retry_after: int = 600) -> HttpResponse:
    """For a limit met outside a form (a form shows the limit's message itself)."""
    response = _page(
        request,
        429,
        _("Too many requests"),
        _("Too many attempts from your connection. Please wait a few minutes and try again."),
    )
    response["Retry-After"] = str(retry_after)
    return response


class MethodNotAllowedMiddleware:
    """A method a view does not take gets Django's empty 405 (require_POST,
    require_safe, a class-based view's http_method_not_allowed): no page, in
    no language. Here it gets the error page in the reader's language, its
    Allow header kept. Inside the CSRF and session layers, as a view: the
    page's own forms get their token."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.streaming or response.content:
            return response
        page = _page(
            request,
            405,
            _("Not possible on this page"),
            _(
                "This page cannot be used that way. Go back to the page you came from and try again."
            ),
        )
        page["Allow"] = response["Allow"]
        return page


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        500,
        _("Something went wrong"),
        _("Something went wrong on our side. The team has been told; please try again later."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token: usually a page left open
    too long, or cookies blocked. Nothing was saved; say how to send it again."""
    return _page(
        request,
        403,
        _("The form could not be sent"),
        _(
            "The page was open too long or your browser blocks cookies, so nothing was saved. Go back, reload the page and send the form again."
        ),
    )
