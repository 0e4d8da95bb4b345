"""A Thai visitor on the hub, on a phone: the likely sites first, every site
one tap away in the directory (filtered by country), and the news in a
language their browser accepts (English) rather than each site's default."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def test_a_thai_visitor_finds_a_site_by_country_and_reads_the_news_in_english(page_in, live_port):
    page = page_in("th-TH")
    # A browser set to Thai that also accepts English (Playwright's locale
    # sends one language: the header is set on each request instead).
    page.route(
        "**/*",
        lambda route: route.continue_(
            headers={**route.request.headers, "accept-language": "th-TH,th;q=0.9,en;q=0.8"}
        ),
    )
    page.set_viewport_size(PHONE)
    page.goto(f"http://localhost:{live_port}/th/")

    # No site offers Thai: the news is in English where an item has it,
    # and nothing is shown in Chinese when English exists.
    titles = page.locator("#hub-news ~ ul .hub-item > a")
    expect(titles.first).to_be_visible()
    languages = titles.evaluate_all("links => links.map(a => a.lang)")
    assert "en" in languages
    # Each site's card opens it in English, which the browser accepts.
    expect(page.locator(".site-card__link").first).to_have_attribute("hreflang", "en")

    page.get_by_role("link", name=re.compile(r"^ทุกเว็บไซต์")).click()
    expect(page).to_have_url(re.compile(r"/th/sites/$"))
    page.get_by_label("ประเทศ").select_option("VN")
    page.get_by_role("button", name="กรอง").click()
    expect(page).to_have_url(re.compile(r"country=VN"))
    cards = page.locator(".site-card__link")
    expect(cards).to_have_count(1)
    expect(cards.first).to_have_attribute("href", re.compile(r"^http://cn-vn\.localhost:\d+/en/$"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
