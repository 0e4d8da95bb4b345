"""The hub's launch form walked as a French official on a phone: places
and money named in French, the pair's first as the countries are chosen,
the preview naming what its codes mean, nothing wider than the screen."""

import pytest
from playwright.sync_api import expect

from tenants.models import Site
from tests.e2e.conftest import ARTIFACTS, fill_launch_form
from tests.e2e.test_officials import hub_official

_ = hub_official  # a fixture, used by name below

pytestmark = pytest.mark.e2e


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


@pytest.mark.parametrize("width", [390, 1280])
def test_a_french_official_fills_the_launch_form(
    browser, live_port, hub_official, width, django_db_blocker
):
    hub = f"http://localhost:{live_port}"
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{hub}/admin/login/?next=/fr/sites/launch/")
        page.locator("#id_username").fill("official@hub.example")
        page.locator("#id_password").fill("a-long-password-7")
        page.locator("input[type=submit]").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Lancer un site")
        fill_launch_form(
            page, code="cn-th", countries=("CN", "TH"), default_language="th",
            other_languages=("zh-hans",), time_zone="Asia/Bangkok", currency="THB",
        )  # fmt: skip
        # The pair's zones and currencies came first as the countries were chosen.
        zone = page.locator("#id_time_zone")
        assert zone.evaluate("(s) => [...s.options].slice(1, 4).map((o) => o.text)") == [
            "Chine — Shanghai (Asia/Shanghai)",
            "Chine — Ürümqi (Asia/Urumqi)",
            "Thaïlande — Bangkok (Asia/Bangkok)",
        ]
        currency = page.locator("#id_currency")
        assert currency.evaluate("(s) => [...s.options].slice(1, 3).map((o) => o.text)") == [
            "yuan renminbi chinois (CNY)",
            "baht thaïlandais (THB)",
        ]
        _fits(page)
        page.screenshot(path=ARTIFACTS / f"launch-form-fr-{width}.png", full_page=True)
        page.get_by_role("button", name="Voir ce qui sera fait").click()

        plan = page.locator("ol.plan")
        expect(plan).to_contain_text("Chine–Thaïlande (CN–TH)")
        expect(plan).to_contain_text("thaï (th), chinois (zh-hans)")
        expect(plan).to_contain_text("Thaïlande — Bangkok (Asia/Bangkok)")
        expect(plan).to_contain_text("baht thaïlandais (THB)")
        _fits(page)
        page.screenshot(path=ARTIFACTS / f"launch-preview-fr-{width}.png", full_page=True)
        with django_db_blocker.unblock():
            assert not Site.objects.filter(code="cn-th").exists()
    finally:
        context.close()
