"""Atom feeds per site and language: news and policies, and trade opportunities."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from cooperation.models import Article, Opportunity
from tenants.addresses import site_url
from translations.fallback import fallback_chain, shown_text

FEED_ITEMS = 30


class SiteFeed(Feed):
    """The feed's language is the active one (Django's default). An instance
    holds one request's site, so the URLs make a new one per request. Every
    address in it is the site's configured one (``tenants.addresses``)."""

    feed_type = Atom1Feed
    heading = ""
    list_url_name = ""

    def get_object(self, request: HttpRequest, *args, **kwargs):
        self.site = request.tenant
        self.path = request.path
        self.language_code = translation.get_language()
        self.chain = fallback_chain(self.site, self.language_code)
        return None

    def title(self) -> str:
        return f"{self.site.name} · {_(self.heading)}"

    def link(self) -> str:
        return site_url(self.site, reverse(self.list_url_name))

    def feed_url(self) -> str:
        return site_url(self.site, self.path)

    def item_link(self, item) -> str:
        return site_url(self.site, item.get_absolute_url())

    def item_title(self, item) -> str:
        return shown_text(item, "title", self.chain).text


class NewsFeed(SiteFeed):
    heading = "News and policies"
    list_url_name = "article_list"

    def items(self):
        return Article.objects.published()[:FEED_ITEMS]

    def item_description(self, item: Article) -> str:
        return shown_text(item, "summary", self.chain).text

    def item_pubdate(self, item: Article):
        return item.published_at


class OpportunityFeed(SiteFeed):
    heading = "Trade opportunities"
    list_url_name = "opportunity_list"

    def items(self):
        return Opportunity.objects.open()[:FEED_ITEMS]

    def item_description(self, item: Opportunity) -> str:
        return shown_text(item, "description", self.chain).text

    def item_pubdate(self, item: Opportunity):
        return item.created_at


def news_feed(request: HttpRequest, *args, **kwargs):
    return NewsFeed()(request, *args, **kwargs)


def opportunity_feed(request: HttpRequest, *args, **kwargs):
    return OpportunityFeed()(request, *args, **kwargs)
