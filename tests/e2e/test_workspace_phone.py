"""The workspace on a phone (390 px) and a desktop (1280 px): the ten pages
of an administrator fold into one line that names the page one is on (a
disclosure, keyboard- and screen-reader-usable), and the translation status
tables stack their rows instead of hiding Missing, Outdated and Done in a
sideways scroller."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, E2E_PASSWORD, sign_in
from tests.e2e.test_accessibility import serious

pytestmark = pytest.mark.e2e

ADMIN = "phone-admin@cn-vn.example"


@pytest.fixture
def cn_vn_admin(django_db_blocker):
    with django_db_blocker.unblock(), schema_context("site_cn_vn"):
        user = get_user_model().objects.create_user(
            ADMIN, ADMIN, E2E_PASSWORD, is_staff=True, is_superuser=True
        )
    yield
    with django_db_blocker.unblock(), schema_context("site_cn_vn"):
        user.delete()


def words(language: str, *texts: str) -> list[str]:
    with translation.override(language):
        return [translation.gettext(text) for text in texts]


@pytest.mark.parametrize("width", [390, 1280])
def test_workspace_navigation_and_status_tables_fit_the_screen(
    browser, live_port, cn_vn_admin, width
):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="vi-VN")
    page = context.new_page()
    site = f"http://cn-vn.localhost:{live_port}"
    sign_in(page, f"{site}/admin/login/", ADMIN)
    page.goto(f"{site}/vi/editor/translations/")
    status, workspace, missing, outdated, done = words(
        "vi", "Translation status", "Workspace", "Missing", "Outdated", "Done"
    )
    heading = page.get_by_role("heading", name=status, exact=True)
    nav = page.get_by_role("navigation", name=workspace)
    links = nav.locator("a")  # hidden ones too (a closed disclosure)
    assert links.count() >= 8  # an administrator's pages

    if width == 390:
        # One line before the content, naming where one is.
        toggle = nav.locator("summary")
        expect(toggle).to_contain_text(status)
        assert nav.bounding_box()["height"] <= 60
        assert heading.bounding_box()["y"] < 260, "the navigation fills the screen"
        expect(links.first).to_be_hidden()
        # The keyboard opens it and reaches every page.
        toggle.focus()
        page.keyboard.press("Enter")
        expect(links.first).to_be_visible()
        assert toggle.evaluate("e => e.parentElement.open")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == links.first.text_content()
        expect(nav.locator('a[aria-current="page"]')).to_have_text(status)
    else:
        expect(nav.locator("summary")).to_be_hidden()
        expect(links.first).to_be_visible()
        boxes = [links.nth(n).bounding_box() for n in range(2)]
        assert boxes[1]["y"] > boxes[0]["y"]  # a column beside the content
        assert heading.bounding_box()["x"] > boxes[0]["x"] + boxes[0]["width"]

    # Every figure of every status row is on the screen, none in a scroller.
    cells = page.locator(".status-table--stacks td")
    assert cells.count() >= 5
    for n in range(cells.count()):
        box = cells.nth(n).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, n
    hidden_scroll = page.evaluate(
        """() => [...document.querySelectorAll('.status-block')]
            .filter(e => e.querySelector('.status-table--stacks'))
            .some(e => e.scrollWidth > e.clientWidth + 1)"""
    )
    assert not hidden_scroll
    if width == 390:
        labels = page.locator(".status-table--stacks td").evaluate_all(
            "cells => cells.map(c => getComputedStyle(c, '::before').content)"
        )
        assert any(missing in label for label in labels) and any(done in label for label in labels)
        assert any(outdated in label for label in labels)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert serious(page) == []
    page.screenshot(path=f"test-artifacts/workspace-phone-{width}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_people_card_shows_each_role_as_a_badge_with_no_stray_bullet(
    browser, live_port, cn_vn_admin, width
):
    """The roles inside each person's card are a list of their own: the
    browser's nested-list bullet (a hollow circle) and indent showed before
    the role badge."""
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="zh-CN")
    page = context.new_page()
    site = f"http://cn-vn.localhost:{live_port}"
    sign_in(page, f"{site}/admin/login/", ADMIN)
    page.goto(f"{site}/zh-hans/editor/people/")
    card = page.locator(".people-list > li").filter(has_text=ADMIN)
    role = card.locator(".people-list__roles > li").first
    badge = role.locator(".badge")
    expect(badge).to_be_visible()

    assert role.evaluate("li => getComputedStyle(li).listStyleType") == "none"
    name_left = card.locator("strong").bounding_box()["x"]
    assert abs(badge.bounding_box()["x"] - name_left) <= 2, "the badge is indented"
    assert role.evaluate("li => getComputedStyle(li).backgroundColor") in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    ), "a card inside the card"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"people-card-{width}.png", full_page=True)
    context.close()
