"""Switching language keeps the page's own parameters: a search, a filtered list."""

import re
from html import unescape

import pytest

ID = {"HTTP_HOST": "cn-id.localhost"}


def switcher_links(html: str) -> dict[str, str]:
    nav = html[html.index('<nav class="languages"') :]
    nav = nav[: nav.index("</nav>")]
    return {
        code: unescape(href) for href, code in re.findall(r'<a href="([^"]+)" lang="([^"]+)"', nav)
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "chinese"),
    [
        ("/id/search/?q=kopi&type=opportunity", "/zh-hans/search/?q=kopi&type=opportunity"),
        ("/id/opportunities/?product=0901", "/zh-hans/opportunities/?product=0901"),
        ("/id/events/past/?page=2", "/zh-hans/events/past/?page=2"),
        ("/id/news/", "/zh-hans/news/"),
    ],
)
def test_the_language_switcher_keeps_the_query(client, site_id, path, chinese):
    links = switcher_links(client.get(path, **ID).content.decode())
    assert links["zh-hans"] == chinese


@pytest.mark.django_db
def test_odd_parameters_come_back_encoded_never_raw(client, site_id):
    html = client.get('/id/search/?q="><script>x</script>&q=%00kopi', **ID).content.decode()
    links = switcher_links(html)
    assert "<script>" not in links["en"] and "<script" not in html.split("</nav>")[0][-2000:]
    assert links["en"].startswith("/en/search/?q=")


@pytest.mark.django_db
def test_the_sign_in_pages_tab_title_names_the_site_not_the_host(client, site_id):
    html = client.get("/id/account/login/", HTTP_HOST="cn-id.localhost:8000").content.decode()
    title = html[html.index("<title>") : html.index("</title>")]
    assert "localhost" not in title
    assert site_id.name in title or "Indonesia" in title
