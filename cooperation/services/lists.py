"""The public lists' filters, read from a query string: one place for a list
page and its feed, so a feed follows exactly what its page shows.

Values that are not valid (an unknown category, a malformed code, a NUL
byte) are ignored, never an error: a shared link with a stale filter still
opens the list.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import QuerySet
from django.http import QueryDict

from cooperation.models import Article, Category, Enterprise, Opportunity, Question, Tag
from cooperation.sectors import SECTOR_CODES
from search.vocabulary import parse_code, product_names, with_descendants
from tenants.models import Site
from translations.collated import CollatedRows
from translations.fallback import displayed
from translations.prepared import (
    AnyOf,
    Given,
    PreparedList,
    PreparedObjects,
    PreparedRows,
    given_values,
)
from web.pagination import ListRows


def _param(params: QueryDict, name: str, limit: int = 80) -> str:
    value = params.get(name, "")[:limit]
    return value if value.isprintable() else ""


def _product(params: QueryDict) -> tuple[str, tuple[str, ...]]:
    """The product asked for, if a code of the vocabulary, with the codes it
    covers (itself and those under it): one query finds both."""
    code = parse_code(_param(params, "product", 20))
    if not code or code != _param(params, "product", 20):
        return "", ()
    codes = tuple(with_descendants(code))
    return (code, codes) if code in codes else ("", ())


#: A product filter's codes, as a prepared list's value (an array: one SQL
#: for any number of codes, where a list of values compiles one per code).
_CODES = ArrayField(models.CharField(max_length=20))


def _codes(product: str, codes: tuple[str, ...]) -> list[str] | None:
    """The codes a product filter matches (``codes`` when worked out with
    the filters; as descendants_filter finds them otherwise), None without."""
    if not product:
        return None
    return list(codes) or with_descendants(product) or [product]


def _country(params: QueryDict) -> str:
    value = _param(params, "country", 2).upper()
    return value if len(value) == 2 and value.isascii() and value.isalpha() else ""


def _site_country(country: str, site: Site) -> bool:
    """Whether a filter panel for ``country`` may be kept rendered: none asked
    for, or one of the site's pair. Any two letters are a valid filter (676
    of them), so a crawler walking country × sector × type × product would
    fill the fragment store with panels nobody else asks for (review,
    session 14); the site's sectors, types and products are few and known."""
    return not country or country in site.countries


@dataclass
class ArticleFilters:
    category: Category | None = None
    tag: Tag | None = None
    product: str = ""
    #: The product's codes with those under it (worked out if left empty).
    product_codes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.category or self.tag or self.product)

    # The keys of the list's kept parts, as ``category.pk`` rendered them
    # ("" for none) without the template's look-up on None, which fails
    # twice and calls dir() (~35 µs each, four a page).
    @property
    def category_pk(self) -> int | str:
        return "" if self.category is None else self.category.pk

    @property
    def tag_pk(self) -> int | str:
        return "" if self.tag is None else self.tag.pk


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
    product, codes = _product(params)
    return ArticleFilters(category=category, tag=tag, product=product, product_codes=codes)


def _listed_articles(slot) -> QuerySet:
    """Listed articles whose id is one of ``pks`` ("id = ANY(%s)": one SQL
    for any number of them), as ``Article.objects.listed().in_bulk`` reads them."""
    ids = AnyOf("pk", slot("pks", ArrayField(models.BigIntegerField())))
    return Article.objects.listed(now=slot("now", models.DateTimeField())).filter(ids).order_by()


_LISTED_ARTICLES = PreparedList(Article, _listed_articles)


def listed_articles(pks: list[int], now) -> dict[int, Article]:
    """The listed articles among ``pks``, by id, as ``in_bulk`` gives them:
    the news list's items not kept rendered, with a query compiled once per
    process (translations.prepared.PreparedList)."""
    return {article.pk: article for article in _LISTED_ARTICLES.list(pks=list(pks), now=now)}


def _articles(given: Given) -> QuerySet:
    """The news through its filters: one definition for the list's QuerySet
    and its prepared rows (article_rows)."""
    articles = Article.objects.listed(now=given("now", models.DateTimeField()))
    if (category := given("category", models.BigIntegerField())) is not None:
        articles = articles.filter(category=category)
    if (tag := given("tag", models.BigIntegerField())) is not None:
        articles = articles.filter(tags=tag)
    if (codes := given("codes", _CODES)) is not None:
        articles = articles.filter(hs_codes__overlap=codes)
    return articles


def filtered_articles(filters: ArticleFilters) -> QuerySet:
    codes = _codes(filters.product, filters.product_codes)
    return _articles(given_values(category=filters.category, tag=filters.tag, codes=codes))


_ARTICLE_ROWS = PreparedRows(
    Article, lambda given: _articles(given).values_list("pk", "published_at", named=True)
)


def article_rows(filters: ArticleFilters, now) -> ListRows:
    """The news list's keys (pk, published_at) through ``filters``, for
    web.pagination.keyset: prepared once per process and shape (a product's
    codes, with those under it, are one array value: built and compiled per
    request, that shape was ~1 ms more of CPU than the list without it)."""
    return _ARTICLE_ROWS.bind(
        now=now,
        category=filters.category.pk if filters.category else None,
        tag=filters.tag.pk if filters.tag else None,
        codes=_codes(filters.product, filters.product_codes),
    )


@dataclass
class OpportunityFilters:
    kind: str = ""
    sector: str = ""
    country: str = ""
    product: str = ""
    product_codes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.kind or self.sector or self.country or self.product)

    def keep_panel(self, site: Site) -> bool:
        """Whether the filter panel for these values may be kept rendered
        (only values the site has: :func:`_site_country`)."""
        return _site_country(self.country, site)


# Read once: the enum's values are a list built on each access (~5 µs).
_OPPORTUNITY_KINDS = frozenset(Opportunity.Kind.values)


def opportunity_filters(params: QueryDict) -> OpportunityFilters:
    kind = _param(params, "type", 20)
    sector = _param(params, "sector", 2)
    product, codes = _product(params)
    return OpportunityFilters(
        kind=kind if kind in _OPPORTUNITY_KINDS else "",
        sector=sector if sector in SECTOR_CODES else "",
        country=_country(params),
        product=product,
        product_codes=codes,
    )


def _opportunities(given: Given) -> QuerySet:
    opportunities = Opportunity.objects.open(today=given("today", models.DateField()))
    for name, column in (("kind", "kind"), ("sector", "sector"), ("country", "country")):
        if (value := given(name, models.CharField())) is not None:
            opportunities = opportunities.filter(**{column: value})
    if (codes := given("codes", _CODES)) is not None:
        opportunities = opportunities.filter(hs_codes__overlap=codes)
    return opportunities.with_poster_verified()


def _present(value: str) -> str | None:
    return value or None


def filtered_opportunities(filters: OpportunityFilters) -> QuerySet:
    """Open listings through the filters, with the poster's verified flag (one
    column of it, not its whole translated row)."""
    given = given_values(
        kind=_present(filters.kind),
        sector=_present(filters.sector),
        country=_present(filters.country),
        codes=_codes(filters.product, filters.product_codes),
    )
    return _opportunities(given)


_OPPORTUNITY_ROWS = PreparedRows(
    Opportunity,
    lambda given: _opportunities(given).values_list(
        "pk", "created_at", "poster_verified", named=True
    ),
)


def opportunity_rows(filters: OpportunityFilters, today) -> ListRows:
    """The listings' keys (pk, created_at, poster_verified) through
    ``filters``, for web.pagination.keyset, prepared as article_rows."""
    return _OPPORTUNITY_ROWS.bind(
        today=today,
        kind=_present(filters.kind),
        sector=_present(filters.sector),
        country=_present(filters.country),
        codes=_codes(filters.product, filters.product_codes),
    )


_OPPORTUNITY_OBJECTS = PreparedObjects(Opportunity, _opportunities)


def opportunities_by_pk(pks: list[int], filters: OpportunityFilters, today) -> dict:
    """The listings of ``pks`` still in the list, by id, as
    ``filtered_opportunities(filters).in_bulk(pks)`` loads them: the items
    not kept rendered, prepared as the rows are (opportunity_rows)."""
    return _OPPORTUNITY_OBJECTS.in_bulk(
        pks,
        today=today,
        kind=_present(filters.kind),
        sector=_present(filters.sector),
        country=_present(filters.country),
        codes=_codes(filters.product, filters.product_codes),
    )


@dataclass
class EnterpriseFilters:
    country: str = ""
    sector: str = ""
    verified: bool = False
    product: str = ""
    product_codes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.country or self.sector or self.verified or self.product)

    def keep_panel(self, site: Site) -> bool:
        """As :meth:`OpportunityFilters.keep_panel`."""
        return _site_country(self.country, site)


def enterprise_filters(params: QueryDict) -> EnterpriseFilters:
    sector = _param(params, "sector", 2)
    product, codes = _product(params)
    return EnterpriseFilters(
        country=_country(params),
        sector=sector if sector in SECTOR_CODES else "",
        verified=params.get("verified") == "1",
        product=product,
        product_codes=codes,
    )


def _enterprises(given: Given, *, sector: str = "", verified: bool = False) -> QuerySet:
    # The sector and the verified mark shape the SQL (an array of one, a
    # constant): few shapes, each compiled once (enterprise_rows).
    enterprises = Enterprise.objects.listed()
    if (country := given("country", models.CharField())) is not None:
        enterprises = enterprises.filter(country=country)
    if sector:
        enterprises = enterprises.filter(sectors__contains=[sector])
    if verified:
        enterprises = enterprises.filter(verified=True)
    if (codes := given("codes", _CODES)) is not None:
        enterprises = enterprises.filter(hs_codes__overlap=codes)
    return enterprises


def filtered_enterprises(filters: EnterpriseFilters) -> QuerySet:
    codes = _codes(filters.product, filters.product_codes)
    return _enterprises(
        given_values(country=_present(filters.country), codes=codes),
        sector=filters.sector,
        verified=filters.verified,
    )


_ENTERPRISE_OBJECTS = PreparedObjects(Enterprise, _enterprises)


def enterprises_by_pk(pks: list[int], filters: EnterpriseFilters) -> dict:
    """The enterprises of ``pks`` still in the directory, by id, as
    ``filtered_enterprises(filters).in_bulk(pks)`` loads them, prepared as
    the rows are (enterprise_rows)."""
    return _ENTERPRISE_OBJECTS.in_bulk(
        pks,
        fixed={"sector": filters.sector, "verified": filters.verified},
        country=_present(filters.country),
        codes=_codes(filters.product, filters.product_codes),
    )


def _directory(given: Given, *, chain: tuple[str, ...], sector: str, verified: bool) -> QuerySet:
    found = _enterprises(given, sector=sector, verified=verified)
    shown = found.annotate(shown_name=displayed("name", chain))
    return shown.order_by().values_list("pk", "shown_name", named=True)


_ENTERPRISE_ROWS = PreparedRows(Enterprise, _directory)


def enterprise_rows(filters: EnterpriseFilters, chain: Sequence[str]) -> CollatedRows:
    """The directory's rows (pk, shown_name) through ``filters``, ordered by
    the name readers see along ``chain`` as readers of its first language
    sort names (translations.collated): for web.pagination.numbered
    (``len()`` counts, a slice reads a page), prepared once per process and
    shape (as article_rows)."""
    rows = _ENTERPRISE_ROWS.bind(
        fixed={"chain": tuple(chain), "sector": filters.sector, "verified": filters.verified},
        country=_present(filters.country),
        codes=_codes(filters.product, filters.product_codes),
    )
    return CollatedRows(rows, chain[0], "shown_name")


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
