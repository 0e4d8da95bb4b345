"""The admin pages an editor and a hub official open read in each of the
portal's 15 languages: the index, a list, an add form, a change form with
errors, the sign-in page and the password change. No visible text is an
English message of the portal's or Django's catalogs that the language's
catalogs leave untranslated (tests/translations/test_admin_ui_language.py
walks every page of a site's admin in Vietnamese and Korean)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_tenants.utils import schema_context

from tenants.hub import HUB_LANGUAGES
from tenants.models import Site
from tests.factories.accounts import make_staff
from tests.translations.test_admin_ui_language import leaks, untranslated_patterns

VN = "cn-vn.localhost"
HUB = "localhost"


def pages_of(client: Client, host: str, language: str, gets: list[str], posts: dict) -> dict:
    headers = {"HTTP_HOST": host, "HTTP_ACCEPT_LANGUAGE": language}
    pages = {}
    for path in gets:
        response = client.get(path, **headers)
        assert response.status_code == 200, (path, response.status_code)
        pages[path] = response.content.decode()
    for path, data in posts.items():
        response = client.post(path, data, **headers)
        assert response.status_code == 200, (path, response.status_code)
        page = response.content.decode()
        assert 'class="errornote"' in page, path  # the form came back with its errors
        pages[f"POST {path}"] = page
    signin = Client().get("/admin/login/", **headers)
    pages["/admin/login/"] = signin.content.decode()
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("language", [code for code in HUB_LANGUAGES if code != "en"])
def test_an_editors_admin_pages_read_in_each_language(client, site_vn, language):
    site_vn.languages = list(HUB_LANGUAGES)  # the admin answers in the site's languages
    site_vn.save()
    with schema_context(site_vn.schema_name):
        from cooperation.models import Category

        client.force_login(make_staff("editor"))
        category = Category.objects.first().pk

    pages = pages_of(
        client,
        VN,
        language,
        [
            "/admin/",
            "/admin/cooperation/article/",
            "/admin/cooperation/category/add/",
            "/admin/password_change/",
        ],
        {f"/admin/cooperation/category/{category}/change/": {"slug": "not a slug!"}},
    )

    assert leaks(pages, untranslated_patterns(language)) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", [code for code in HUB_LANGUAGES if code != "en"])
def test_a_hub_officials_admin_pages_read_in_each_language(client, language):
    official = get_user_model().objects.create_superuser("official", "o@hub.example", "x")
    client.force_login(official)
    site = Site.objects.get(code="cn-vn").pk

    pages = pages_of(
        client,
        HUB,
        language,
        [
            "/admin/",
            "/admin/tenants/site/",
            "/admin/auth/group/add/",
            f"/admin/tenants/site/{site}/change/",
            "/admin/password_change/",
        ],
        {"/admin/auth/group/add/": {"name": ""}},
    )

    assert leaks(pages, untranslated_patterns(language)) == []
