"""The admin's caption bars in the site's colours, at phone and desktop width.

Last session's German walk found the admin's header in the site's colours
but every module under it in someone else's: the index's app captions in
django-tenants' green (its "tenant app" marker) and, on the hub, Django's
stock blue everywhere. Each caption bar (the index's app modules, the
change list's filter, a form's fieldset headings) now takes the site's
primary colour, the hub's its own, with text readable on it (WCAG's 4.5:1).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from tenants.hub import hub_site
from tenants.models import Site
from tests.e2e.conftest import ARTIFACTS, E2E_PASSWORD, person_on, sign_in

pytestmark = pytest.mark.e2e

# Each caption bar's background and the colour of the words on it (a link
# inside the caption when there is one: that is what is read), and their
# contrast by WCAG's formula, computed in the page from what it shows.
BARS_JS = """
(selector) => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number)
  const luminance = (colour) => {
    const [r, g, b] = rgb(colour).map((c) => c / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  return [...document.querySelectorAll(selector)]
    .filter((bar) => bar.getBoundingClientRect().height > 0)
    .map((bar) => {
      const words = bar.querySelector("a") || bar
      const background = getComputedStyle(bar).backgroundColor
      const colour = getComputedStyle(words).color
      const [light, dark] = [luminance(background), luminance(colour)].sort((a, b) => b - a)
      return { text: bar.textContent.trim(), background, colour,
               contrast: (light + 0.05) / (dark + 0.05) }
    })
}
"""
CAPTIONS = "#content-main .module caption"
FILTER = "#changelist-filter h2"
FIELDSETS = "fieldset .fieldset-heading"


def rgb(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def check_bars(page, selector: str, colour: str, at_least: int = 1) -> list[dict]:
    bars = page.evaluate(BARS_JS, selector)
    assert len(bars) >= at_least, f"{selector}: {bars}"
    for bar in bars:
        assert bar["background"] == rgb(colour), bar
        assert bar["contrast"] >= 4.5, bar
    return bars


@pytest.fixture
def cn_vn_administrator(django_db_blocker):
    email = "colours@cn-vn.example"
    with person_on(
        django_db_blocker, "site_cn_vn", email, is_staff=True, is_superuser=True
    ) as user:
        yield user


@pytest.fixture
def hub_viewer(django_db_blocker):
    """Staff of the hub who see its list of sites (as the officials who launch them)."""
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(
            "colours@hub.example", "colours@hub.example", E2E_PASSWORD, is_staff=True
        )
        user.user_permissions.add(
            *Permission.objects.filter(codename__in=["view_site", "add_site"])
        )
    yield user
    with django_db_blocker.unblock():
        user.delete()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_admins_caption_bars_take_the_sites_colours(
    browser, live_port, cn_vn_administrator, hub_viewer, django_db_blocker, width
):
    with django_db_blocker.unblock():
        primary = Site.objects.get(code="cn-vn").primary_color
    context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        site = f"http://cn-vn.localhost:{live_port}"
        sign_in(page, f"{site}/admin/login/", cn_vn_administrator.email)
        expect(page.locator(CAPTIONS).first).to_be_visible()
        captions = check_bars(page, CAPTIONS, primary, at_least=3)
        assert all(bar["colour"] == "rgb(255, 255, 255)" for bar in captions)  # on dark red
        page.screenshot(path=ARTIFACTS / f"admin-colours-index-{width}.png", full_page=True)

        page.goto(f"{site}/admin/cooperation/article/")
        check_bars(page, FILTER, primary)
        page.goto(f"{site}/admin/auth/user/{cn_vn_administrator.pk}/change/")
        check_bars(page, FIELDSETS, primary, at_least=2)
        page.screenshot(path=ARTIFACTS / f"admin-colours-fieldsets-{width}.png", full_page=True)

        # The hub's admin, in the hub's own colours (its pages' red).
        hub = f"http://localhost:{live_port}"
        sign_in(page, f"{hub}/admin/login/?next=/admin/", hub_viewer.email)
        expect(page.locator(CAPTIONS).first).to_be_visible()
        check_bars(page, CAPTIONS, hub_site().primary_color)
        page.goto(f"{hub}/admin/tenants/site/")
        check_bars(page, FILTER, hub_site().primary_color)
        page.screenshot(path=ARTIFACTS / f"admin-colours-hub-{width}.png", full_page=True)
    finally:
        context.close()
