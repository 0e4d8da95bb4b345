import datetime
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.http import Http404
from django.utils import timezone, translation

from cooperation import panels as cooperation_panels
from cooperation.models import Article, Category
from cooperation.models.article import ARTICLE_ATTACHMENTS, ARTICLE_PAGE, ARTICLE_TAGS
from cooperation.models.enterprise import ENTERPRISE_PAGE
from cooperation.models.opportunity import OPPORTUNITY_PAGE
from events import panels as events_panels
from events.models.event import EVENT_PAGE, EVENT_SESSIONS, EVENT_SPEAKERS, Event
from tests.factories.articles import make_article
from translations.prepared import PreparedRows, Slot, _Compiled


def _loaded(article: Article) -> dict:
    return {k: v for k, v in vars(article).items() if k != "_state"}


@pytest.fixture
def as_site():
    """``as_site(site)``: the connection in that site, as in its request."""
    yield lambda site: connection.set_tenant(site)
    connection.set_schema_to_public()


def test_the_prepared_article_is_the_one_the_queryset_gives(site_vn, in_site, as_site):
    from translations.site_columns import in_site_languages

    with in_site(site_vn):
        category = Category.objects.create(slug="rice", name_en="Rice", name_de="Reis")
        make_article(slug="same", texts={"vi": "Gạo", "en": "Rice"}, category=category)
    as_site(site_vn)
    now = timezone.now()
    expected = (
        in_site_languages(Article.objects.published(now=now).select_related("category"))
        .for_page()
        .get(slug="same")
    )

    article = ARTICLE_PAGE.get(slug="same", now=now)

    assert _loaded(article) == _loaded(expected)
    assert "title_de" in article.get_deferred_fields()
    assert _loaded(article.category) == _loaded(expected.category)
    assert "name_de" in article.category.get_deferred_fields()
    assert (article.has_attachments, article.has_tags) == (False, False)
    assert article._state.db == "default" and not article._state.adding
    # The clock is a value, not part of the SQL: an hour earlier it was not out.
    with pytest.raises(Http404):
        ARTICLE_PAGE.get_or_404(slug="same", now=now - datetime.timedelta(hours=2))


def test_compiled_once_per_site_languages_and_read_in_the_sites_schema(
    site_vn, site_id, in_site, as_site
):
    with in_site(site_vn):
        make_article(slug="twice", texts={"vi": "Hai lần", "id": "Dua kali"})
    with in_site(site_id):
        make_article(slug="only-in-id", texts={"id": "Hanya di sini"})
    compiles = mock.patch.object(SQLCompiler, "as_sql", autospec=True, wraps=SQLCompiler.as_sql)

    as_site(site_vn)
    ARTICLE_PAGE.get(slug="twice", now=timezone.now())  # compiled here if not before
    with compiles as as_sql:
        article = ARTICLE_PAGE.get(slug="twice", now=timezone.now())
    assert as_sql.call_count == 0
    assert article.title_vi == "Hai lần"
    assert "title_ind" in article.get_deferred_fields()  # cn-vn does not show Indonesian
    with pytest.raises(Article.DoesNotExist):
        ARTICLE_PAGE.get(slug="only-in-id", now=timezone.now())

    as_site(site_id)  # other languages, so other columns; its own schema's rows
    article = ARTICLE_PAGE.get(slug="only-in-id", now=timezone.now())
    assert article.title_ind == "Hanya di sini"
    assert "title_ind" not in article.get_deferred_fields()
    with pytest.raises(Article.DoesNotExist):
        ARTICLE_PAGE.get(slug="twice", now=timezone.now())


@pytest.mark.parametrize(
    "page",
    [
        *(ARTICLE_PAGE, EVENT_PAGE, OPPORTUNITY_PAGE, ENTERPRISE_PAGE),
        *(ARTICLE_TAGS, ARTICLE_ATTACHMENTS, EVENT_SESSIONS, EVENT_SPEAKERS),
        *(cooperation_panels._HOME_NEWS, cooperation_panels._HOME_LISTINGS),
        events_panels._HOME_EVENTS,
    ],
)
def test_a_page_query_is_the_same_sql_in_every_language(page, site_vn, as_site):
    # Kept per site languages only: building it must not depend on the
    # active language (modeltranslation rewrites translated field names).
    as_site(site_vn)
    with translation.override("vi"):
        vietnamese = _Compiled(page.build(Slot), "default", one=page.one).sql
    with translation.override("zh-hans"):
        chinese = _Compiled(page.build(Slot), "default", one=page.one).sql
    assert vietnamese == chinese


def test_an_id_beyond_the_columns_range_is_not_found_without_a_query(
    site_vn, as_site, django_assert_num_queries
):
    # As Django's own lookups: no scan comparing every id as a numeric.
    as_site(site_vn)
    OPPORTUNITY_PAGE._compiled()
    with django_assert_num_queries(0), pytest.raises(Http404):
        OPPORTUNITY_PAGE.get_or_404(pk=10**20, today=datetime.date(2026, 1, 1))


def test_prepared_rows_refuse_objects_whose_columns_depend_on_the_languages():
    # Their compiled query is shared by sites of every language set.
    rows = PreparedRows(Event, lambda given: Event.objects.all()).bind()
    with pytest.raises(ValueError, match="values"):
        rows.rows("first")
