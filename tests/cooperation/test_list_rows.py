"""The list pages' prepared rows (cooperation.services.lists, events.services.lists):
the rows, order, cursors and counts the QuerySets give, compiled once, each
site in its own schema."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import timezone

from cooperation.models import Article, Category, Enterprise, Opportunity
from cooperation.services.lists import (
    article_filters,
    article_rows,
    enterprise_filters,
    enterprise_rows,
    enterprises_by_pk,
    filtered_articles,
    filtered_enterprises,
    filtered_opportunities,
    listed_articles,
    opportunities_by_pk,
    opportunity_filters,
    opportunity_rows,
)
from events.services.lists import event_rows, events_by_pk, listed_events
from languages.collation import sorted_by
from tests.factories.accounts import make_enterprise
from tests.factories.articles import make_article
from tests.factories.events import make_event
from tests.factories.opportunities import make_listing
from translations.fallback import displayed
from web.pagination import QuerySetRows, keyset, numbered


@pytest.fixture
def as_site():
    yield lambda site: connection.set_tenant(site)
    connection.set_schema_to_public()


def _compiles():
    return mock.patch.object(SQLCompiler, "as_sql", autospec=True, wraps=SQLCompiler.as_sql)


def _pages(query: str, rows, queryset, key: str, per_page: int = 2) -> None:
    """Each page (first, older, newer) and the count of ``rows`` are those of ``queryset``."""
    request = RequestFactory().get("/vi/news/?" + query)
    prepared = keyset(request, rows, key=key, per_page=per_page)
    expected = keyset(request, QuerySetRows(queryset), key=key, per_page=per_page)
    assert prepared.items == expected.items and prepared.items
    assert (prepared.count, prepared.next_url, prepared.previous_url) == (
        expected.count,
        expected.next_url,
        expected.previous_url,
    )
    return prepared


def test_news_rows_are_the_querysets_with_and_without_filters(site_vn, in_site, as_site):
    base = timezone.now() - datetime.timedelta(days=1)
    with in_site(site_vn):
        rice = Category.objects.create(slug="rice", name_en="Rice")
        for n in range(7):  # two at the same moment: the key breaks the tie
            when = base - datetime.timedelta(hours=n if n != 3 else 2)
            make_article(published_at=when, category=rice if n % 2 else None)
        make_article(published_at=timezone.now() + datetime.timedelta(hours=1))  # not out yet
    as_site(site_vn)
    now = timezone.now()
    for params in ("", "category=rice"):
        filters = article_filters(QueryDict(params))
        queryset = filtered_articles(filters).values_list("pk", "published_at", named=True)
        first = _pages("", article_rows(filters, now), queryset, "published_at")
        older = first.next_url.split("?", 1)[1]
        second = _pages(older, article_rows(filters, now), queryset, "published_at")
        _pages(
            second.previous_url.split("?", 1)[1],
            article_rows(filters, now),
            queryset,
            "published_at",
        )
        assert first.count == queryset.count()


def test_the_filtered_listings_rows_are_the_querysets_and_compiled_once(site_vn, in_site, as_site):
    with in_site(site_vn):
        enterprise = make_enterprise(verified=True)
        for n in range(5):
            make_listing(texts={"vi": ("Gạo", "…")}, kind="supply" if n % 2 else "demand",
                         country="VN", enterprise=enterprise if n < 3 else None)  # fmt: skip
    as_site(site_vn)
    filters = opportunity_filters(QueryDict("type=supply&country=VN"))
    queryset = filtered_opportunities(filters).values_list(
        "pk", "created_at", "poster_verified", named=True
    )
    today = timezone.localdate()
    page = _pages("", opportunity_rows(filters, today), queryset, "created_at", per_page=1)
    assert {row.poster_verified for row in page.items} <= {True, False, None}
    with _compiles() as as_sql:
        again = keyset(
            RequestFactory().get("/"), opportunity_rows(filters, today), key="created_at",
            per_page=1,
        )  # fmt: skip
    assert as_sql.call_count == 0  # the page's query and its count were compiled before
    assert again.items == page.items


def test_the_directory_and_events_read_pages_as_their_querysets(site_vn, in_site, as_site):
    with in_site(site_vn):
        for name in ("Cà phê", "An Phát", "Bình Minh", "Đông Á"):
            make_enterprise(names={"vi": name}, country="VN", sectors=["A"])
        make_enterprise(names={"vi": "Zeta"}, country="CN", sectors=["C"])
        for days in (3, 1, 2, 5):
            make_event(starts=timezone.now() + datetime.timedelta(days=days))
        make_event(starts=timezone.now() - datetime.timedelta(days=3))
    as_site(site_vn)
    chain = ("vi", "en", "zh-hans")
    for params in ("", "country=VN&sector=A", "verified=1"):
        filters = enterprise_filters(QueryDict(params))
        # In Vietnamese order (translations.collated): Đông Á before Zeta.
        expected = sorted_by(
            filtered_enterprises(filters).annotate(shown_name=displayed("name", chain)),
            "vi",
            key=lambda enterprise: enterprise.shown_name,
        )
        rows = enterprise_rows(filters, chain)
        assert len(rows) == len(expected)
        assert [row.pk for row in rows[0:100]] == [enterprise.pk for enterprise in expected]
        assert rows[1:3] == rows[0:100][1:3]
    now = timezone.now()
    for archive, kind in ((False, ""), (True, ""), (False, "fair")):
        expected = listed_events(archive=archive, kind=kind)
        expected = expected.values_list("pk", "starts_at", "ends_at", named=True)
        rows = event_rows(archive=archive, kind=kind, now=now)
        request = RequestFactory().get("/?page=2")
        assert (
            numbered(request, rows, per_page=2).items
            == numbered(request, expected, per_page=2).items
        )
        assert rows[0:100] == list(expected[0:100])


def test_each_site_reads_its_own_schema_and_the_sql_names_none(site_vn, site_id, in_site, as_site):
    with in_site(site_vn):
        vn = make_article(
            texts={"vi": "Tin"}, published_at=timezone.now() - datetime.timedelta(seconds=5)
        )
    with in_site(site_id):
        indonesian = make_article(
            texts={"id": "Berita"}, published_at=timezone.now() - datetime.timedelta(seconds=5)
        )
    filters = article_filters(QueryDict(""))
    newest_first = lambda qs, slot: qs.order_by("-published_at", "-pk")  # noqa: E731
    seen = {}
    for site, article in ((site_vn, vn), (site_id, indonesian)):
        as_site(site)
        rows = article_rows(filters, timezone.now()).rows("first", newest_first)
        expected = filtered_articles(filters).order_by("-published_at", "-pk")
        assert rows == list(expected.values_list("pk", "published_at", named=True))
        assert rows[0].pk == article.pk  # the newest of its own site
        seen[site.pk] = rows
    assert seen[site_vn.pk] != seen[site_id.pk]
    compiled = article_rows(filters, timezone.now())._compiled("first", newest_first)
    assert site_vn.schema_name not in compiled.sql and site_id.schema_name not in compiled.sql


def test_the_news_items_not_kept_are_loaded_as_in_bulk_with_one_sql(site_vn, in_site, as_site):
    with in_site(site_vn):
        shown = [make_article(texts={"vi": f"Tin {n}"}) for n in range(3)]
        later = make_article(published_at=timezone.now() + datetime.timedelta(hours=1))
    as_site(site_vn)
    now = timezone.now()
    pks = [shown[0].pk, shown[2].pk, later.pk]
    expected = Article.objects.listed(now=now).in_bulk(pks)
    loaded = listed_articles(pks, now)
    assert loaded.keys() == expected.keys() == {shown[0].pk, shown[2].pk}
    for pk, article in loaded.items():
        assert vars(article).keys() == vars(expected[pk]).keys()
        assert {k: v for k, v in vars(article).items() if k != "_state"} == {
            k: v for k, v in vars(expected[pk]).items() if k != "_state"
        }
    with _compiles() as as_sql:  # two ids or five: the same SQL, compiled before
        assert listed_articles([shown[1].pk], now).keys() == {shown[1].pk}
    assert as_sql.call_count == 0


def test_past_the_limit_the_least_recently_used_query_goes_not_all(site_vn, as_site, monkeypatch):
    # A crawler walking many filter shapes once emptied every compiled query.
    from cooperation.services import lists

    monkeypatch.setattr(lists._OPPORTUNITY_ROWS.compiled, "limit", 2)
    as_site(site_vn)
    today = timezone.localdate()
    page = lambda query: keyset(  # noqa: E731
        RequestFactory().get("/"), opportunity_rows(opportunity_filters(QueryDict(query)), today),
        key="created_at", count=False,
    )  # fmt: skip
    page("type=supply")
    page("country=VN")  # fills the store: each shape its first page's query
    page("type=supply")  # used again: the most recent
    page("type=demand&country=VN")  # pushes out the least recent
    with _compiles() as as_sql:
        page("type=supply")
    assert as_sql.call_count == 0


def test_sites_with_other_languages_share_the_compiled_list_query(
    site_vn, site_id, in_site, as_site
):
    # The key had the site's languages: every shape compiled again per set.
    assert site_vn.languages != site_id.languages
    with in_site(site_vn):
        vietnamese = make_event(slug="shared-vn", titles={"vi": "Hội chợ"})
    with in_site(site_id):
        indonesian = make_event(slug="shared-id", titles={"id": "Pameran"})
    now = timezone.now()

    def expected() -> list:
        events = listed_events(archive=False)
        return list(events.values_list("pk", "starts_at", "ends_at", named=True)[:20])

    as_site(site_vn)
    vn_rows = event_rows(archive=False, kind="", now=now)[0:20]
    assert vn_rows == expected()
    as_site(site_id)
    with _compiles() as as_sql:
        id_rows = event_rows(archive=False, kind="", now=now)[0:20]
    assert as_sql.call_count == 0
    assert id_rows == expected()
    assert vietnamese.pk in {r.pk for r in vn_rows} and indonesian.pk in {r.pk for r in id_rows}


def _same_objects(loaded: dict, expected: dict) -> None:
    assert loaded.keys() == expected.keys() and loaded
    for pk, item in loaded.items():
        mine = {k: v for k, v in vars(item).items() if k != "_state"}
        assert mine == {k: v for k, v in vars(expected[pk]).items() if k != "_state"}


def test_items_not_kept_are_loaded_as_in_bulk_through_the_filters_compiled_once(
    site_vn, in_site, as_site
):
    with in_site(site_vn):
        verified = make_enterprise(verified=True, country="VN", sectors=["A"])
        other = make_enterprise(country="CN", sectors=["C"])
        listings = [
            make_listing(
                texts={"vi": ("Gạo", "…")},
                kind=kind,
                country="VN",
                enterprise=verified if n else None,
            )
            for n, kind in enumerate(("supply", "supply", "demand"))
        ]
        events = [make_event(kind=kind) for kind in ("trade_fair", "forum")]
    as_site(site_vn)
    today, now = timezone.localdate(), timezone.now()
    pks = [listing.pk for listing in listings]
    for params in ("", "type=supply&country=VN"):
        filters = opportunity_filters(QueryDict(params))
        expected = filtered_opportunities(filters).in_bulk(pks)
        _same_objects(opportunities_by_pk(pks, filters, today), expected)
    for params in ("", "country=VN&sector=A&verified=1"):
        filters = enterprise_filters(QueryDict(params))
        expected = filtered_enterprises(filters).in_bulk([verified.pk, other.pk])
        _same_objects(enterprises_by_pk([verified.pk, other.pk], filters), expected)
    pks = [event.pk for event in events]
    for kind in ("", "trade_fair"):
        expected = listed_events(archive=False, kind=kind).in_bulk(pks)
        _same_objects(events_by_pk(pks, archive=False, kind=kind, now=now), expected)
    with _compiles() as as_sql:  # one id or three: the same SQL, compiled before
        assert events_by_pk(pks[:1], archive=False, kind="trade_fair", now=now).keys() == {pks[0]}
        loaded = opportunities_by_pk([listings[1].pk], opportunity_filters(QueryDict()), today)
    assert as_sql.call_count == 0
    assert loaded[listings[1].pk].poster_verified is True


def test_a_product_filter_is_prepared_as_one_array_whatever_its_codes(site_vn, in_site, as_site):
    from search.vocabulary import descendants_filter

    with in_site(site_vn):
        cashew = make_listing(texts={"en": ("Shelled cashew", "x")}, codes=["080132"])
        coffee = make_listing(texts={"en": ("Green coffee", "x")}, codes=["0901"])
        make_enterprise(hs_codes=["080132"])
        make_article(hs_codes=["080132"])
    as_site(site_vn)
    today = timezone.localdate()
    for product in ("08", "0801", "080132"):
        filters = opportunity_filters(QueryDict(f"product={product}"))
        assert filters.product == product and "080132" in filters.product_codes
        expected = Opportunity.objects.open(today=today).filter(
            descendants_filter("hs_codes", product)
        )
        rows = opportunity_rows(filters, today)
        found = [row.pk for row in rows.rows("all", lambda qs, slot: qs.order_by("pk"))]
        assert found == list(expected.order_by("pk").values_list("pk", flat=True))
        assert cashew.pk in found and coffee.pk not in found
        assert opportunities_by_pk([cashew.pk], filters, today).keys() == {cashew.pk}
        directory = enterprise_filters(QueryDict(f"product={product}"))
        expected = Enterprise.objects.listed().filter(descendants_filter("hs_codes", product))
        assert len(enterprise_rows(directory, ("vi", "en"))) == expected.count() > 0
        news = article_filters(QueryDict(f"product={product}"))
        assert article_rows(news, timezone.now()).count() == filtered_articles(news).count()
    filters = opportunity_filters(QueryDict("product=0901"))  # its codes: one query
    with _compiles() as as_sql:  # another product, more or fewer codes: the same SQL
        found = opportunity_rows(filters, today).rows("all", lambda qs, slot: qs)
        assert coffee.pk in {row.pk for row in found} and cashew.pk not in {row.pk for row in found}
    assert as_sql.call_count == 0
    assert opportunity_filters(QueryDict("product=0000")).product == ""


@pytest.mark.parametrize("category", [None, Category(pk=7, slug="rice")])
def test_the_news_lists_kept_parts_keep_their_keys(category):
    from django.template import Context, Template

    from cooperation.services.lists import ArticleFilters

    filters = ArticleFilters(category=category)
    as_before = Template("{{ f.category.pk }}:{{ f.tag.pk }}").render(Context({"f": filters}))

    assert f"{filters.category_pk}:{filters.tag_pk}" == as_before
