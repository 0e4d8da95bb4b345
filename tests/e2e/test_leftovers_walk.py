"""A newcomer's walk through issue 15's leftovers, in Vietnamese on
China–Vietnam and in French on the hub, at phone and desktop width: the
directory's alert link, HS codes as written, a co-hosted event naming its
partner, the bulletin archive, ?page= on the news, an ended alert's link.
Each page stays within the screen; screenshots in test-artifacts/."""

import re

import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from tenants.models import Site
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_layout import open_page

pytestmark = pytest.mark.e2e


def _fits(page, problems: list[str], name: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        problems.append(f"{name} scrolls sideways by {overflow}px")


def _ended_alert_link(django_db_blocker) -> str:
    """The manage link of a Vietnamese reader's alert, kept from before it ended."""
    from alerts import links
    from alerts.models import Subscription
    from alerts.services.subscriptions import unsubscribe

    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-vn")
        with schema_context(site.schema_name):
            Subscription.objects.filter(email="walker@example.vn").delete()
            alert = Subscription.objects.create(
                email="walker@example.vn", language="vi", status="active",
                kind="opportunity", product="080131",
            )  # fmt: skip
            old = links.path(site, alert, links.MANAGE)
            unsubscribe(alert)
    return old


@pytest.mark.parametrize("width", [390, 1280])
def test_the_leftovers_read_well_in_vietnamese_and_french(
    browser, live_port, django_db_blocker, width
):
    site = f"http://cn-vn.localhost:{live_port}"
    hub = f"http://localhost:{live_port}"
    problems: list[str] = []
    context, page = open_page(browser, width, locale="vi-VN")
    ARTIFACTS.mkdir(exist_ok=True)

    def shot(name: str) -> None:
        _fits(page, problems, name)
        page.screenshot(path=ARTIFACTS / f"leftovers-{name}-{width}.png", full_page=True)

    # The directory has an alert link that keeps its filters.
    page.goto(f"{site}/vi/enterprises/?sector=A")
    shot("directory")
    page.get_by_role("link", name="Nhận thông báo qua email cho danh sách này").click()
    expect(page.locator("h1")).to_have_text("Thông báo qua email")
    shot("directory-alert")

    # HS codes as written.
    page.goto(f"{site}/vi/search/?q=hat+dieu")
    expect(page.locator(".search-understood")).to_contain_text("0801.31")
    expect(page.locator(".search-understood")).not_to_contain_text("080131")
    shot("search-codes")

    # A co-hosted event names its partner, linked.
    page.goto(f"{site}/vi/events/asean-china-investment-forum/")
    note = page.locator(".event__cohosts")
    expect(note).to_contain_text("Indonesia")
    expect(note.get_by_role("link")).to_have_attribute("href", re.compile(r"cn-id\.localhost"))
    shot("cohosted")

    # The bulletin archive has the demo's issue.
    page.goto(f"{site}/vi/bulletins/")
    page.locator("main a[href*='/vi/bulletins/20']").first.click()
    expect(page.locator(".lead")).to_contain_text("Tuần")
    expect(page.locator(".bulletin-introduction")).to_contain_text("biên tập viên")
    shot("bulletin")

    # ?page=2 of the news is page 2, by its cursor.
    page.goto(f"{site}/vi/news/?page=2")
    assert "older=" in page.url
    shot("news-page-2")

    # An ended alert's old link says so and offers the same alert again.
    page.goto(site + _ended_alert_link(django_db_blocker))
    expect(page.locator("h1")).to_have_text("Thông báo này đã dừng")
    shot("ended-alert")
    page.get_by_role("link", name="Tạo thông báo mới cho cùng nội dung").click()
    expect(page.locator("input[name=product]")).to_have_value(re.compile(r"^0801\.31 · "))
    assert "walker@example.vn" not in page.content()
    shot("ended-alert-again")
    context.close()

    # The hub in French names co-hosts that still co-host.
    context, page = open_page(browser, width, locale="fr-FR")
    page.goto(f"{hub}/fr/events/")
    expect(page.locator(".hub-item__cohosts").first).to_contain_text("coorganisé avec")
    _fits(page, problems, "hub-events")
    page.screenshot(path=ARTIFACTS / f"leftovers-hub-events-fr-{width}.png", full_page=True)
    context.close()
    assert problems == []
