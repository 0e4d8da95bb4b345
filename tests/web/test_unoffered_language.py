"""A language the portal has but the site does not offer (cn-vn's ``/es/``):
the 404 reads in the best language the visitor reads that the site offers,
and leads to the same page in each of the site's languages (or to the site's
home in them, when there is no such page). No header or cookie makes an
error page fail."""

import re

import pytest
from django.utils import translation

from languages.formatting import language_in_sentence
from languages.registry import get_language

VN = {"HTTP_HOST": "cn-vn.localhost"}


def ways_on(page: str) -> dict[str, str]:
    """language → address, of the links the error page offers (not the menu's)."""
    section = re.search(r'<section class="error-page".*?</section>', page, re.S).group(0)
    return dict(
        (code, href)
        for href, code in re.findall(
            r'<a href="([^"]+)" lang="([\w-]+)" hreflang="[\w-]+"', section
        )
    )


def words(reader: str, text: str, **values) -> str:
    with translation.override(reader):
        return translation.gettext(text) % values


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "shown"),
    [("vi-VN,vi;q=0.9", "vi"), ("es,en;q=0.5", "en"), ("es", "zh-hans"), ("", "zh-hans")],
)
def test_the_404_reads_in_the_best_language_the_site_offers(client, site_vn, accept, shown):
    response = client.get("/es/news/", HTTP_ACCEPT_LANGUAGE=accept, **VN)
    page = response.content.decode()

    assert response.status_code == 404
    assert f'<html lang="{shown}"' in page
    assert response["Content-Language"] == shown
    assert "Accept-Language" in response["Vary"]
    spanish = language_in_sentence("es", shown)
    assert words(shown, "This site is not available in %(language)s.", language=spanish) in page
    if shown == "vi":  # "tiếng" is a common noun: small inside a sentence
        assert "Trang này không có bản tiếng Tây Ban Nha." in page
    # The same page in each language the site offers, named in its own language.
    assert ways_on(page) == {code: f"/{code}/news/" for code in site_vn.languages}
    for code in site_vn.languages:
        assert f'lang="{code}" hreflang="{code}">{get_language(code).native_name}</a>' in page


@pytest.mark.django_db
def test_a_page_that_does_not_exist_leads_to_the_home_in_each_language(client, site_vn):
    response = client.get("/es/noticias/", HTTP_ACCEPT_LANGUAGE="vi", **VN)
    page = response.content.decode()

    assert response.status_code == 404
    assert ways_on(page) == {code: f"/{code}/" for code in site_vn.languages}
    assert words("vi", "Go to the home page in:") in page


@pytest.mark.django_db
def test_an_earlier_choice_of_language_counts_first(client, site_vn):
    client.cookies["django_language"] = "en"

    page = client.get("/es/news/", HTTP_ACCEPT_LANGUAGE="vi", **VN).content.decode()

    assert '<html lang="en"' in page


@pytest.mark.django_db
def test_the_hub_does_the_same_for_a_language_it_lacks(client):
    response = client.get("/km/events/", HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()

    assert response.status_code == 404
    assert '<html lang="fr"' in page
    assert ways_on(page)["fr"] == "/fr/events/" and len(ways_on(page)) >= 15


ODD_HEADERS = [
    "\x00",
    "*",
    "vi;q=abc",
    "vi;q=0.5,,,;;;,en",
    "x" * 5000,
    ",".join(["vi"] * 2000),
    "zh-Hans-CN-x-private;q=1.0",
    "ar-\u202e;q=0.9",
    "日本語",
]
# A cookie arrives as bytes, which WSGI reads as Latin-1 ("vi" with a
# combining acute accent in UTF-8).
ODD_COOKIES = ["\x00", "es", "../../etc", "x" * 4000, "vi\xcc\x81", "zh-hant"]


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ODD_HEADERS)
def test_no_accept_language_breaks_an_error_page(client, site_vn, accept):
    for path in ("/es/news/", "/vi/nothing-here/", "/km/"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept, **VN)
        assert response.status_code == 404, (path, accept)
        assert '<section class="error-page"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", ODD_COOKIES)
def test_no_language_cookie_breaks_an_error_page(client, site_vn, cookie):
    client.cookies["django_language"] = cookie
    for path in ("/es/news/", "/vi/nothing-here/", "/admin/nothing/"):
        response = client.get(path, **VN)
        # A NUL is refused before any page is looked for (web.security): a 400.
        assert response.status_code in (400, 404, 302), (path, cookie)
        assert response.status_code != 400 or cookie == "\x00"
