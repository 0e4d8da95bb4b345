import xml.etree.ElementTree as ET

import pytest

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def entries(response) -> list[tuple[str, str]]:
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [
        (e.find("a:title", ATOM).text, e.find("a:link", ATOM).get("href"))
        for e in root.findall("a:entry", ATOM)
    ]


@pytest.mark.django_db
def test_news_feed_per_language_with_fallback_titles(client, site_vn):
    vietnamese = entries(client.get("/vi/news/feed.atom", HTTP_HOST="cn-vn.localhost"))
    chinese = client.get("/zh-hans/news/feed.atom", HTTP_HOST="cn-vn.localhost")

    # The newest demo article first.
    assert vietnamese[0] == (
        "Vào vụ sầu riêng, cửa khẩu Hữu Nghị kéo dài giờ thông quan",
        "http://cn-vn.localhost/vi/news/durian-season-border-queues/",
    )
    root = ET.fromstring(chinese.content)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-hans"
    assert root.find("a:title", ATOM).text == "中国越南经贸合作网 · 新闻与政策"


@pytest.mark.django_db
def test_opportunity_feed_lists_only_open_listings_of_this_site(client, site_vn, site_id):
    vn = [
        title
        for title, _link in entries(
            client.get("/en/opportunities/feed.atom", HTTP_HOST="cn-vn.localhost")
        )
    ]
    id_ = [
        title
        for title, _link in entries(
            client.get("/en/opportunities/feed.atom", HTTP_HOST="cn-id.localhost")
        )
    ]

    assert "Dragon fruit from Binh Thuan, export grade" in vn
    assert (
        "Arabica coffee beans from Aceh Gayo" in id_
        and "Arabica coffee beans from Aceh Gayo" not in vn
    )


@pytest.mark.django_db
def test_pages_advertise_their_feeds(client, site_vn):
    page = client.get("/vi/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert (
        'type="application/atom+xml" title="Tin tức và chính sách" href="/vi/news/feed.atom"'
        in page
    )


@pytest.mark.django_db
def test_feed_addresses_are_the_sites_not_the_requests(client, site_vn, settings):
    settings.PUBLIC_URL_SCHEME = "https"

    feed = client.get("/vi/opportunities/feed.atom", HTTP_HOST="cn-vn.localhost:9999")

    body = feed.content.decode()
    assert "9999" not in body
    assert 'href="https://cn-vn.localhost/vi/opportunities/"' in body
    assert all(
        link.startswith("https://cn-vn.localhost/vi/opportunities/") for _t, link in entries(feed)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/vi/news/feed.atom",
        "/vi/search/feed.atom?q=c%C3%A0+ph%C3%AA",
        "/vi/opportunities/feed.atom",
        "/vi/questions/feed.atom",
        "/vi/enterprises/feed.atom",
        "/vi/bulletins/feed.atom",
        "/vi/events/feed.atom",
    ],
)
def test_every_feed_names_its_author_as_atom_requires(client, site_vn, path):
    """RFC 4287 §4.1.1: a feed whose entries have no author has one itself;
    validators refuse it otherwise. The site is the author, in the feed's language."""
    root = ET.fromstring(client.get(path, HTTP_HOST="cn-vn.localhost").content)

    assert (
        root.find("a:author/a:name", ATOM).text
        == "Cổng hợp tác kinh tế thương mại Trung Quốc – Việt Nam"
    )
