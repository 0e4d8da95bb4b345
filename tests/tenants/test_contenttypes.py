"""Content type ids are cached per schema (tenants.contenttypes)."""

import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django_tenants.utils import schema_context

from cooperation.models import Article

SITE_ONLY_ID = 987_654


@pytest.fixture
def differing_ids(site_vn):
    """Give Article another content type id in the site's schema than in the
    hub's, as happens when the tables were filled in different orders (the
    test transaction is rolled back afterwards)."""
    with schema_context(site_vn.schema_name), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE django_content_type SET model = 'article_before'"
            " WHERE app_label = 'cooperation' AND model = 'article'"
        )
        cursor.execute(
            "INSERT INTO django_content_type (id, app_label, model)"
            " VALUES (%s, 'cooperation', 'article')",
            [SITE_ONLY_ID],
        )
    ContentType.objects.clear_cache()
    return ContentType.objects.get(app_label="cooperation", model="article").pk


@pytest.mark.django_db
def test_each_schema_gets_its_own_content_type_ids(site_vn, differing_ids):
    with schema_context(site_vn.schema_name):
        assert ContentType.objects.get_for_model(Article).pk == SITE_ONLY_ID
    assert ContentType.objects.get_for_model(Article).pk == differing_ids
    with schema_context(site_vn.schema_name):
        assert ContentType.objects.get_for_model(Article).pk == SITE_ONLY_ID


@pytest.mark.django_db
def test_a_thread_in_another_schema_does_not_read_ids_cached_for_this_one(site_vn, differing_ids):
    in_public, cached, seen = threading.Event(), threading.Event(), {}

    def hub_request() -> None:
        connection.set_schema_to_public()  # (clears the cache, as django-tenants does)
        in_public.set()
        cached.wait(5)  # meanwhile, the other thread caches its site's ids
        seen["id"] = ContentType.objects.get_for_model(Article).pk
        connection.close()

    thread = threading.Thread(target=hub_request)
    thread.start()
    in_public.wait(5)
    with schema_context(site_vn.schema_name):
        assert ContentType.objects.get_for_model(Article).pk == SITE_ONLY_ID
        cached.set()
        thread.join(5)

    assert seen["id"] == differing_ids != SITE_ONLY_ID
