"""Page queries stay bounded however many articles there are."""

import pytest

from tests.factories.articles import make_article


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "queries"),
    # The domain lookup, then the page's own: articles; + categories; + the
    # article's documents and tags. Each after django-tenants' SET search_path.
    # The home page: three counts, news, events and listings.
    [("/vi/", 7), ("/vi/news/", 3), ("/vi/news/site-launch/", 4)],
)
def test_pages_use_a_bounded_number_of_queries(
    client, site_vn, in_site, django_assert_max_num_queries, path, queries
):
    with in_site(site_vn):
        for number in range(30):
            make_article(slug=f"bulk-{number}", texts={"vi": f"Tin {number}"})

    with django_assert_max_num_queries(2 * queries):
        response = client.get(path, HTTP_HOST="cn-vn.localhost")

    assert response.status_code == 200


@pytest.mark.django_db
def test_drafts_and_future_articles_are_not_public(client, site_vn, in_site):
    from django.utils import timezone

    with in_site(site_vn):
        make_article(slug="draft-one", texts={"vi": "Bản nháp bí mật"}, status="draft")
        make_article(
            slug="future-one",
            texts={"vi": "Tin tương lai"},
            published_at=timezone.now() + timezone.timedelta(days=1),
        )

    page = client.get("/vi/news/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert "Bản nháp bí mật" not in page and "Tin tương lai" not in page
    assert client.get("/vi/news/draft-one/", HTTP_HOST="cn-vn.localhost").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/vi/", "/vi/news/"])
def test_lists_of_articles_do_not_read_their_bodies(client, site_vn, in_site, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with in_site(site_vn):
        make_article(slug="with-body", texts={"vi": "Tin có nội dung"})

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_HOST="cn-vn.localhost", HTTP_CACHE_CONTROL="no-cache")

    articles = [q["sql"] for q in captured.captured_queries if "cooperation_article" in q["sql"]]
    assert response.status_code == 200
    assert "Tin có nội dung" in response.content.decode()
    assert articles and not any('"body' in sql for sql in articles)
