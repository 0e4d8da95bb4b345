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
