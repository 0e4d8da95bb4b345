"""The page cache: anonymous visitors' pages, stored per site, language and URL.

What is stored: a GET answered 200 to a request that carries no cookie but
the CSRF and language ones (so no session, no sign-in, no pending message)
and no ``Authorization``, whose response sets no cookie, is not marked
private/no-store/no-cache, varies on nothing but ``Cookie`` (which such a
request does not send), and did not touch the session. Anything else passes
through untouched, so a new page needs nothing to be cached safely.

Forms: a page that used a CSRF token is stored with every token taken out,
and each visitor who gets the stored copy gets their own token put back in
(and the CSRF cookie, by the CSRF middleware's own steps, as on a rendered page). A page
that shows the token's secret in any other form is not stored.

What keeps it current (``tenants.generations``): every key holds the site's
generation and the public schema's, which every committed write moves, from
a request or not; an unsafe request that succeeded moves its site's too. What
changes with the clock alone (an article published at a set time, a listing
expiring, an event becoming past) is covered by the schedules content apps
register (:func:`register_schedule`): an entry lives no longer than the
site's next scheduled change.

``Cache-Control: no-cache`` on a request (a browser's forced reload) renders
the page afresh and stores it. ``PAGE_CACHE_SECONDS=0`` turns the cache off;
``manage.py clear_page_cache`` empties it. Responses say ``X-Page-Cache: hit``,
``miss`` or ``bypass``.
"""

import datetime
import hashlib
import re
import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    CsrfViewMiddleware,
    _unmask_cipher_token,
)
from django.utils import timezone
from django.utils.connection import ConnectionProxy

from languages.negotiation import accepted_languages
from tenants.generations import PUBLIC, current, has_pending_writes, moves
from tenants.site_languages import remember_language, request_language
from web.csrf_tokens import CHAR_INDEX, masked, random_chars
from web.messages import queued_messages
from web.security import refused

HEADER = "X-Page-Cache"
#: Stored pages, in a cache of their own (settings.CACHES).
stored_pages = ConnectionProxy(caches, "pages")
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_URL_LENGTH = 2000
#: Every byte of the CSRF alphabet (ASCII letters and digits) as ``a``, any
#: other as a space: a form token is then a run of exactly 64 ``a`` that
#: ``bytes.find`` finds (_without_tokens).
_TOKEN_MARKS = bytes(0x61 if byte in CSRF_ALLOWED_CHARS.encode() else 0x20 for byte in range(256))
_TOKEN_RUN = b"a" * 2 * CSRF_SECRET_LENGTH
#: Characters of runs longer than a token checked for one, per page, at most
#: (~20 ms at worst): a page with more is served, not stored (_without_tokens).
LONG_RUNS_CHECKED = 1024
_PRIVATE = re.compile(r"\b(private|no-store|no-cache)\b", re.IGNORECASE)

Schedule = Callable[[datetime.datetime], datetime.datetime | None]


def next_local_midnight(now: datetime.datetime) -> datetime.datetime:
    """Pages that depend on the date (listings valid until a day, today's
    mark on a calendar) change at midnight in the site's time zone."""
    local = timezone.localtime(now)
    tomorrow = local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time(), tzinfo=local.tzinfo)


_schedules: list[Schedule] = [next_local_midnight]
_hub_schedules: list[Schedule] = [next_local_midnight]


def register_schedule(schedule: Schedule, *, hub: bool = False) -> None:
    """``schedule(now)`` returns, in the current site's schema, the next moment
    after ``now`` at which a page of the site would change with no write (a
    scheduled publication, an expiry), or None. Content apps register theirs
    from ``AppConfig.ready()``; with ``hub``, the moment a page of the hub
    (the public schema) would change (an event of any site ending)."""
    schedules = _hub_schedules if hub else _schedules
    if schedule not in schedules:
        schedules.append(schedule)


def next_scheduled_change(now: datetime.datetime, *, hub: bool = False) -> datetime.datetime | None:
    schedules = _hub_schedules if hub else _schedules
    moments = [moment for schedule in schedules if (moment := schedule(now)) is not None]
    return min(moments, default=None)


def _schema(request: HttpRequest) -> str | None:
    site = getattr(request, "tenant", None)
    return getattr(site, "schema_name", None)


def _generations(request: HttpRequest, schema: str) -> tuple[int, int]:
    """``(the site's generation, the public schema's)`` the request's page and
    fragments are keyed on: read once a request, before anything the page
    shows, and with the site lookup when it could (both in one round trip to
    Redis: ``tenants.services.site_lookup``). Read before the view, they may
    be older than what it shows, never newer: what is kept under them is
    then unreachable once they move, as it must be. Read again once the
    request's own connection has committed a write that moved them (a GET
    view that writes): its fragments must not be those kept from before.
    Raises OSError where there are no numbers (``tenants.generations``)."""
    moved = moves(connections[DEFAULT_DB_ALIAS])
    memo = request.__dict__.get("_generations")
    if memo is not None and memo[:2] == (moved, schema):
        return memo[2]
    site = request.tenant
    looked_up = memo is None and getattr(site, "looked_up_at_moves", None) == moved
    own = getattr(site, "generation", None) if looked_up else None
    public = getattr(site, "public_generation", None) if looked_up else None
    if own is not None and public is not None and site.schema_name == schema:
        found = (own, public)
    else:
        found = current(schema, public=public)
    request._generations = (moved, schema, found)
    return found


def _allowed_cookies() -> set[str]:
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def _eligible(request: HttpRequest) -> bool:
    meta = request.META
    return (
        request.method == "GET"
        and not request.path_info.startswith(("/admin/", settings.STATIC_URL))
        and "HTTP_AUTHORIZATION" not in meta
        # The address as sent (Django's escaped form is longer for other
        # scripts; this bounds what a key is made of, not its length).
        and len(request.path) + len(meta.get("QUERY_STRING", "")) <= MAX_URL_LENGTH
        and ("HTTP_COOKIE" not in meta or request.COOKIES.keys() <= _allowed_cookies())
        and not has_pending_writes(connection)
    )


def _key(request: HttpRequest, schema: str, generations: tuple[int, int], language: str) -> str:
    query = _query_key(request.META.get("QUERY_STRING", ""), request)
    url = f"{request.scheme}|{request.path}?{query}"
    if schema == PUBLIC:
        # The hub shows each item in a language the visitor's browser accepts
        # when the visitor's own is missing (hub.gather): one copy per list.
        url += "|" + ",".join(accepted_languages(request))
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
    # "page2": entries hold their headers as Django's header store (a copy
    # stored by an earlier release, in a shared cache, is never read back).
    return f"page2:{schema}:{generations[0]}:{generations[1]}:{language}:{digest}"


def _query_key(raw: str, request: HttpRequest) -> str:
    """The query string with its parameters in name order (each name's values
    kept in theirs): one key for addresses that differ only in order."""
    if not raw:
        return ""  # most addresses: no QueryDict to build
    if "%" in raw or "+" in raw:
        # Escapes: names that differ as sent may be one name decoded, and
        # then only the decoded form orders them right.
        return urlencode(sorted(request.GET.lists()), doseq=True)
    # As sent, each part is its name and value as the view reads them; a
    # stable sort by name keeps each name's values in their order.
    return "&".join(sorted(raw.split("&"), key=lambda part: part.split("=", 1)[0]))


def _token_used(request: HttpRequest, response: HttpResponse) -> bool:
    # The CSRF middleware (further in) has set its cookie and cleared the
    # flag by the time the response gets here; either says a token was used.
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or settings.CSRF_COOKIE_NAME in response.cookies
    )


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    # Only the CSRF cookie of a page with a form (each visitor gets their own)
    # and the language one (put back for each visitor as it would be set).
    if response.cookies.keys() - _allowed_cookies():
        return False
    if _PRIVATE.search(response.get("Cache-Control", "")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    keyed = {"cookie", "accept-encoding"}
    if _schema(request) == PUBLIC:
        keyed.add("accept-language")  # in the key (_key)
    if vary - keyed:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "_cached_user", None)
    if user is not None and user.is_authenticated:
        return False
    return not queued_messages(request)


def _without_tokens(
    request: HttpRequest, response: HttpResponse, content: bytes
) -> list[bytes] | None:
    """The content cut around every CSRF token of this visitor (one part if
    none), or None if the secret shows in any other form.

    A token is any run of exactly 64 letters and digits (no letter or digit
    either side) that unmasks to the visitor's secret. The runs are found on
    a copy of the page with every such byte as ``a`` and any other as a
    space, by ``bytes.find``: a regular expression with look-arounds took
    1.8 ms on a 20 kB event page, this 0.07 ms (the copy is most of it).
    A token inside a longer run (``x<token>``, ``%3D<token>``) cannot be cut
    out: the page is then not stored (each 64 characters of such a run are
    checked; pages seldom have any). Nor is a page whose longer runs hold
    more than LONG_RUNS_CHECKED characters in all: checking costs up to
    ~17 µs a character (a visitor can choose a secret whose first pair
    matches everywhere in a run of one letter), and a long word an editor
    wrote, asked for with no-cache, must not cost a worker seconds."""
    if not _token_used(request, response):
        return [content]
    secret = request.META.get("CSRF_COOKIE", "")
    if len(secret) != CSRF_SECRET_LENGTH or secret.encode() in content:
        return None
    marks = content.translate(_TOKEN_MARKS)
    size, length = len(_TOKEN_RUN), len(content)
    parts, position, unchecked = [], 0, LONG_RUNS_CHECKED
    start = marks.find(_TOKEN_RUN)
    while start != -1:
        end = start + size
        if end < length and marks[end] == 0x61:  # a longer run: no token to cut
            after = marks.find(b" ", end)
            run = content[start : length if after == -1 else after]
            unchecked -= len(run)
            if unchecked < 0 or _holds_token(run, secret):
                return None
            if after == -1:
                break
            start = marks.find(_TOKEN_RUN, after)
            continue
        # ``start`` begins a run: every search starts at a space or at 0.
        if _unmask_cipher_token(content[start:end].decode()) == secret:
            parts.append(content[position:start])
            position = end
        start = marks.find(_TOKEN_RUN, end)
    parts.append(content[position:])
    return parts


def holds_a_token(request: HttpRequest, content: bytes) -> bool:
    """Whether ``content`` may show this visitor's CSRF token or secret: a
    part kept for other visitors must not (web/templatetags/frame.py)."""
    return _without_tokens(request, HttpResponse(), content) != [content]


def _holds_token(run: bytes, secret: str) -> bool:
    """Whether any 64 characters of ``run`` (letters and digits) unmask to
    ``secret``: a masked token is its mask, then each secret character
    shifted by the mask's, so the first pair is checked before the rest."""
    text, index, size = run.decode(), CHAR_INDEX, len(CSRF_ALLOWED_CHARS)
    first, half = index[secret[0]], CSRF_SECRET_LENGTH
    return any(
        (index[text[at + half]] - index[text[at]]) % size == first
        and _unmask_cipher_token(text[at : at + 2 * half]) == secret
        for at in range(len(text) - 2 * half + 1)
    )


#: ``(schema, generations) -> (moment, remembered until)``: the next
#: scheduled change, in this process too. A rendered page asked the cache
#: twice for it (its fragments' scope, then its own entry): two locmem reads
#: (~10 µs each: the key checked character by character, unpickling), or
#: two round trips to Redis with CACHE_URL. Keyed by the generations as the
#: cache's entry is, and kept no longer than it (PAGE_CACHE_SECONDS).
_next_changes: dict[tuple[str, int, int], tuple[float, float]] = {}


def _site_zone(request: HttpRequest) -> str:
    """The zone a site's next change is looked up in ("midnight" is the
    site's), whatever the layers further in left active: the page and its
    fragments share the remembered moment, so both must ask in the same."""
    return getattr(request.tenant, "time_zone", None) or settings.TIME_ZONE


def _until(schema: str, generations: tuple[int, int], *, zone: str) -> float:
    """The moment (seconds since the epoch) an entry made now may live
    until: PAGE_CACHE_SECONDS from now, or the site's next scheduled change
    if sooner. The next change is looked up once per generation and
    remembered with it (in this process, and in the cache for the other
    processes), in time zone ``zone`` ("midnight" is the site's)."""
    moment_now = timezone.now()
    now, seconds = moment_now.timestamp(), settings.PAGE_CACHE_SECONDS
    memo_key = (schema, generations[0], generations[1])
    remembered = _next_changes.get(memo_key)
    if remembered is not None and now < remembered[1] and not (0 < remembered[0] <= now):
        moment = remembered[0]
    else:
        key = f"page-next:{schema}:{generations[0]}:{generations[1]}"
        moment = cache.get(key)
        if moment is None or (moment and moment <= now):
            with timezone.override(zone):
                found = next_scheduled_change(moment_now, hub=schema == PUBLIC)
            moment = found.timestamp() if found else 0.0  # 0: nothing scheduled
            cache.set(key, moment, timeout=seconds)
        if len(_next_changes) > 1000:  # generations move with every write
            _next_changes.clear()
        _next_changes[memo_key] = (moment, now + seconds)
    if not moment:
        return now + seconds
    return min(now + seconds, moment)


# --- Fragments --------------------------------------------------------------------


def fragment_scope(request: HttpRequest | None) -> tuple[str, float] | None:
    """``(key prefix, the moment to keep them until)`` for fragments of this
    request's page (``{% fragment %}``, web/templatetags/fragments.py), or
    None when they must be rendered afresh. Kept exactly as stored pages are:
    the site's and the public schema's generations in the key (the tag adds
    the language and time zone active where it renders), the life capped by
    the site's next scheduled change; nothing while the request's own
    connection holds uncommitted writes.

    Worked out once per request, by the page cache before the view (the
    next change is then the first after the request began: what a view
    read just before a scheduled moment never outlives it, however long the
    page takes), and again once the request's own connection has committed
    a write that moved the generations (a GET view that writes)."""
    if request is None or not settings.PAGE_CACHE_SECONDS:
        return None
    # The request's own database connection, looked up once: every fragment
    # of a page asks (a list's 25 items each), and each look-up through
    # ``django.db.connection`` is two thread-local reads (~5 µs, timeit).
    # One thread serves the whole request, with this same connection object.
    database = request.__dict__.get("_fragment_database")
    if database is None:
        database = request._fragment_database = connections[DEFAULT_DB_ALIAS]
    if request.method not in ("GET", "HEAD") or has_pending_writes(database):
        return None
    moved = moves(database)
    memo = request.__dict__.get("_fragment_scope")
    if memo is not None and memo[0] == moved:
        return memo[1]
    schema = _schema(request)
    scope = None
    if schema is not None:
        try:
            generations = _generations(request, schema)
        except OSError:  # no numbers to key on (see PageCacheMiddleware)
            generations = None
        if generations is not None:
            until = _until(schema, generations, zone=_site_zone(request))
            if until > time.time():
                scope = (f"fragment:{schema}:{generations[0]}:{generations[1]}", until)
    request._fragment_scope = (moved, scope)
    return scope


#: The CSRF middleware's own steps, for stored forms: the middleware itself
#: sits further in, where a stored page does not go.
_csrf = CsrfViewMiddleware(lambda request: HttpResponse())


def _visitor_token(request: HttpRequest) -> str:
    """The visitor's form token, as Django's ``get_token`` makes it: their
    CSRF cookie's secret (or a new one), and the cookie sent again."""
    _csrf.process_request(request)  # the secret of a valid CSRF cookie
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = request.META["CSRF_COOKIE"] = random_chars(CSRF_SECRET_LENGTH)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return masked(secret)


#: Not stored: what each response gets afresh.
_NOT_STORED = frozenset({"vary", "set-cookie", "content-length", HEADER.lower()})
_HIT_HEADERS = {"vary": ("Vary", "Cookie"), HEADER.lower(): (HEADER, "hit")}


def _replay(request: HttpRequest, stored: dict, prefix: str | None) -> HttpResponse:
    parts = stored["parts"]
    # A form gets the visitor's own token, from their CSRF cookie (or a new one).
    content = parts[0] if len(parts) == 1 else _visitor_token(request).encode().join(parts)
    response = HttpResponse(content, status=stored["status"])
    # The stored headers passed Django's checks when the page was rendered:
    # put back as they were (setting each anew was a tenth of a hit's cost).
    response.headers._store.update(stored["headers"])
    # The rendered page varied on the session cookie; so does its copy, for
    # any shared cache between here and the visitor.
    response.headers._store.update(_HIT_HEADERS)
    # Digits only: nothing for the header validation to check.
    response.headers._store["content-length"] = ("Content-Length", str(len(content)))
    if len(parts) > 1:
        _csrf.process_response(request, response)  # the CSRF cookie, as rendered
    remember_language(request, response, prefix)  # as SiteLanguageMiddleware would
    return response


class PageCacheMiddleware:
    """Right after the site is known: everything outside it (the request id,
    the site, the Content-Security-Policy) runs for stored pages too; what the
    middleware inside it (the security headers, the page's language,
    sessions, CSRF, ...) added to a rendered page is stored with it, but for
    the cookies, which each visitor gets as the rendered page would have set
    them (the CSRF one through Django's own steps, the language one through
    SiteLanguageMiddleware's). A request that a layer inside would turn away
    or redirect (the request guard, the redirect to https, a language the
    site does not offer) is left to that layer: a stored page is no way
    around it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        schema = _schema(request)
        if not settings.PAGE_CACHE_SECONDS or schema is None:
            return self.get_response(request)
        if request.method in UNSAFE:
            response = self.get_response(request)
            if response.status_code < 400:
                # Writes are seen as they commit; this also covers anything
                # a request changed that the database watcher cannot see.
                # Not the families' numbers (tenants.generations): a
                # registration must not make every worker read the site's
                # vocabulary again; what they key lives a while at most.
                from tenants.generations import bump

                bump(schema, families=False)
            return response
        if refused(request) or (settings.SECURE_SSL_REDIRECT and not request.is_secure()):
            # Left to the layers further in: the request guard's refusal, the
            # security middleware's redirect to https.
            return self.get_response(request)
        if not _eligible(request):
            response = self.get_response(request)
            response.headers.setdefault(HEADER, "bypass")
            return response
        try:
            generations = _generations(request, schema)
        except OSError:  # GENERATIONS_DIR not writable: nothing can be kept current
            response = self.get_response(request)
            response.headers.setdefault(HEADER, "bypass")
            return response
        # As SiteLanguageMiddleware (further in) decides it.
        prefix, language = request_language(request)
        if language is None:  # a language the site does not offer: its 404
            return self.get_response(request)
        key = _key(request, schema, generations, language)
        fresh = "no-cache" in request.META.get("HTTP_CACHE_CONTROL", "")
        stored = None if fresh else stored_pages.get(key)
        if stored is not None:
            return _replay(request, stored, prefix)
        # Before the view reads the clock: the page, and its fragments, end
        # at the site's first scheduled change after this moment.
        scope = fragment_scope(request)
        response = self.get_response(request)
        if _storable(request, response):
            parts = _without_tokens(request, response, response.content)
            ttl = int(scope[1] - time.time()) if scope is not None and parts is not None else 0
            if ttl > 0:
                headers = {
                    lower: (name, value)
                    for lower, (name, value) in response.headers._store.items()
                    if lower not in _NOT_STORED
                }
                stored_pages.set(
                    key,
                    {"status": response.status_code, "headers": headers, "parts": parts},
                    timeout=ttl,
                )
        response.headers.setdefault(HEADER, "miss")
        return response
