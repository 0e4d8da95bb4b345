"""The coordinator's first screen shows a clash on a phone and a desktop,
however many sites there are.

Last session's Malay walk found the status and site filters (one checkbox a
line per site) pushing the first clash below the first screen at 390 px, and
to y≈720 at 1280 px with only five sites. The filters now fold on a phone
behind one line that says what is chosen, and stand beside the list on a
wide screen, the sites in a box of bounded height: here with thirty more
sites than the demo's and the demo's planted clash (the Indonesian pavilion
at the China–ASEAN Expo).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import translation
from playwright.sync_api import expect

from tenants.models import Site
from tests.e2e.conftest import ARTIFACTS, E2E_PASSWORD, drop_sites, sign_in
from tests.e2e.test_accessibility import serious

pytestmark = pytest.mark.e2e

COORDINATOR = "first-screen@hub.example"
#: Thirty more sites' worth of filter entries: rows only (the list names
#: them, nothing reads their schemas), so no schema is made for them.
PARTNERS = [
    "BR",
    "AR",
    "CL",
    "PE",
    "MX",
    "CA",
    "US",
    "GB",
    "FR",
    "DE",
    "IT",
    "ES",
    "PT",
    "NL",
    "BE",
    "SE",
    "NO",
    "FI",
    "DK",
    "PL",
    "CZ",
    "HU",
    "RO",
    "GR",
    "TR",
    "EG",
    "NG",
    "KE",
    "ZA",
    "AU",
]
CODES = [f"cn-{country.lower()}" for country in PARTNERS]


@pytest.fixture
def many_sites_coordinator(django_db_blocker):
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(
            COORDINATOR, COORDINATOR, E2E_PASSWORD, is_staff=True
        )
        user.user_permissions.add(Permission.objects.get(codename="coordinate"))
        Site.objects.bulk_create(
            Site(
                code=code,
                schema_name=code.replace("-", "_"),
                country_a="CN",
                country_b=country,
                name=f"China–{country} cooperation",
                languages=["en"],
                status=Site.Status.DRAFT,
            )
            for code, country in zip(CODES, PARTNERS, strict=True)
        )
    yield
    with django_db_blocker.unblock():
        drop_sites(*CODES)
        user.delete()


def _words(*texts: str) -> list[str]:
    with translation.override("ms"):
        return [translation.gettext(text) for text in texts]


def _within_first_screen(page, link) -> None:
    box = link.bounding_box()
    height = page.viewport_size["height"]
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, (box, height)


# A phone, a tablet held upright (filters open above the list), a desktop.
@pytest.mark.parametrize("width, height", [(390, 844), (820, 1180), (1280, 900)])
def test_the_planted_clash_is_on_the_first_screen_with_many_sites(
    page_in, live_port, many_sites_coordinator, width, height
):
    hub = f"http://localhost:{live_port}"
    page = page_in("ms-MY")
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{hub}/admin/login/", COORDINATOR)
    page.goto(f"{hub}/ms/coordination/")

    filters_word, open_word, all_sites, filter_button = _words(
        "Filters", "Open", "All sites", "Filter"
    )
    clash = (
        page.locator("li.clash")
        .filter(has_text="Indonesia pavilion")
        .filter(has_text="China–ASEAN Expo")
    )
    expect(clash).to_have_count(1)
    _within_first_screen(page, page.locator("li.clash .clash__head a").first)
    _within_first_screen(page, clash.locator(".clash__head a"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    boxes = page.locator(".site-choices input[type=checkbox]")
    assert boxes.count() >= len(CODES) + 2
    page.screenshot(path=ARTIFACTS / f"clash-first-screen-{width}.png")

    summary = page.locator("summary.filters-panel__toggle")
    if width == 390:
        # Folded, the line says what is shown; opened from the keyboard.
        expect(summary).to_have_text(f"{filters_word} {open_word} · {all_sites}")
        expect(boxes.first).to_be_hidden()
        summary.focus()
        page.keyboard.press("Enter")
        expect(boxes.first).to_be_visible()
    else:
        # Open, without a line to press: above the list on a tablet, beside it wider.
        expect(summary).to_be_hidden()
        expect(boxes.first).to_be_visible()
        list_box = page.locator("section[aria-labelledby=clashes]").bounding_box()
        filters_box = page.locator(".clash-board__filters").bounding_box()
        if width < 1024:
            assert filters_box["y"] + filters_box["height"] <= list_box["y"], (
                filters_box,
                list_box,
            )
        else:
            assert filters_box["x"] >= list_box["x"] + list_box["width"], (filters_box, list_box)
    # Thirty-odd sites in a box that scrolls, not a column of thirty lines.
    sites_box = page.locator(".site-choices__box")
    assert sites_box.evaluate("el => el.scrollHeight > el.clientHeight")
    assert sites_box.bounding_box()["height"] <= 15 * 16 + 1
    assert serious(page) == []

    # Two sites chosen with the keyboard: the list shows their clash, still
    # on the first screen, and the folded line counts them.
    for name in ("China–Vietnam", "China–Indonesia"):
        box = page.get_by_role("checkbox", name=name, exact=True)
        box.focus()
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    page.get_by_role("button", name=filter_button).click()
    assert "site=cn-vn" in page.url and "site=cn-id" in page.url
    expect(clash).to_have_count(1)
    _within_first_screen(page, clash.locator(".clash__head a"))
    if width == 390:
        with translation.override("ms"):
            two = translation.ngettext("%(count)s site", "%(count)s sites", 2) % {"count": 2}
        expect(summary).to_have_text(f"{filters_word} {open_word} · {two}")
        expect(boxes.first).to_be_hidden()
    # Folded or not, the choice is kept for the next change.
    expect(page.locator(".site-choices input[value=cn-vn]")).to_be_checked()
    expect(page.locator(".site-choices input[value=cn-br]")).not_to_be_checked()
    page.screenshot(path=ARTIFACTS / f"clash-first-screen-filtered-{width}.png")


def test_the_calendar_lists_many_sites_in_a_box_that_scrolls(
    page_in, live_port, many_sites_coordinator
):
    hub = f"http://localhost:{live_port}"
    page = page_in("ms-MY")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, f"{hub}/admin/login/", COORDINATOR)
    page.goto(f"{hub}/ms/coordination/calendar/?site=cn-br")
    sites_box = page.locator(".site-choices__box")
    assert sites_box.evaluate("el => el.scrollHeight > el.clientHeight")
    assert sites_box.bounding_box()["height"] <= 15 * 16 + 1
    expect(page.locator(".site-choices input[value=cn-br]")).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious(page) == []
    page.screenshot(path=ARTIFACTS / "clash-first-screen-calendar-390.png")


def test_the_folded_filters_work_without_javascript(browser, live_port, many_sites_coordinator):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="ms-MY", java_script_enabled=False
    )
    page = context.new_page()
    try:
        hub = f"http://localhost:{live_port}"
        sign_in(page, f"{hub}/admin/login/", COORDINATOR)
        page.goto(f"{hub}/ms/coordination/")
        filters_word, open_word, filter_button = _words("Filters", "Open", "Filter")
        page.locator("summary.filters-panel__toggle").click()
        page.locator(".site-choices label").filter(has_text="China–Brazil").click()
        page.get_by_role("button", name=filter_button).click()
        assert "site=cn-br" in page.url
        with translation.override("ms"):
            one = translation.ngettext("%(count)s site", "%(count)s sites", 1) % {"count": 1}
        expect(page.locator("summary.filters-panel__toggle")).to_have_text(
            f"{filters_word} {open_word} · {one}"
        )
    finally:
        context.close()
