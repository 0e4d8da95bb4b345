"""A crawl of both demo sites, signed out and signed in, in each of their
languages: every linked page answers, none is a technical error page, and
no page mixes date styles (every date is CLDR's long date of the page's
language, never "14/4/27")."""

import html
import re

import pytest

from tests.factories.accounts import make_member

SKIP = re.compile(r"\.(ics|atom|csv|xml|txt|svg|css)$|/admin/|/media/|/account/logout/|/cancel/$")
TECHNICAL = ("Traceback", "URLconf", "Request Method:", "Server Error (500)", "DEBUG = True")
# Numeric dates such as 14/4/27, 14.04.2027 or 2027-04-14 in the text people read.
NUMERIC_DATE = re.compile(r"(?<![\d/.:-])(\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4})(?![\d/.:-])")
TEXT = re.compile(r">([^<>]+)<")


def visible_text(page: str) -> str:
    body = page.split("<body", 1)[-1]
    body = re.sub(r"<script.*?</script>", "", body, flags=re.S)
    return " ".join(html.unescape(t) for t in TEXT.findall(body))


def crawl(client, host: str, start: str, limit: int) -> dict[str, tuple[int, str]]:
    pages, queue = {}, [start]
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in pages or SKIP.search(path):
            continue
        response = client.get(path, HTTP_HOST=host)
        body = (
            response.content.decode()
            if response.get("Content-Type", "").startswith("text/html")
            else ""
        )
        pages[path] = (response.status_code, body)
        for link in re.findall(r'href="(/[^"#?]*)', body):
            if link.startswith(start) and link not in pages:
                queue.append(link)
    return pages


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "languages"),
    [("cn-vn.localhost", ["vi", "zh-hans", "en"]), ("cn-id.localhost", ["id", "zh-hans", "en"])],
)
@pytest.mark.parametrize("signed_in", [False, True])
def test_crawl_finds_no_error_page_and_no_mixed_date_styles(
    client, site_vn, site_id, in_site, host, languages, signed_in
):
    if signed_in:
        with in_site(site_vn if host.startswith("cn-vn") else site_id):
            client.force_login(make_member(language=languages[0]).user)
    problems, seen = [], 0
    for language in languages:
        pages = crawl(client, host, f"/{language}/", limit=30 if language == languages[0] else 8)
        seen += len(pages)
        for path, (status, body) in pages.items():
            if status not in (200, 302):
                problems.append(f"{path}: {status}")
            if any(marker in body for marker in TECHNICAL):
                problems.append(f"{path}: a technical error page")
            for numeric in NUMERIC_DATE.findall(visible_text(body)):
                problems.append(f"{path}: numeric date {numeric}")
    assert seen >= 35
    assert problems == []


def test_the_check_would_catch_the_old_mixed_style():
    page = "<p>3 tháng 12, 2026</p><p>09:00 14/4/27 – 17:00 15/4/27</p>"
    assert NUMERIC_DATE.findall(visible_text(page)) == ["14/4/27", "15/4/27"]
