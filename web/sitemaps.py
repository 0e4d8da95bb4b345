"""Sitemaps and robots.txt of a site, with alternates in exactly its languages.

Addresses in them are the site's configured ones (``tenants.addresses``),
like every absolute link the portal writes, not the Host of the request.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from tenants.addresses import site_origin, site_url


class SiteLanguagesSitemap(Sitemap):
    """Base for a site's sitemaps: one entry per page and language, with
    ``hreflang`` alternates and an ``x-default`` that negotiates the language."""

    i18n = True
    alternates = True
    x_default = True

    @property
    def languages(self) -> list[str]:
        # django-tenants puts the request's site on the connection.
        return list(connection.tenant.languages)

    def get_protocol(self, protocol: str | None = None) -> str:
        return settings.PUBLIC_URL_SCHEME

    def get_domain(self, site=None) -> str:
        return site_origin(connection.tenant).split("://", 1)[1]


class StaticPagesSitemap(SiteLanguagesSitemap):
    changefreq = "daily"

    def __init__(self, names: list[str]):
        self.names = names

    def items(self) -> list[str]:
        return self.names

    def location(self, item: str) -> str:
        return reverse(item)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    if request.tenant.is_draft:
        # Not launched: nothing of it belongs in a search engine yet.
        lines = ["User-agent: *", "Disallow: /", ""]
    else:
        sitemap_url = site_url(request.tenant, reverse("sitemap"))
        lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def site_sitemap(request: HttpRequest, sitemaps: dict) -> HttpResponse:
    """Django's sitemap view, except that a site not yet launched has none."""
    if request.tenant.is_draft:
        raise Http404
    return sitemap(request, sitemaps)
