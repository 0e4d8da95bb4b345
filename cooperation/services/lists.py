"""The public lists' filters, read from a query string: one place for a list
page and its feed, so a feed follows exactly what its page shows.

Values that are not valid (an unknown category, a malformed code, a NUL
byte) are ignored, never an error: a shared link with a stale filter still
opens the list.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.http import QueryDict

from cooperation.models import Article, Category, Enterprise, Opportunity, Question, Tag
from cooperation.sectors import SECTOR_CODES
from search.vocabulary import descendants_filter, known_codes, parse_code, product_names
from tenants.models import Site


def _param(params: QueryDict, name: str, limit: int = 80) -> str:
    value = params.get(name, "")[:limit]
    return value if value.isprintable() else ""


def _product(params: QueryDict) -> str:
    code = parse_code(_param(params, "product", 20))
    return code if code and code == _param(params, "product", 20) and known_codes([code]) else ""


def _country(params: QueryDict) -> str:
    value = _param(params, "country", 2).upper()
    return value if len(value) == 2 and value.isascii() and value.isalpha() else ""


@dataclass
class ArticleFilters:
    category: Category | None = None
    tag: Tag | None = None
    product: str = ""

    def __bool__(self) -> bool:
        return bool(self.category or self.tag or self.product)


def article_filters(
    params: QueryDict, categories: Sequence[Category] | None = None
) -> ArticleFilters:
    """``categories``: the site's categories when the caller has them already
    (read only if a category is asked for)."""
    slug = _param(params, "category")
    if not slug:  # ``categories`` untouched: it may be read lazily
        category = None
    elif categories is not None:
        category = next((c for c in categories if c.slug == slug), None)
    else:
        category = Category.objects.filter(slug=slug).first()
    tag_slug = _param(params, "tag")
    tag = Tag.objects.filter(slug=tag_slug).first() if tag_slug else None
    return ArticleFilters(category=category, tag=tag, product=_product(params))


def filtered_articles(filters: ArticleFilters) -> QuerySet:
    articles = Article.objects.listed()
    if filters.category:
        articles = articles.filter(category=filters.category)
    if filters.tag:
        articles = articles.filter(tags=filters.tag)
    if filters.product:
        articles = articles.filter(descendants_filter("hs_codes", filters.product))
    return articles


@dataclass
class OpportunityFilters:
    kind: str = ""
    sector: str = ""
    country: str = ""
    product: str = ""

    def __bool__(self) -> bool:
        return bool(self.kind or self.sector or self.country or self.product)


def opportunity_filters(params: QueryDict) -> OpportunityFilters:
    kind = _param(params, "type", 20)
    sector = _param(params, "sector", 2)
    return OpportunityFilters(
        kind=kind if kind in Opportunity.Kind.values else "",
        sector=sector if sector in SECTOR_CODES else "",
        country=_country(params),
        product=_product(params),
    )


def filtered_opportunities(filters: OpportunityFilters) -> QuerySet:
    """Open listings through the filters, with the poster's verified flag (one
    column of it, not its whole translated row)."""
    opportunities = Opportunity.objects.open()
    if filters.kind:
        opportunities = opportunities.filter(kind=filters.kind)
    if filters.sector:
        opportunities = opportunities.filter(sector=filters.sector)
    if filters.country:
        opportunities = opportunities.filter(country=filters.country)
    if filters.product:
        opportunities = opportunities.filter(descendants_filter("hs_codes", filters.product))
    return opportunities.annotate(poster_verified=F("enterprise__verified"))


@dataclass
class EnterpriseFilters:
    country: str = ""
    sector: str = ""
    verified: bool = False
    product: str = ""

    def __bool__(self) -> bool:
        return bool(self.country or self.sector or self.verified or self.product)


def enterprise_filters(params: QueryDict) -> EnterpriseFilters:
    sector = _param(params, "sector", 2)
    return EnterpriseFilters(
        country=_country(params),
        sector=sector if sector in SECTOR_CODES else "",
        verified=params.get("verified") == "1",
        product=_product(params),
    )


def filtered_enterprises(filters: EnterpriseFilters) -> QuerySet:
    enterprises = Enterprise.objects.listed()
    if filters.country:
        enterprises = enterprises.filter(country=filters.country)
    if filters.sector:
        enterprises = enterprises.filter(sectors__contains=[filters.sector])
    if filters.verified:
        enterprises = enterprises.filter(verified=True)
    if filters.product:
        enterprises = enterprises.filter(descendants_filter("hs_codes", filters.product))
    return enterprises


def name_products(items: list, language: str, site: Site) -> None:
    """Give each listing or enterprise of a list ``product_names``: its codes
    with their names in ``language`` (fallback disclosed), for the product
    badges of ``cooperation/includes/opportunity_item.html``. Every list
    showing that item sets them, as the item is kept rendered per listing."""
    names = product_names([code for item in items for code in item.hs_codes], language, site)
    for item in items:
        item.product_names = [(code, names[code]) for code in item.hs_codes if code in names]


def answered_questions() -> QuerySet:
    return Question.objects.published().order_by("-answered_at", "-pk")
