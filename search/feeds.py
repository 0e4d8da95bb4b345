"""A saved search as an Atom feed: the newest matches of a query and filters."""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from search.query import Result, matching
from search.views import search_form
from tenants.addresses import site_url
from web.feeds import SiteFeed

FEED_ITEMS = 30


class SearchFeed(SiteFeed):
    list_url_name = "search"

    def get_object(self, request: HttpRequest, *args, **kwargs):
        super().get_object(request, *args, **kwargs)
        self.query, self.filters = search_form(request).query_and_filters()
        return None

    def title(self) -> str:
        what = f"“{self.query}”" if self.query else _("Search")
        return f"{self.site.name} · {what}"

    def items(self) -> list[Result]:
        if not (self.query or self.filters):
            return []
        return matching(self.site, self.language_code, self.query, self.filters, limit=FEED_ITEMS)

    def item_title(self, item: Result) -> str:
        return item.title

    def item_description(self, item: Result) -> str:
        return str(item.snippet)

    def item_link(self, item: Result) -> str:
        return site_url(self.site, item.url)

    def item_pubdate(self, item: Result):
        # An event is dated by when it happens, which may be months ahead and,
        # all day, midnight of the venue's zone: its entry was published
        # when it was announced.
        if item.kind == "event":
            return item.public_since or item.dated_at
        return item.dated_at or item.public_since

    def item_guid(self, item: Result) -> str:
        return f"{self.site.code}:{item.kind}:{item.key[1]}"


def search_feed(request: HttpRequest, *args, **kwargs):
    return SearchFeed()(request, *args, **kwargs)
