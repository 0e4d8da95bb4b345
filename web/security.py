"""A Content-Security-Policy for the portal's own pages, and a guard against
requests no view should see.

The templates use no inline script or style and load nothing from other
origins, so the policy can be strict: if a text ever slipped past escaping,
the browser would still refuse to run it. Django's admin sets its own rules
and is left alone.
"""

import codecs

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, QueryDict

from web.devkey import is_local_host, is_loopback_address, uses_development_key

POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


_LOWER, _STORED = "content-security-policy", ("Content-Security-Policy", POLICY)
assert POLICY.isascii() and "\n" not in POLICY  # what the header validation checks


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            # Straight into the header store, as setdefault() would put it: a
            # constant, checked once here (_STORED) rather than per response.
            response.headers._store.setdefault(_LOWER, _STORED)
        return response


class DevelopmentKeyRefused(SuspiciousOperation):
    """A request a server with the development SECRET_KEY must not answer."""


class RequestGuardMiddleware:
    """Refuses, before any view runs, what views must never see.

    - With the development SECRET_KEY (``web.devkey``), a Host that is not
      ``localhost``/``*.localhost`` or a client that is not on this machine:
      400, and the reason in the security log for the operator.
    - A NUL character, which PostgreSQL cannot store or compare: in the path
      a 404, in the query string a 400, in a cookie a 400 that also deletes
      the cookie (a browser must not stay stuck with it).

    It runs after the site and its language are known, so these pages are
    the site's, in the reader's language.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if uses_development_key(settings.SECRET_KEY):
            host = request.get_host()
            if not is_local_host(host):
                raise DevelopmentKeyRefused(
                    f"The development SECRET_KEY cannot serve the host {host!r}: set SECRET_KEY."
                )
            if not is_loopback_address(request.META.get("REMOTE_ADDR", "")):
                raise DevelopmentKeyRefused(
                    "The development SECRET_KEY cannot serve clients on other machines: "
                    "set SECRET_KEY."
                )
        if "\x00" in request.path:
            raise Http404
        if _nul_in_query(request):
            # BadRequest, not SuspiciousOperation: a 400 without a security
            # report (robots probe with %00 all day; nobody needs mail of it).
            raise BadRequest("NUL character in the query string")
        poisoned = _poisoned_cookies(request)
        if poisoned:
            return _refuse_cookies(request, poisoned)
        return self.get_response(request)


class QueryStringMiddleware:
    """The query string read as UTF-8, whatever charset a request's
    Content-Type declares: that charset is its body's, and a URL's query is
    percent-encoded UTF-8 (our pages are UTF-8, and so are their forms).
    Django decodes the query with the declared charset, and a link made from
    it was encoded back with it: ``?q=%C3%A9`` sent as ``charset=ascii``
    was a 500 (UnicodeEncodeError). Before every layer that reads it."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.encoding is not None and codecs.lookup(request.encoding).name != "utf-8":
            request.GET = QueryDict(request.META.get("QUERY_STRING", ""), encoding="utf-8")
        return self.get_response(request)


def refused(request: HttpRequest) -> bool:
    """Whether :class:`RequestGuardMiddleware` refuses ``request``: for layers
    that answer before it (the page cache), which then leave the request to
    it."""
    if uses_development_key(settings.SECRET_KEY):
        host = request._get_raw_host()  # unchecked: the guard only reads it
        if not is_local_host(host) or not is_loopback_address(request.META.get("REMOTE_ADDR", "")):
            return True
    return "\x00" in request.path or _nul_in_query(request) or bool(_poisoned_cookies(request))


# The query string and the cookies are parsed only when their raw text could
# hold a NUL (written as %00, or as \000 in a quoted cookie): most requests
# hold neither, and skip the parsing.


def _nul_in_query(request: HttpRequest) -> bool:
    return _may_hold_nul(request.META.get("QUERY_STRING", "")) and any(
        "\x00" in key + "".join(values) for key, values in request.GET.lists()
    )


def _poisoned_cookies(request: HttpRequest) -> list[str]:
    if not _may_hold_nul(request.META.get("HTTP_COOKIE", "")):
        return []
    return [name for name, value in request.COOKIES.items() if "\x00" in name + value]


def _may_hold_nul(raw: str) -> bool:
    """Whether ``raw`` (a query string or a Cookie header as sent) could
    decode to text with a NUL: a NUL itself, ``%00`` or a backslash escape."""
    return "\x00" in raw or "%00" in raw or "\\" in raw


def _refuse_cookies(request: HttpRequest, names: list[str]) -> HttpResponse:
    from importlib import import_module

    from web.errors import bad_request

    request.COOKIES = {name: value for name, value in request.COOKIES.items() if name not in names}
    if settings.SESSION_COOKIE_NAME in names:
        # The page below reads the (anonymous) user: never with the bad key.
        engine = import_module(settings.SESSION_ENGINE)
        request.session = engine.SessionStore()
    response = bad_request(request, SuspiciousOperation("NUL character in a cookie"))
    for name in names:
        if "\x00" not in name:
            response.delete_cookie(name)
    return response
