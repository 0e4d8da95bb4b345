"""/healthz and /readyz: on every host, outside the language prefix, never cached."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from web import health

HOSTS = ["localhost", "cn-vn.localhost", "nowhere.localhost", "203.0.113.9"]


@pytest.fixture(autouse=True)
def _fresh_readiness():
    health.forget()
    yield
    health.forget()


@pytest.mark.django_db
@pytest.mark.parametrize("host", HOSTS)
def test_healthz_answers_on_every_host_without_the_database(client, host):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz", HTTP_HOST=host)

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert "sessionid" not in response.cookies and "Vary" not in response
    assert len(queries) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("host", HOSTS)
def test_readyz_checks_database_migrations_and_cache_on_every_host(client, host):
    response = client.get("/readyz", HTTP_HOST=host)

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok"},
    }
    assert response["Cache-Control"] == "no-store"
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_readyz_is_remembered_for_a_few_seconds(client):
    with CaptureQueriesContext(connection) as first:
        client.get("/readyz", HTTP_HOST="cn-vn.localhost")
    with CaptureQueriesContext(connection) as second:
        client.head("/readyz", HTTP_HOST="cn-id.localhost")

    assert 0 < len(first) <= 6  # SELECT 1 and two migration tables, no site lookup
    assert len(second) == 0


@pytest.mark.django_db
def test_a_missing_migration_makes_readyz_fail_and_says_which_check(client, settings, caplog):
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM public.django_migrations WHERE app = 'events' AND name = "
            "(SELECT max(name) FROM public.django_migrations WHERE app = 'events')"
        )

    response = client.get("/readyz", HTTP_HOST="localhost")

    assert response.status_code == 503
    assert json.loads(response.content)["checks"] == {
        "database": "ok",
        "migrations": "fail",
        "cache": "ok",
    }
    assert "not applied in schema public, e.g. events." in caplog.text
    # A failing probe is not a server error mailed to the admins every second.
    assert not [r for r in caplog.records if r.name == "django.request"]


@pytest.mark.django_db
def test_a_portal_without_sites_yet_is_ready_once_its_public_schema_is_migrated(client, settings):
    # The template schema is made with the first site (provision_site).
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER SCHEMA "{settings.TEMPLATE_SCHEMA}" RENAME TO not_made_yet')

    response = client.get("/readyz", HTTP_HOST="localhost")

    assert response.status_code == 200, response.content


@pytest.mark.django_db
def test_an_unreachable_cache_makes_readyz_fail(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "web.redis_cache.RedisCache",  # as CACHE_URL sets it
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
        }
    }
    response = client.get("/readyz", HTTP_HOST="localhost")

    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["cache"] == "fail"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz/", "/en/healthz", "/healthz.json"])
def test_only_the_exact_paths_are_probes(client, path):
    response = client.get(path, HTTP_HOST="cn-vn.localhost")

    assert response.status_code == 404


@pytest.mark.django_db
def test_probes_take_no_posts(client):
    response = client.post("/readyz", HTTP_HOST="localhost")

    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
