"""Finding each other across languages, in Chromium: search through the
product vocabulary, the product field with and without JavaScript, pages
on a phone and on a desktop, and subscribing to the events calendar."""

import datetime
import re

import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from cooperation.models import Opportunity
from tenants.models import Site
from tests.factories.accounts import PASSWORD, make_enterprise, make_member

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_vietnamese_seller_finds_the_english_cashew_demand_by_typing_hat_dieu(page_in, live_port):
    page = page_in("vi-VN")
    page.set_viewport_size(PHONE)
    page.goto(f"http://cn-vn.localhost:{live_port}/vi/")
    page.get_by_text("Danh mục").click()  # on a phone the navigation folds into the menu
    page.get_by_role("navigation").get_by_role("link", name="Tìm kiếm").click()
    page.get_by_role("searchbox").fill("hat dieu")
    page.get_by_role("button", name="Tìm kiếm").click()

    result = page.locator(".search-result", has_text="Buying cashew kernels W320")
    expect(result).to_be_visible()
    expect(result.locator(".badge--language")).to_have_text("Tiếng Anh")
    expect(result).to_contain_text("Chưa được dịch sang tiếng Việt")
    expect(page.locator(".search-understood")).to_contain_text("0801")
    assert no_sideways_scroll(page)

    result.get_by_role("link", name="Buying cashew kernels W320").click()
    expect(page.locator("h1")).to_have_attribute("lang", "en")
    expect(page.locator(".products")).to_contain_text("Hạt điều")  # its product, in Vietnamese


def test_nothing_found_offers_a_spelling_and_fewer_filters(page_in, live_port):
    page = page_in("vi-VN")
    base = f"http://cn-vn.localhost:{live_port}"
    page.goto(f"{base}/vi/search/?q=hat+deiu")
    ways = page.locator(".no-results")
    expect(ways).to_contain_text("Không tìm thấy")
    ways.get_by_role("link", name="hạt điều").click()
    expect(page.get_by_role("searchbox")).to_have_value("hạt điều")
    expect(page.locator(".search-result").first).to_be_visible()

    page.goto(f"{base}/vi/search/?q=W320&type=event")
    page.locator(".no-results").get_by_role("link", name=re.compile("Bỏ bộ lọc “Loại")).click()
    expect(page).not_to_have_url(re.compile("type="))
    expect(page.locator(".search-result").first).to_be_visible()


@pytest.fixture
def seller(django_db_blocker):
    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-vn")
        with schema_context(site.schema_name):
            member = make_member(make_enterprise(names={"vi": "Điều Bình Phước"}), language="vi")
    yield member
    with django_db_blocker.unblock(), schema_context(site.schema_name):
        Opportunity.objects.filter(enterprise=member.enterprise).delete()
        enterprise = member.enterprise
        member.user.delete()
        enterprise.delete()


def post_a_listing(page, base: str, member) -> None:
    page.goto(f"{base}/vi/account/login/")
    page.get_by_label("Email").fill(member.user.email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{base}/vi/opportunities/post/")
    page.get_by_label("Loại").select_option("supply")
    page.get_by_label("Tiêu đề").fill("Nhân điều W240 Bình Phước")
    page.get_by_label("Mô tả").fill("Hàng mới, đóng thùng thiếc 22,68 kg.")
    page.get_by_label("Ngành").select_option("A")
    in_two_months = datetime.date.today() + datetime.timedelta(days=60)
    page.get_by_label("Hiệu lực đến").fill(in_two_months.isoformat())


def test_the_product_field_fills_as_one_types(page_in, live_port, seller, django_db_blocker):
    base = f"http://cn-vn.localhost:{live_port}"
    page = page_in("vi-VN")
    page.set_viewport_size(PHONE)
    post_a_listing(page, base, seller)
    product = page.get_by_role("combobox", name="Sản phẩm")
    # The list for the whole text (on a loaded machine a pause between two
    # keys shows a shorter text's list first, whose first option is another).
    with page.expect_response(lambda response: "q=hat%20dieu%20da" in response.url):
        product.press_sequentially("hat dieu da", delay=30)
    option = page.get_by_role("option", name=re.compile("0801.32"))
    expect(option).to_be_visible()
    assert no_sideways_scroll(page)
    product.press("ArrowDown")
    product.press("Enter")  # chooses, does not send the form
    expect(product).to_have_value(re.compile(r"^0801\.32 · Hạt điều đã bóc vỏ"))
    page.get_by_role("button", name="Gửi duyệt").click()
    expect(page.get_by_role("status")).to_contain_text("biên tập viên kiểm tra")
    with django_db_blocker.unblock(), schema_context("site_cn_vn"):
        assert Opportunity.objects.get(enterprise=seller.enterprise).hs_codes == ["080132"]


def test_enter_never_sends_the_form_while_the_list_is_shown(page_in, live_port, seller):
    """Typing on, then ArrowDown before the newer list came (CI, a loaded
    machine): the newer list has nothing marked, and Enter sent the form
    with the product half typed. Now it closes the list; nothing is sent."""
    base = f"http://cn-vn.localhost:{live_port}"
    page = page_in("vi-VN")
    post_a_listing(page, base, seller)
    product = page.get_by_role("combobox", name="Sản phẩm")
    product.press_sequentially("hat dieu", delay=30)
    expect(page.get_by_role("option", name=re.compile("0801.31"))).to_be_visible()
    held = []
    page.route("**/products/lookup/**", lambda route: held.append(route))
    product.press_sequentially(" da", delay=30)
    page.wait_for_timeout(400)  # the picker asks 150 ms after the last key
    product.press("ArrowDown")
    assert held, "the newer list was asked for"
    with page.expect_response("**/products/lookup/**"):
        held[-1].continue_()
    product.press("Enter")

    expect(product).to_have_attribute("aria-expanded", "false")
    expect(product).to_have_value("hat dieu da")
    assert "/opportunities/post/" in page.url


def test_without_javascript_the_form_offers_the_products_to_choose_from(
    browser, live_port, seller, django_db_blocker
):
    base = f"http://cn-vn.localhost:{live_port}"
    context = browser.new_context(locale="vi-VN", java_script_enabled=False, viewport=DESKTOP)
    try:
        page = context.new_page()
        post_a_listing(page, base, seller)
        page.get_by_label("Sản phẩm", exact=True).fill("dieu")
        page.get_by_role("button", name="Gửi duyệt").click()
        choices = page.get_by_role("group", name="Bạn muốn chọn sản phẩm nào?")
        expect(choices).to_be_visible()
        choices.get_by_label(re.compile("0801.31")).check()
        page.get_by_role("button", name="Gửi duyệt").click()
        expect(page.get_by_role("status")).to_contain_text("biên tập viên kiểm tra")
    finally:
        context.close()
    with django_db_blocker.unblock(), schema_context("site_cn_vn"):
        assert Opportunity.objects.get(enterprise=seller.enterprise).hs_codes == ["080131"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_news_pages_read_on_a_phone_and_a_desktop(page_in, live_port, viewport):
    page = page_in("vi-VN")
    page.set_viewport_size(viewport)
    page.goto(f"http://cn-vn.localhost:{live_port}/vi/news/")
    first = page.locator(".article-list__item a").first.inner_text()
    pager = page.get_by_role("navigation", name="Trang")
    pager.get_by_role("link", name="Cũ hơn").click()
    expect(page.locator(".article-list__item a").first).not_to_have_text(first)
    assert no_sideways_scroll(page)
    page.get_by_role("navigation", name="Trang").get_by_role("link", name="Mới hơn").click()
    expect(page.locator(".article-list__item a").first).to_have_text(first)

    page.goto(f"http://cn-vn.localhost:{live_port}/vi/enterprises/")
    page.get_by_role("navigation", name="Trang").get_by_role("link", name="Trang 2").click()
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    assert no_sideways_scroll(page)


def test_the_events_calendar_explains_how_to_subscribe(page_in, live_port):
    page = page_in("en-GB")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.set_viewport_size(PHONE)
    page.goto(f"http://cn-vn.localhost:{live_port}/en/events/?type=trade_fair")
    panel = page.get_by_role("region", name="Subscribe to these events")
    address = panel.get_by_label("Calendar address")
    expect(address).to_have_value(
        re.compile(r"^http://cn-vn\.localhost:\d+/en/events/calendar\.ics\?type=trade_fair$")
    )
    expect(panel.get_by_role("link", name="Open in your calendar app")).to_have_attribute(
        "href", re.compile(r"^webcal://cn-vn\.localhost:\d+/en/events/calendar\.ics")
    )
    expect(panel.get_by_role("link", name="Add to Google Calendar")).to_have_attribute(
        "href", re.compile(r"^https://calendar\.google\.com/calendar/render\?cid=webcal")
    )
    panel.get_by_role("button", name="Copy").click()
    expect(panel.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == address.input_value()
    assert no_sideways_scroll(page)
