"""A site never shows another site's rows."""

import pytest

from tests.factories.articles import make_article


@pytest.mark.django_db
def test_article_of_one_site_is_invisible_on_the_other(client, site_vn, site_id, in_site):
    with in_site(site_vn):
        make_article(
            slug="vn-only-news", texts={"en": "Only on China-Vietnam", "zh-hans": "仅限中越"}
        )

    vn_list = client.get("/en/news/", HTTP_HOST="cn-vn.localhost").content.decode()
    id_list = client.get("/en/news/", HTTP_HOST="cn-id.localhost").content.decode()
    id_detail = client.get("/en/news/vn-only-news/", HTTP_HOST="cn-id.localhost")

    assert "Only on China-Vietnam" in vn_list
    assert "Only on China-Vietnam" not in id_list
    assert id_detail.status_code == 404


@pytest.mark.django_db
def test_same_slug_on_two_sites_resolves_to_each_sites_own_article(
    client, site_vn, site_id, in_site
):
    with in_site(site_vn):
        make_article(slug="shared-slug", texts={"en": "Vietnam version"})
    with in_site(site_id):
        make_article(slug="shared-slug", texts={"en": "Indonesia version"})

    vn = client.get("/en/news/shared-slug/", HTTP_HOST="cn-vn.localhost").content.decode()
    id_ = client.get("/en/news/shared-slug/", HTTP_HOST="cn-id.localhost").content.decode()

    assert "Vietnam version" in vn and "Indonesia version" not in vn
    assert "Indonesia version" in id_ and "Vietnam version" not in id_


@pytest.mark.django_db
def test_site_admin_account_does_not_exist_on_the_other_site(client, site_vn, site_id, in_site):
    from django.contrib.auth import get_user_model

    with in_site(site_vn):
        get_user_model().objects.create_superuser("vn-admin", "vn@example.com", "a-long-password-1")
    credentials = {"username": "vn-admin", "password": "a-long-password-1"}

    on_other_site = client.post("/admin/login/", credentials, HTTP_HOST="cn-id.localhost")
    on_own_site = client.post("/admin/login/", credentials, HTTP_HOST="cn-vn.localhost")

    assert on_other_site.status_code == 200  # the login form again, with an error
    assert on_other_site.context["form"].errors
    assert on_own_site.status_code == 302  # logged in on its own site
