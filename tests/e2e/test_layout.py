"""The layout at phone, tablet and desktop widths, as people see it in Chromium.

On a phone the content comes first: a one-line header with a menu button
(a disclosure element, so it works with JavaScript off) holding the
navigation and the languages; nothing scrolls sideways; what people press
is at least 44 × 44 px. On a desktop the links sit in place.
"""

import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from tenants.models import Site
from tests.e2e.test_accessibility import serious
from tests.factories.accounts import PASSWORD, make_member

pytestmark = pytest.mark.e2e

PAGES = [
    ("cn-vn.localhost", "/vi/"),
    ("cn-vn.localhost", "/vi/opportunities/"),
    ("cn-vn.localhost", "/vi/enterprises/"),
    ("cn-vn.localhost", "/vi/events/"),
    ("cn-vn.localhost", "/vi/account/signup/"),
    ("cn-id.localhost", "/id/events/"),
    ("localhost", "/en/"),
]
# The header of a narrow screen is one row: the name (two lines at most) and the button.
NARROW_HEADER_MAX = 80
WIDE_HEADER_MAX = 160  # a long name takes two lines, with its tagline


def open_page(browser, width: int, *, javascript: bool = True, locale: str = "vi-VN"):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, locale=locale, java_script_enabled=javascript
    )
    return context, context.new_page()


def small_targets(page) -> list[str]:
    """Visible controls smaller than 44 × 44 px (inline links in sentences are exempt)."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
              'header a, header button, header summary, .filters-panel summary, .filters select,'
              + ' .filters button, .subnav a, form button, form select,'
              + ' form input:not([type=hidden]):not([type=checkbox]):not([type=radio])')]
            .filter(el => el.offsetParent !== null && !el.closest('.form__trap'))
            .map(el => [el, el.getBoundingClientRect()])
            .filter(([el, box]) => box.width < 44 || box.height < 44)
            .map(([el, box]) => `${el.tagName} ${el.textContent.trim().slice(0, 30)} `
                 + `${Math.round(box.width)}x${Math.round(box.height)}`)"""
    )


@pytest.mark.parametrize("width", [360, 390, 768, 1280])
def test_no_page_scrolls_sideways_and_the_header_stays_small(browser, live_port, width):
    context, page = open_page(browser, width)
    problems = []
    for host, path in PAGES:
        page.goto(f"http://{host}:{live_port}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        header = page.locator(".masthead").bounding_box()["height"]
        limit = WIDE_HEADER_MAX if width >= 960 else NARROW_HEADER_MAX
        if overflow > 0:
            problems.append(f"{path} at {width}px scrolls sideways by {overflow}px")
        if header > limit:
            problems.append(f"{path} at {width}px: header {header:.0f}px high")
        if width < 960:
            problems += [f"{path} at {width}px: {small}" for small in small_targets(page)]
    context.close()
    assert problems == []


@pytest.mark.parametrize("javascript", [True, False])
def test_the_phone_menu_opens_the_navigation_and_the_languages(browser, live_port, javascript):
    context, page = open_page(browser, 390, javascript=javascript)
    page.goto(f"http://cn-vn.localhost:{live_port}/vi/")
    navigation = page.get_by_role("navigation", name="Điều hướng chính")
    expect(navigation).to_be_hidden()  # the page starts with its content

    page.get_by_text("Danh mục", exact=True).click()
    expect(navigation.get_by_role("link", name="Sự kiện")).to_be_visible()
    languages = page.get_by_role("navigation", name="Ngôn ngữ")
    languages.get_by_role("link", name="简体中文").click()

    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    page.get_by_text("菜单", exact=True).click()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="活动").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("近期活动")
    context.close()


def test_the_open_menu_and_the_filters_pass_the_accessibility_checks(browser, live_port):
    context, page = open_page(browser, 390)
    page.goto(f"http://cn-vn.localhost:{live_port}/vi/opportunities/")
    page.get_by_text("Danh mục", exact=True).click()
    problems = serious(page)
    page.get_by_text("Danh mục", exact=True).click()
    page.get_by_text("Bộ lọc", exact=True).click()
    expect(page.get_by_label("Xuất xứ")).to_be_visible()
    problems += serious(page)
    context.close()
    assert problems == []


def test_on_a_desktop_the_signed_in_links_fit_on_one_line(browser, live_port, django_db_blocker):
    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-vn")
        with schema_context(site.schema_name):
            member = make_member(language="vi")
    context, page = open_page(browser, 1280)
    try:
        base = f"http://cn-vn.localhost:{live_port}"
        page.goto(f"{base}/vi/account/login/")
        page.get_by_label("Email").fill(member.user.email)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        navigation = page.get_by_role("navigation", name="Điều hướng chính")
        home = navigation.get_by_role("link", name="Trang chủ").bounding_box()
        sign_out = navigation.get_by_role("button", name="Đăng xuất").bounding_box()

        expect(page.get_by_text("Danh mục", exact=True)).to_be_hidden()  # no menu button
        assert abs(sign_out["y"] - home["y"]) < 2 and sign_out["height"] < 60
    finally:
        context.close()
        with django_db_blocker.unblock(), schema_context(site.schema_name):
            enterprise = member.enterprise
            member.user.delete()
            enterprise.delete()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_breadcrumbs_items_sit_on_one_line_with_their_separators(
    browser, live_port, demo_event, width
):
    """The current page's name sat above the links before it (they are 44 px
    tall, it was not centred with them; second newcomer walk)."""
    from tenants.models import Site

    event = demo_event(Site.objects.get(code="cn-id"), "jakarta-investment-forum")
    context, page = open_page(browser, width, locale="zh-CN")
    page.goto(f"http://cn-id.localhost:{live_port}/zh-hans/events/{event.slug}/")
    # The middle of each item's words (not of its box: a link is 44 px tall).
    middles = page.evaluate(
        """() => [...document.querySelectorAll('.breadcrumbs li')].map(item => {
              const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
              let node = walker.nextNode();
              while (node && !node.textContent.trim()) node = walker.nextNode();
              const range = document.createRange();
              range.selectNodeContents(node);
              const box = range.getClientRects()[0];
              return Math.round(box.top + box.height / 2);
           })"""
    )
    context.close()
    assert len(middles) >= 3
    # Items of one row (the first two are short) have their words on one line.
    assert abs(middles[1] - middles[0]) <= 2, middles
    same_row = [m for m in middles if abs(m - middles[0]) <= 12]
    assert all(abs(m - middles[0]) <= 2 for m in same_row), middles
