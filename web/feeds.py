"""The base of every Atom feed of a site."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from tenants.addresses import site_url


class SiteFeed(Feed):
    """The feed's language is the active one (Django's default). An instance
    holds one request's site, so the URLs make a new one per request. Every
    address in it is the site's configured one (``tenants.addresses``); the
    feed's own address keeps its query, which says what it is filtered by."""

    feed_type = Atom1Feed
    heading = ""
    list_url_name = ""

    def get_object(self, request: HttpRequest, *args, **kwargs):
        self.request = request
        self.site = request.tenant
        self.path = request.get_full_path()
        self.language_code = translation.get_language()
        return None

    def title(self) -> str:
        return f"{self.site.name} · {_(self.heading)}"

    def author_name(self) -> str:
        """The site, in the feed's language: Atom asks every feed for an
        author (RFC 4287, 4.1.1), and its entries name none of their own."""
        return str(self.site.name)

    def author_link(self) -> str:
        return site_url(self.site, "/")

    def link(self) -> str:
        return site_url(self.site, self.list_path())

    def list_path(self) -> str:
        """The page the feed follows, with the same filters."""
        query = self.request.GET.urlencode()
        return reverse(self.list_url_name) + (f"?{query}" if query else "")

    def feed_url(self) -> str:
        return site_url(self.site, self.path)

    def item_link(self, item) -> str:
        return site_url(self.site, item.get_absolute_url())
