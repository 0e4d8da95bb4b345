"""Atom feeds per site and language, one per public list, following the
list's filters: news of a category or tag, listings of a type and product
("demand listings, product 0801"), enterprises of a country, answers."""

from django.http import HttpRequest

from cooperation.models import Article, Enterprise, Opportunity, Question
from cooperation.services.lists import (
    answered_questions,
    article_filters,
    enterprise_filters,
    filtered_articles,
    filtered_enterprises,
    filtered_opportunities,
    opportunity_filters,
)
from search.vocabulary import label as product_label
from search.vocabulary import product_name
from translations.fallback import fallback_chain, shown_text
from web.feeds import SiteFeed as BaseFeed

FEED_ITEMS = 30


class SiteFeed(BaseFeed):
    """Items' texts in the feed's language, or along the site's fallback chain."""

    title_field = "title"

    def get_object(self, request: HttpRequest, *args, **kwargs):
        super().get_object(request, *args, **kwargs)
        self.chain = fallback_chain(self.site, self.language_code)
        self.filtered_by: list[str] = []  # said in the feed's title
        self.read_filters(request)
        return None

    def read_filters(self, request: HttpRequest) -> None:
        """Subclasses read the list's filters here (before the title is asked for)."""

    def title(self) -> str:
        return " · ".join([super().title(), *self.filtered_by])

    def item_title(self, item) -> str:
        return shown_text(item, self.title_field, self.chain).text

    def _product(self, code: str) -> None:
        if code:
            name = product_name(code, self.language_code, self.site)
            self.filtered_by.append(product_label(code, name))  # "0801.31 · Cashew …"


class NewsFeed(SiteFeed):
    heading = "News and policies"
    list_url_name = "article_list"

    def read_filters(self, request: HttpRequest) -> None:
        self.filters = article_filters(request.GET)
        for filed in (self.filters.category, self.filters.tag):
            if filed:
                self.filtered_by.append(shown_text(filed, "name", self.chain).text)
        self._product(self.filters.product)

    def items(self):
        return filtered_articles(self.filters)[:FEED_ITEMS]

    def item_description(self, item: Article) -> str:
        return shown_text(item, "summary", self.chain).text

    def item_pubdate(self, item: Article):
        return item.published_at


class OpportunityFeed(SiteFeed):
    heading = "Trade opportunities"
    list_url_name = "opportunity_list"

    def read_filters(self, request: HttpRequest) -> None:
        self.filters = opportunity_filters(request.GET)
        if self.filters.kind:
            self.filtered_by.append(str(Opportunity.Kind(self.filters.kind).label))
        self._product(self.filters.product)

    def items(self):
        return filtered_opportunities(self.filters).order_by("-created_at", "-pk")[:FEED_ITEMS]

    def item_description(self, item: Opportunity) -> str:
        return shown_text(item, "description", self.chain).text

    def item_pubdate(self, item: Opportunity):
        return item.created_at


class EnterpriseFeed(SiteFeed):
    heading = "Enterprises"
    list_url_name = "enterprise_list"
    title_field = "name"

    def read_filters(self, request: HttpRequest) -> None:
        self.filters = enterprise_filters(request.GET)
        self._product(self.filters.product)

    def items(self):
        return filtered_enterprises(self.filters).order_by("-created_at", "-pk")[:FEED_ITEMS]

    def item_description(self, item: Enterprise) -> str:
        return shown_text(item, "description", self.chain).text

    def item_pubdate(self, item: Enterprise):
        return item.created_at


class QuestionFeed(SiteFeed):
    heading = "Questions and answers"
    list_url_name = "question_list"
    title_field = "question"

    def items(self):
        return answered_questions()[:FEED_ITEMS]

    def item_description(self, item: Question) -> str:
        return shown_text(item, "answer", self.chain).text

    def item_pubdate(self, item: Question):
        return item.answered_at


def news_feed(request: HttpRequest, *args, **kwargs):
    return NewsFeed()(request, *args, **kwargs)


def opportunity_feed(request: HttpRequest, *args, **kwargs):
    return OpportunityFeed()(request, *args, **kwargs)


def enterprise_feed(request: HttpRequest, *args, **kwargs):
    return EnterpriseFeed()(request, *args, **kwargs)


def question_feed(request: HttpRequest, *args, **kwargs):
    return QuestionFeed()(request, *args, **kwargs)
