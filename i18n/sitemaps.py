"""Sitemaps whose alternates cover exactly the languages of the current site."""

from django.contrib.sitemaps import Sitemap
from django.db import connection
from django.urls import reverse


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


class StaticPagesSitemap(SiteLanguagesSitemap):
    changefreq = "daily"

    def __init__(self, names: list[str]):
        self.names = names

    def items(self) -> list[str]:
        return self.names

    def location(self, item: str) -> str:
        return reverse(item)
