import datetime

import pytest

from tests import cldr


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "accept", "expected"),
    [
        ("cn-vn.localhost", "vi-VN,vi;q=0.9", "/vi/"),
        ("cn-vn.localhost", "id-ID,id;q=0.9", "/zh-hans/"),  # not offered: the site default
        ("cn-id.localhost", "id-ID,id;q=0.9", "/id/"),
        ("cn-id.localhost", "en-GB,en;q=0.8", "/en/"),
    ],
)
def test_root_redirects_to_best_offered_language(client, site_vn, site_id, host, accept, expected):
    response = client.get("/", HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302 and response["Location"] == expected


@pytest.mark.django_db
def test_language_the_site_does_not_offer_is_a_404_in_the_site_default(client, site_vn):
    response = client.get("/id/", HTTP_HOST="cn-vn.localhost")

    assert response.status_code == 404
    assert '<html lang="zh-hans"' in response.content.decode()
    assert "页面不存在" in response.content.decode()


@pytest.mark.django_db
def test_explicit_choice_is_remembered(client, site_vn):
    client.get("/en/", HTTP_HOST="cn-vn.localhost")

    response = client.get("/", HTTP_HOST="cn-vn.localhost", HTTP_ACCEPT_LANGUAGE="vi")

    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_switcher_offers_only_site_languages_in_their_own_names(client, site_id):
    page = client.get("/id/news/", HTTP_HOST="cn-id.localhost").content.decode()

    assert '<a href="/zh-hans/news/" lang="zh-hans" hreflang="zh-hans">简体中文</a>' in page
    assert (
        '<a href="/id/news/" lang="id" hreflang="id" aria-current="true">Bahasa Indonesia</a>'
        in page
    )
    assert "Tiếng Việt" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "language", "texts", "pair", "launched"),
    [
        ("cn-vn.localhost", "vi", ["Trang chủ", "Tin tức và chính sách"], "VN", (2006, 11, 16)),
        ("cn-id.localhost", "id", ["Beranda", "Berita dan kebijakan"], "ID", (2006, 10, 6)),
        ("cn-vn.localhost", "zh-hans", ["首页", "新闻与政策"], "VN", (2006, 11, 16)),
    ],
)
def test_home_page_speaks_the_language_of_its_prefix(
    client, site_vn, site_id, host, language, texts, pair, launched
):
    page = client.get(f"/{language}/", HTTP_HOST=host).content.decode()

    assert f'<html lang="{language}"' in page
    for text in texts:  # our catalogs
        assert text in page
    # CLDR's country names and long date (the launch article's) in that language.
    assert cldr.countries("CN", pair, language) in page
    assert cldr.long_date(datetime.date(*launched), language) in page


@pytest.mark.django_db
def test_home_page_in_time_zone_of_site_and_hreflang_alternates(client, site_vn):
    page = client.get("/vi/", HTTP_HOST="cn-vn.localhost").content.decode()

    for code in ("zh-hans", "vi", "en"):
        assert (
            f'<link rel="alternate" hreflang="{code}" href="http://cn-vn.localhost/{code}/">'
            in page
        )
