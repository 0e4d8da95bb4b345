"""HEAD answers like GET (uptime checkers and crawlers use it), never 405."""

import pytest

from tests.factories.events import make_event

VN = {"HTTP_HOST": "cn-vn.localhost"}


@pytest.mark.django_db
def test_head_works_on_public_pages_feeds_and_files(client, site_vn, in_site, settings):
    from pathlib import Path

    with in_site(site_vn):
        make_event(slug="head-check")
    media = Path(settings.MEDIA_ROOT) / site_vn.schema_name / "attachments"
    media.mkdir(parents=True)
    (media / "note.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    paths = [
        "/vi/", "/vi/news/", "/vi/opportunities/", "/vi/enterprises/", "/vi/events/",
        "/vi/events/past/", "/vi/events/calendar.ics", "/vi/events/head-check/",
        "/vi/events/head-check.ics", "/vi/questions/", "/vi/search/?q=a", "/robots.txt",
        "/sitemap.xml", "/branding/theme.css", "/branding/logo.svg", "/vi/news/feed.atom",
        f"/media/{site_vn.schema_name}/attachments/note.pdf", "/vi/account/signup/",
        "/vi/account/login/",
    ]  # fmt: skip

    answers = {path: client.head(path, **VN).status_code for path in paths}

    assert answers == dict.fromkeys(paths, 200)
    assert client.head("/en/", HTTP_HOST="localhost").status_code == 200
