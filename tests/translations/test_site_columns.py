from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.models import Article
from tests.factories.articles import make_article
from translations.site_columns import in_site_languages


def test_pages_read_only_the_columns_of_the_sites_languages(client, site_vn, in_site):
    with in_site(site_vn):
        make_article(slug="columns", texts={"en": "Columns", "vi": "Cột"})

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/vi/news/", HTTP_HOST="cn-vn.localhost")

    # The page's keys, then the articles whose item is not kept rendered.
    listings = [q["sql"] for q in queries if 'FROM "cooperation_article"' in q["sql"]]
    assert "Cột" in page.content.decode()
    assert any(
        '"title_vi"' in sql and '"title_zh_hans"' in sql and '"title_en"' in sql for sql in listings
    )
    assert not any('"title_de"' in sql or '"body_ko"' in sql for sql in listings)


def test_a_column_left_out_is_still_read_when_asked_for(site_vn, in_site):
    with in_site(site_vn):
        make_article(slug="german", texts={"en": "English", "de": "Deutsch"})
        connection.set_tenant(site_vn)
        try:
            article = in_site_languages(Article.objects.filter(slug="german")).get()
            assert "title_de" in article.get_deferred_fields()
            assert article.title_de == "Deutsch"
            article.title_en = "English, edited"
            article.save()  # writes the loaded columns only
            assert Article.objects.get(slug="german").title_de == "Deutsch"
        finally:
            connection.set_schema_to_public()


def test_outside_a_sites_request_nothing_is_left_out(site_vn, in_site):
    with in_site(site_vn):
        assert not in_site_languages(Article.objects.all()).query.deferred_loading[0]


def _other_language_columns(queries) -> list[str]:
    """Content columns of languages cn-vn neither shows nor falls back to,
    in the SQL run (the site's own row is read once per process, whole)."""
    return [
        q["sql"][:120]
        for q in queries
        if '"cooperation_' in q["sql"] and ('_de"' in q["sql"] or '_ko"' in q["sql"])
    ]


def test_detail_pages_read_only_the_sites_languages_of_what_they_join(client, site_vn, in_site):
    from cooperation.models import Tag
    from tests.factories.accounts import make_enterprise
    from tests.factories.opportunities import make_listing

    with in_site(site_vn):
        article = make_article(slug="joined", texts={"en": "Joined", "vi": "Nối"})
        article.tags.add(Tag.objects.create(slug="rice", name_en="Rice", name_de="Reis"))
        listing = make_listing(
            texts={"vi": ("Gạo", "Gạo thơm")}, enterprise=make_enterprise(names={"en": "Mekong"})
        )

    for path in ("/vi/news/joined/", f"/vi/opportunities/{listing.pk}/"):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(path, HTTP_HOST="cn-vn.localhost")
        assert page.status_code == 200
        assert _other_language_columns(queries) == [], path
    assert "Rice" in client.get("/en/news/joined/", HTTP_HOST="cn-vn.localhost").content.decode()
