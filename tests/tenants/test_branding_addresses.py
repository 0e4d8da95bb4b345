"""Branding assets are served under addresses that change when they do
(``tenants.services.branding.branding_version``): a new logo shows at once,
in the header, the settings preview, the admin and stored pages alike."""

import re

import pytest
from django.test import Client

from tenants.models import Site
from tests.factories.files import png
from tests.web.test_launching_in_the_browser import HOST, korea_admin, settings_post  # noqa: F401

VN = "cn-vn.localhost"
ASSET = re.compile(r"/branding/([0-9a-f]{12})/(logo\.svg|theme\.css|admin\.css)")


def addresses(html: str) -> set[str]:
    return {match.group(0) for match in ASSET.finditer(html)}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.django_db
def test_a_new_logo_gets_a_new_address_at_once_after_saving(client, korea_admin):  # noqa: F811
    before = client.get("/ko/editor/site/", **HOST).content.decode()
    old_logo = {a for a in addresses(before) if a.endswith("logo.svg")}
    assert len(old_logo) == 1  # the header and the preview show the same one
    assert "/branding/logo.svg" not in before and "/branding/theme.css" not in before

    saved = client.post(
        "/ko/editor/site/", {**settings_post(), "logo": png("seoul.png")}, follow=True, **HOST
    ).content.decode()

    new_logo = {a for a in addresses(saved) if a.endswith("logo.svg")}
    assert len(new_logo) == 1 and new_logo != old_logo
    # The colours changed too (settings_post sets the Korean ones): new theme.
    assert {a for a in addresses(saved) if a.endswith("theme.css")} != {
        a for a in addresses(before) if a.endswith("theme.css")
    }
    site = Site.objects.get(code="cn-kr")
    answer = client.get(new_logo.pop(), **HOST)
    assert answer.status_code == 302 and answer["Location"].endswith(site.logo.name)
    admin = client.get("/admin/", **HOST).content.decode()
    assert {a for a in addresses(admin) if a.endswith("logo.svg")} == new_logo | {
        a for a in addresses(saved) if a.endswith("logo.svg")
    }
    assert any(a.endswith("admin.css") for a in addresses(admin))


@pytest.mark.django_db
def test_a_current_address_is_cached_for_a_year_an_old_or_fixed_one_briefly(client, site_vn):
    page = client.get("/en/", HTTP_HOST=VN).content.decode()
    found = addresses(page)
    assert {a.rsplit("/", 1)[1] for a in found} == {"logo.svg", "theme.css"}
    for address in found:
        answer = client.get(address, HTTP_HOST=VN)
        assert answer.status_code == 200
        assert (
            "immutable" in answer["Cache-Control"] and "max-age=31536000" in answer["Cache-Control"]
        )
    for fixed in ("/branding/logo.svg", "/branding/theme.css", "/branding/admin.css"):
        answer = client.get(fixed, HTTP_HOST=VN)
        assert answer.status_code == 200 and "immutable" not in answer["Cache-Control"]
        assert "max-age=300" in answer["Cache-Control"]
    stale = client.get("/branding/000000000000/logo.svg", HTTP_HOST=VN)
    assert stale.status_code == 200 and "immutable" not in stale["Cache-Control"]
    for bad in (
        "/branding/0000/logo.svg",
        "/branding/ZZZZZZZZZZZZ/logo.svg",
        "/branding/%00/logo.svg",
    ):
        assert client.get(bad, HTTP_HOST=VN).status_code in (400, 404)


@pytest.mark.django_db
def test_a_stored_page_does_not_keep_pointing_at_the_old_logo(site_vn, committed):
    first = Client().get("/en/", HTTP_HOST=VN)
    second = Client().get("/en/", HTTP_HOST=VN)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    old = addresses(second.content.decode())

    with committed():
        site_vn.logo.save("new.png", png("new.png"))  # saves the site row too

    after = Client().get("/en/", HTTP_HOST=VN)
    new = addresses(after.content.decode())
    assert after["X-Page-Cache"] == "miss"
    assert {a for a in new if a.endswith("logo.svg")} != {a for a in old if a.endswith("logo.svg")}
    # The colours did not change, but the version is one for all three assets.
    assert len(new) == 2


@pytest.mark.django_db
def test_the_hubs_admin_links_its_stylesheet_by_version(client):
    page = client.get("/admin/login/", HTTP_HOST="localhost").content.decode()
    (address,) = addresses(page)
    answer = client.get(address, HTTP_HOST="localhost")
    assert answer.status_code == 200 and "--header-bg" in answer.content.decode()
    assert "immutable" in answer["Cache-Control"]
