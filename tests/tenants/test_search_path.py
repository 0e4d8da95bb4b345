"""SET search_path is issued once per schema switch (TENANT_LIMIT_SET_CALLS),
and never trusted after PostgreSQL may have undone it.

PostgreSQL undoes a SET made inside a savepoint or transaction that rolls
back. django-tenants forgets the path it set on every rollback (savepoint or
whole), so the next query sets it again; these tests hold it to that, since
one query in the wrong schema would show one site's rows on another.
"""

import pytest
from django.conf import settings
from django.db import connection, transaction
from django_tenants.utils import schema_context

from cooperation.models import Article
from tests.factories.articles import make_article


def search_path() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        return cursor.fetchone()[0]


def slugs() -> set[str]:
    return set(Article.objects.values_list("slug", flat=True))


def test_the_search_path_is_set_once_per_switch(site_vn, django_assert_num_queries):
    assert settings.TENANT_LIMIT_SET_CALLS
    with schema_context(site_vn.schema_name):
        Article.objects.count()  # sets the path
        with django_assert_num_queries(2):  # no SET before either
            Article.objects.count()
            Article.objects.exists()


@pytest.mark.django_db
def test_a_path_set_inside_a_rolled_back_savepoint_is_set_again(site_vn, site_id, in_site):
    # The savepoint is made on Vietnam's path; the switch to Indonesia and its
    # SET happen inside it; the rollback makes PostgreSQL go back to Vietnam's
    # path while the connection still serves Indonesia.
    with in_site(site_id):
        make_article(slug="indonesian-row")
    with in_site(site_vn):
        make_article(slug="vietnamese-row")
    connection.set_tenant(site_vn)
    try:
        assert "vietnamese-row" in slugs()
        savepoint = transaction.savepoint()
        connection.set_tenant(site_id)
        assert "indonesian-row" in slugs()  # SET to Indonesia, inside the savepoint
        transaction.savepoint_rollback(savepoint)

        assert site_id.schema_name in search_path()
        assert slugs() >= {"indonesian-row"} and "vietnamese-row" not in slugs()
    finally:
        connection.set_schema_to_public()


@pytest.mark.django_db
def test_a_path_set_inside_a_failed_atomic_block_is_set_again(site_vn, site_id, in_site):
    with in_site(site_id):
        make_article(slug="indonesian-row")
    connection.set_tenant(site_vn)
    try:
        slugs()  # Vietnam's path
        try:
            with transaction.atomic():
                connection.set_tenant(site_id)
                assert "indonesian-row" in slugs()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        # Still serving Indonesia (set_tenant is not undone by a rollback).
        assert "indonesian-row" in slugs()
    finally:
        connection.set_schema_to_public()


@pytest.mark.django_db
def test_a_failed_statement_and_its_rollback_keep_the_right_site(site_vn, site_id, in_site):
    with in_site(site_vn):
        make_article(slug="vietnam-after-error")
    with schema_context(site_vn.schema_name):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT 1/0")
        except Exception:
            pass
        assert "vietnam-after-error" in slugs()


def _sets(client, host: str) -> int:
    """How many times one request set the search path (a page that reads
    the database: nothing kept from the last request)."""
    from django.test.utils import CaptureQueriesContext

    from web.fragment_store import fragments, kept_rows

    fragments.clear()
    kept_rows.clear()

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/news/", HTTP_HOST=host, HTTP_CACHE_CONTROL="no-cache")
    assert page.status_code == 200
    return sum(query["sql"].startswith("SET search_path") for query in queries)


@pytest.mark.django_db
def test_a_request_to_the_site_the_connection_serves_keeps_its_path(client, site_vn, site_id):
    """One round trip a request less: the path the last request's site set
    holds; another site's request, a rollback or a close set it again."""
    _sets(client, "cn-id.localhost")  # each site looked up once (in the public schema)
    _sets(client, "cn-vn.localhost")
    assert _sets(client, "cn-vn.localhost") == 0
    assert _sets(client, "cn-id.localhost") == 1
    assert _sets(client, "cn-vn.localhost") == 1
    assert site_vn.schema_name in search_path()

    connection.search_path_set_schemas = None  # what django-tenants does on a rollback or close
    assert _sets(client, "cn-vn.localhost") == 1
