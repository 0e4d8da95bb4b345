"""Sessions cached in the shared cache stay each site's own."""

import pytest
from django.core.cache import cache

from tests.factories.accounts import make_member


@pytest.fixture
def cached_sessions(settings):
    settings.SESSION_ENGINE = "tenants.sessions"


@pytest.mark.django_db
def test_a_session_is_read_from_the_cache_under_its_sites_key(
    cached_sessions, client, site_vn, in_site
):
    with in_site(site_vn):
        member = make_member(email="an@example.vn")
        client.force_login(member.user)
    key = client.cookies["sessionid"].value

    assert cache.get(f"django.contrib.sessions.cached_dbsite_cn_vn:{key}") is not None
    page = client.get("/en/account/", HTTP_HOST="cn-vn.localhost")
    assert page.status_code == 200
    assert (
        "an@example.vn" in page.content.decode() or member.enterprise.name in page.content.decode()
    )


@pytest.mark.django_db
def test_a_session_cookie_carried_to_another_site_signs_nobody_in(
    cached_sessions, client, site_vn, site_id, in_site
):
    with in_site(site_vn):
        client.force_login(make_member(email="an@example.vn").user)
    # Same cookie, another site's address: the same user id means someone else there.
    with in_site(site_id):
        make_member(email="budi@example.id")
    page = client.get("/en/account/", HTTP_HOST="cn-id.localhost")

    assert page.status_code == 302
    assert "/login/" in page["Location"]


@pytest.mark.django_db
def test_signing_out_ends_the_cached_session_too(cached_sessions, client, site_vn, in_site):
    with in_site(site_vn):
        client.force_login(make_member(email="an@example.vn").user)
    key = client.cookies["sessionid"].value
    client.post("/en/account/logout/", HTTP_HOST="cn-vn.localhost")

    assert cache.get(f"django.contrib.sessions.cached_dbsite_cn_vn:{key}") is None
    client.cookies["sessionid"] = key  # replayed
    assert client.get("/en/account/", HTTP_HOST="cn-vn.localhost").status_code == 302


@pytest.mark.django_db
def test_one_sites_session_data_is_not_found_under_another_sites_schema(
    cached_sessions, site_vn, site_id, in_site
):
    from django.conf import settings
    from django.utils.module_loading import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore
    with in_site(site_vn):
        session = store()
        session["basket"] = ["durian"]
        session.create()
    with in_site(site_id):
        assert store(session_key=session.session_key).load() == {}
        assert not store().exists(session.session_key)
    with in_site(site_vn):
        assert store(session_key=session.session_key).load() == {"basket": ["durian"]}
