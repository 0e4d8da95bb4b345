import xml.etree.ElementTree as ET

import pytest

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.mark.django_db
def test_sitemap_lists_each_page_in_each_site_language_with_alternates(client, site_id):
    response = client.get("/sitemap.xml", HTTP_HOST="cn-id.localhost")
    root = ET.fromstring(response.content)

    locations = [url.find("s:loc", NS).text for url in root.findall("s:url", NS)]
    assert "http://cn-id.localhost/id/news/site-launch/" in locations
    assert not any("/vi/" in loc for loc in locations)
    for url in root.findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert set(alternates) == {"zh-hans", "id", "en", "x-default"}
        assert url.find("s:loc", NS).text in alternates.values()


@pytest.mark.django_db
def test_sitemap_alternates_match_page_head(client, site_id):
    page = client.get("/en/news/site-launch/", HTTP_HOST="cn-id.localhost").content.decode()

    for code in ("zh-hans", "id", "en"):
        href = f"http://cn-id.localhost/{code}/news/site-launch/"
        assert f'<link rel="alternate" hreflang="{code}" href="{href}">' in page
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://cn-id.localhost/news/site-launch/">'
        in page
    )
    assert '<link rel="canonical" href="http://cn-id.localhost/en/news/site-launch/">' in page


@pytest.mark.django_db
def test_unprefixed_page_redirects_to_the_visitors_language(client, site_id):
    response = client.get(
        "/news/site-launch/?ref=x", HTTP_HOST="cn-id.localhost", HTTP_ACCEPT_LANGUAGE="id"
    )

    assert response.status_code == 302 and response["Location"] == "/id/news/site-launch/?ref=x"
    assert client.get("/no-such-page/", HTTP_HOST="cn-id.localhost").status_code == 404


@pytest.mark.django_db
def test_robots_points_to_the_sitemap(client, site_vn):
    text = client.get("/robots.txt", HTTP_HOST="cn-vn.localhost").content.decode()

    assert "Sitemap: http://cn-vn.localhost/sitemap.xml" in text
