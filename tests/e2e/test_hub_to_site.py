import re

import pytest
from playwright.sync_api import expect

from tests import cldr

pytestmark = pytest.mark.e2e  # data comes from the session sites, through the live server


def test_visitor_goes_from_hub_to_a_site_home_in_their_language(page_in, live_port):
    page = page_in("vi-VN")
    page.goto(f"http://localhost:{live_port}/")

    expect(page).to_have_url(re.compile(r"/vi/$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    # The site's card (its news, listings and events below name it too).
    card = page.locator(".site-cards").get_by_role(
        "link", name=re.compile("Cổng hợp tác kinh tế thương mại Trung Quốc – Việt Nam")
    )
    expect(card).to_be_visible()
    card.click()

    expect(page).to_have_url(f"http://cn-vn.localhost:{live_port}/vi/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cổng hợp tác kinh tế thương mại Trung Quốc – Việt Nam"
    )
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_contain_text(
        "Tin tức và chính sách"
    )
    # The latest demo news, published the day before the demo was loaded.
    expect(
        page.get_by_text("Vào vụ sầu riêng, cửa khẩu Hữu Nghị kéo dài giờ thông quan")
    ).to_be_visible()


def test_indonesian_visitor_lands_on_indonesian_site_and_can_switch(page_in, live_port):
    page = page_in("id-ID")
    page.goto(f"http://cn-id.localhost:{live_port}/")

    expect(page).to_have_url(f"http://cn-id.localhost:{live_port}/id/")
    expect(page.get_by_text(cldr.countries("CN", "ID", "id"))).to_be_visible()
    page.get_by_role("navigation", name="Bahasa").get_by_role("link", name="简体中文").click()

    expect(page).to_have_url(f"http://cn-id.localhost:{live_port}/zh-hans/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_text(cldr.countries("CN", "ID", "zh-hans"))).to_be_visible()


def test_sites_look_distinct(page_in, live_port):
    page = page_in()
    colours = {}
    for code in ("cn-vn", "cn-id"):
        page.goto(f"http://{code}.localhost:{live_port}/en/")
        colours[code] = page.locator(".masthead").evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )

    assert colours["cn-vn"] == "rgb(179, 38, 30)"
    assert colours["cn-id"] == "rgb(11, 83, 148)"


def test_unknown_host_shows_the_404_page(page_in, live_port):
    page = page_in()
    response = page.goto(f"http://nowhere.localhost:{live_port}/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Site not found")
    page.get_by_role("link", name="See all cooperation sites").click()
    expect(page).to_have_url(re.compile(rf"http://localhost:{live_port}/en/$"))


def test_switching_language_on_an_article_keeps_the_article(page_in, live_port):
    page = page_in("vi-VN")
    page.goto(f"http://cn-vn.localhost:{live_port}/vi/news/")
    page.get_by_role(
        "link", name="Vào vụ sầu riêng, cửa khẩu Hữu Nghị kéo dài giờ thông quan"
    ).click()
    expect(page).to_have_url(
        f"http://cn-vn.localhost:{live_port}/vi/news/durian-season-border-queues/"
    )

    page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="简体中文").click()

    expect(page).to_have_url(
        f"http://cn-vn.localhost:{live_port}/zh-hans/news/durian-season-border-queues/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "榴莲旺季来临，友谊关口岸延长通关时间"
    )
    # The choice is remembered: the bare address now opens in Chinese.
    page.goto(f"http://cn-vn.localhost:{live_port}/")
    expect(page).to_have_url(f"http://cn-vn.localhost:{live_port}/zh-hans/")


@pytest.mark.parametrize("width", [390, 1280])
def test_visitor_finds_every_sites_upcoming_events_and_the_past_ones(browser, live_port, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"http://localhost:{live_port}/vi/")
        page.get_by_role("link", name="Tất cả sự kiện sắp diễn ra").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Sự kiện sắp diễn ra")
        items = page.locator(".hub-items .hub-item")
        expect(items.first).to_be_visible()
        # The demo's events of both sites, each labelled with its site.
        expect(
            page.locator(".hub-items .badge--site").filter(has_text="Việt Nam").first
        ).to_be_visible()
        expect(
            page.locator(".hub-items .badge--site").filter(has_text="Indonesia").first
        ).to_be_visible()
        page.screenshot(path=f"test-artifacts/hub-events-vi-{width}.png", full_page=True)

        page.get_by_role("link", name="Sự kiện đã qua").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Sự kiện đã qua")
        expect(page.get_by_role("link", name="Sự kiện sắp diễn ra")).to_be_visible()
    finally:
        context.close()
