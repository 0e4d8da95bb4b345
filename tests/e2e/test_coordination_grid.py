"""The coordinators' month grid reads well on a phone and on a desktop: on a
phone it is the list of the month's days that have events, each event with
its site named and its title whole ("[cn-…" was all a 390 px column showed);
on a desktop each day names its events under their sites' short names, not
codes, and "and N more" leads to that day's list."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from coordination.models import CalendarEntry
from tests.e2e.conftest import ARTIFACTS, E2E_PASSWORD, sign_in
from tests.e2e.test_accessibility import serious

pytestmark = pytest.mark.e2e

#: The grid's cells and the page: nothing may be wider than the window.
OVERFLOW = """
() => [...document.querySelectorAll('main *')]
  .filter(el => { const r = el.getBoundingClientRect();
                  return r.width > 0 && r.right > window.innerWidth + 1; })
  .map(el => el.outerHTML.slice(0, 120)).slice(0, 5)
"""
#: Titles cut off sideways (the "[cn-…" of a 7-column phone grid).
CLIPPED = """
els => els.filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.textContent)
"""


@pytest.fixture
def grid_coordinator(django_db_blocker):
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(
            "grid@hub.example", "grid@hub.example", E2E_PASSWORD, is_staff=True
        )
        user.user_permissions.add(Permission.objects.get(codename="coordinate"))
        expo = CalendarEntry.objects.get(site__code="cn-vn", slug="china-asean-expo")
    yield expo
    with django_db_blocker.unblock():
        user.delete()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_month_grid_reads_well_on_a_phone_and_a_desktop(
    page_in, live_port, grid_coordinator, width
):
    expo = grid_coordinator
    hub = f"http://localhost:{live_port}"
    page = page_in("ko-KR")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, f"{hub}/admin/login/", "grid@hub.example")
    page.goto(f"{hub}/ko/coordination/calendar/?month={expo.starts_at:%Y-%m}")

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(OVERFLOW) == []
    grid = page.locator(".month-grid")
    assert grid.evaluate("el => el.getBoundingClientRect().right") <= width

    # The planted clash: the Expo (China–Vietnam's, co-hosted by
    # China–Indonesia) and the Indonesian pavilion (China–Indonesia), each
    # under its sites' short names in Korean.
    expo_entries = grid.locator(".month-grid__event").filter(has_text="China–ASEAN Expo")
    pavilion = grid.locator(".month-grid__event").filter(has_text="Indonesia pavilion")
    expect(expo_entries.first).to_be_visible()
    expect(pavilion.first).to_be_visible()
    expect(expo_entries.first.locator(".month-grid__site")).to_have_text(
        re.compile(r"^중국–베트남, 중국–인도네시아 · 충돌$")
    )
    expect(pavilion.first.locator(".month-grid__site")).to_have_text(
        re.compile(r"^중국–인도네시아 · 충돌$")
    )
    assert not grid.get_by_text(re.compile(r"\[?cn-(vn|id)\]?")).count()
    titles = grid.locator(".month-grid__title").all()
    assert page.evaluate(CLIPPED, [title.element_handle() for title in titles]) == []
    if width == 390:
        # A list of days: the weekday row is gone, each day says its full
        # name, and a title is shown whole.
        expect(page.locator(".month-grid thead")).to_be_hidden()
        expect(page.locator(".month-grid__full").filter(visible=True).first).to_contain_text("일")
        box = pavilion.first.locator(".month-grid__title").bounding_box()
        assert box["width"] > 250, box
        full = pavilion.first.locator(".month-grid__title")
        assert full.evaluate("el => el.scrollHeight <= el.clientHeight + 1")
    else:
        expect(page.locator(".month-grid thead")).to_be_visible()
        assert pavilion.first.locator(".month-grid__title").bounding_box()["width"] > 100
    assert serious(page) == []  # axe-core: contrast of the small site names, etc.
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"coordination-grid-{width}.png", full_page=True)


def test_and_n_more_leads_to_that_days_list(page_in, live_port, grid_coordinator):
    """A day with more events than it names links to that day's list."""
    from coordination import views

    expo = grid_coordinator
    hub = f"http://localhost:{live_port}"
    page = page_in("vi-VN")
    sign_in(page, f"{hub}/admin/login/", "grid@hub.example")
    original = views.EVENTS_PER_DAY
    views.EVENTS_PER_DAY = 1
    try:
        page.goto(f"{hub}/vi/coordination/calendar/?month={expo.starts_at:%Y-%m}")
        more = page.locator(".month-grid__more").first
        expect(more).to_have_text(re.compile(r"và \d+ sự kiện khác|và \d+"))
        more.click()
    finally:
        views.EVENTS_PER_DAY = original
    expect(page).to_have_url(re.compile(r"from=(\d{4}-\d\d-\d\d)&to=\1"))
    expect(page.locator("#range-heading")).to_be_visible()
    assert page.locator(".range-panel tbody tr").count() >= 2


@pytest.mark.parametrize("width", [390, 1280])
def test_a_cohosted_event_names_its_cohosts_in_the_grid(
    page_in, live_port, grid_coordinator, width, django_db_blocker
):
    """The ASEAN–China investment forum is China–Vietnam's, co-hosted by
    China–Indonesia: its day names both, as its row in the list does, and
    the longer line wraps inside the day on a phone and a desktop."""
    with django_db_blocker.unblock():
        forum = CalendarEntry.objects.get(
            site__code="cn-vn", slug="asean-china-investment-forum", is_copy=False
        )
    hub = f"http://localhost:{live_port}"
    page = page_in("ko-KR")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, f"{hub}/admin/login/", "grid@hub.example")
    page.goto(f"{hub}/ko/coordination/calendar/?month={forum.starts_at:%Y-%m}")

    grid = page.locator(".month-grid")
    event = grid.locator(".month-grid__event").filter(has_text=forum.title("ko")).first
    expect(event).to_be_visible()
    expect(event.locator(".month-grid__site")).to_have_text(
        re.compile(r"^중국–베트남, 중국–인도네시아( · 충돌)?$")
    )
    assert "China–Vietnam" not in (event.get_attribute("title") or "")  # Korean full names
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(OVERFLOW) == []
    site_line = event.locator(".month-grid__site")
    assert page.evaluate(CLIPPED, [site_line.element_handle()]) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"coordination-grid-cohosts-{width}.png", full_page=True)
