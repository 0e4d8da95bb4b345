"""Route each request to its site's schema, or to the hub, or to a 404 page."""

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import DisallowedHost, PermissionDenied
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.common import CommonMiddleware as DjangoCommonMiddleware
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django_tenants.middleware.main import TenantMainMiddleware
from django_tenants.utils import get_public_schema_name

from tenants.addresses import hub_url
from tenants.hub import hub_site
from tenants.models import Domain, Site
from tenants.services.site_lookup import site_for_host

PUBLIC_SCHEMA = get_public_schema_name()
_NOT_IN_HOST_NAMES = re.compile(r"[^A-Za-z0-9.\-\[\]:]")
#: Host headers already checked against ALLOWED_HOSTS in this process, and
#: the host name each gives: Django's check walks the whole list per request.
_checked_hosts: dict[str, str] = {}


@receiver(setting_changed)
def _forget_checked_hosts(*, setting: str, **kwargs) -> None:
    if setting in {"ALLOWED_HOSTS", "USE_X_FORWARDED_HOST", "DEBUG"}:
        _checked_hosts.clear()


class SiteMiddleware(TenantMainMiddleware):
    """django-tenants' host routing, failing closed.

    The public domain serves the hub. A host that names no site, or names
    the schema template, gets a branded 404 page rendered in the public
    schema, so nothing of any site can be reached through it.
    """

    def get_tenant(self, domain_model, hostname: str) -> Site:
        return site_for_host(hostname)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Without MiddlewareMixin's generic dispatch (there is no
        # process_response): every request comes through here.
        return self.process_request(request) or self.get_response(request)

    def hostname_from_request(self, request: HttpRequest) -> str:
        raw = request._get_raw_host()
        hostname = _checked_hosts.get(raw)
        if hostname is None:
            hostname = super().hostname_from_request(request)  # DisallowedHost
            if len(_checked_hosts) > 1000:  # hosts are the client's text
                _checked_hosts.clear()
            if len(raw) <= 300:
                _checked_hosts[raw] = hostname
        return hostname

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        # django-tenants' own version first switches the connection to the
        # public schema for the lookup (twice clearing the content-type cache
        # per request); site_for_host enters it itself, only when it reads
        # the database.
        try:
            hostname = self.hostname_from_request(request)
        except DisallowedHost:
            # Outside ALLOWED_HOSTS (the portal's parent domains): the same
            # page as an unknown subdomain, without asking the database.
            connection.set_schema_to_public()
            raw = request.META.get("HTTP_HOST", "") or request.META.get("SERVER_NAME", "")
            # Shown on the page: only what a host name may hold, never more
            # than a host name's length (the header is the client's text).
            shown = _NOT_IN_HOST_NAMES.sub("", re.sub(r":\d+$", "", raw))
            return self._unknown_host(request, shown[:253] or "?")
        try:
            site = self.get_tenant(Domain, hostname)
        except Domain.DoesNotExist:
            return self.no_tenant_found(request, hostname)
        site.domain_url = hostname
        request.tenant = site
        # The connection itself, not django.db.connection: each attribute read
        # through that proxy is a thread-local look-up (~1 µs; five here).
        db = connections[DEFAULT_DB_ALIAS]
        if (
            db.schema_name == site.schema_name
            and db.include_public_schema
            and db.search_path_set_schemas
        ):
            # The connection's last request was this site's: the search path
            # it set holds (django-tenants forgets it on a close or rollback);
            # set_tenant() would drop it, for one more round trip a request.
            # The content-type cache is emptied as set_tenant() does: a site
            # restored meanwhile (tenants/services/site_backup.py) may number
            # its content types anew.
            db.tenant = site
            ContentType.objects.clear_cache()
        else:
            db.set_tenant(site)
        # django-tenants' setup_url_routing sets nothing for a site's schema
        # (one tenant type; sites use ROOT_URLCONF): only the hub's needs it.
        if site.schema_name == PUBLIC_SCHEMA:
            self.setup_url_routing(request)
        return None

    def no_tenant_found(self, request: HttpRequest, hostname: str) -> HttpResponse | None:
        if hostname.lower() == settings.PUBLIC_DOMAIN:
            request.tenant = hub_site()
            connection.set_schema_to_public()
            self.setup_url_routing(request, force_public=True)
            return None
        connection.set_schema_to_public()
        return self._unknown_host(request, hostname)

    def _unknown_host(self, request: HttpRequest, hostname: str) -> HttpResponse:
        with translation.override(_hub_language(request)):
            response = TemplateResponse(
                request,
                "unknown_host.html",
                {"hostname": hostname, "hub_url": hub_url()},
                status=404,
            )
            return response.render()


def _hub_language(request: HttpRequest) -> str:
    """The 404 page speaks the hub's languages: those with a full UI catalog."""
    from languages.negotiation import best_language
    from tenants.hub import HUB_LANGUAGES

    return best_language(request, HUB_LANGUAGES, default=settings.LANGUAGE_CODE)


class CommonMiddleware(DjangoCommonMiddleware):
    """Django's, without asking the host again where nothing uses it.

    Django's asks ``request.get_host()`` on every request, to prepend
    ``www.`` (PREPEND_WWW, off here). Every request that reaches it came
    through :class:`SiteMiddleware`, which checked that very Host against
    ALLOWED_HOSTS (an unknown one gets its page there), and remembered it:
    the check again walked the whole list, half of this middleware's cost
    (timeit on this machine under load: Django's 46–50 µs with a response
    built, this one 19–20 µs, with ``*`` or with four hosts). With
    PREPEND_WWW on, Django's own code runs."""

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        if settings.PREPEND_WWW:
            return super().process_request(request)
        user_agent = request.META.get("HTTP_USER_AGENT")
        if user_agent is not None:
            for pattern in settings.DISALLOWED_USER_AGENTS:
                if pattern.search(user_agent):
                    raise PermissionDenied("Forbidden user agent")
        return None

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code == 404 or response.streaming or "content-length" in response:
            return super().process_response(request, response)
        # Digits only: straight into the header store, as setting it would put it.
        response.headers._store["content-length"] = ("Content-Length", str(len(response.content)))
        return response


class ArchivedSiteMiddleware:
    """An archived site is kept for reference: its pages read as before, but
    nothing is posted to it any more (sign-ups, listings, questions,
    registrations, requests). Its admin stays open to its officials."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        site = getattr(request, "tenant", None)
        if (
            request.method not in ("GET", "HEAD", "OPTIONS")
            and getattr(site, "is_archived", False)
            and not request.path.startswith("/admin/")
        ):
            return TemplateResponse(request, "tenants/archived_closed.html", status=403).render()
        return self.get_response(request)


class DraftSiteMiddleware:
    """A site not yet launched is open to its staff only.

    Everyone else gets a short "not open yet" page, except on the ways in
    for staff (signing in, resetting a password, the admin) and the site's
    branding. Every response of a draft tells search engines to keep away
    (``X-Robots-Tag``); robots.txt and the sitemap say the same
    (``web.sitemaps``). Must come after the authentication middleware.
    """

    #: URL names open to anyone on a draft: how staff get in, and what the
    #: closed page itself shows.
    OPEN_URL_NAMES = frozenset(
        {
            "account_login",
            "account_logout",
            "password_reset",
            "password_reset_done",
            "password_reset_confirm",
            "password_reset_complete",
            "theme_css",
            "site_logo",
            "site_media",
            "robots_txt",
            "sitemap",
        }
    )

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        site = getattr(request, "tenant", None)
        if not getattr(site, "is_draft", False):
            return self.get_response(request)
        if request.user.is_staff or self._open(request):
            response = self.get_response(request)
        else:
            response = TemplateResponse(request, "tenants/draft_closed.html", status=403).render()
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def _open(self, request: HttpRequest) -> bool:
        path = request.path_info
        if path.startswith(("/admin/", settings.STATIC_URL)):
            return True
        try:
            match = resolve(path, getattr(request, "urlconf", None))
        except Resolver404:
            return False
        return match.url_name in self.OPEN_URL_NAMES
