"""A hub official who forgot the password, walked in Arabic (right to left) on
a phone and a desktop: from the hub's sign-in page to a new password by
e-mail, and signed in with it; the link then opens nothing more."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.e2e.test_launch_form_walk import _fits
from tests.e2e.test_officials import hub_official

_ = hub_official  # a fixture, used by name below

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "hub-new-secret-for-e2e-5"


@pytest.mark.parametrize("width", [390, 1280])
def test_an_arabic_official_resets_a_forgotten_password_on_the_hub(
    browser, live_port, hub_official, width, django_db_blocker
):
    hub = f"http://localhost:{live_port}"
    mail.outbox.clear()
    context = browser.new_context(locale="ar", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{hub}/admin/login/")
        page.get_by_role("link", name="نسيت كلمة المرور").click()
        expect(page).to_have_url(f"{hub}/ar/account/password/")
        expect(page.get_by_role("heading", level=1)).to_have_text("نسيت كلمة المرور")
        page.locator("#id_email").fill("official@hub.example")
        _fits(page)
        page.screenshot(path=ARTIFACTS / f"hub-reset-ar-{width}.png", full_page=True)
        page.get_by_role("button", name="أرسل الرابط").click()
        expect(page).to_have_url(f"{hub}/ar/account/password/sent/")

        message = mail.outbox[-1]
        assert message.to == ["official@hub.example"]
        link = re.search(r"http://localhost:\d+/ar/account/password/\S+/", message.body)[0]
        page.goto(link)
        expect(page.get_by_role("heading", level=1)).to_have_text("اختر كلمة مرور جديدة")
        page.locator("#id_new_password1").fill(NEW_PASSWORD)
        page.locator("#id_new_password2").fill(NEW_PASSWORD)
        _fits(page)
        page.screenshot(path=ARTIFACTS / f"hub-reset-choose-ar-{width}.png", full_page=True)
        page.locator("form button[type=submit]").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("تغيّرت كلمة المرور")

        sign_in(page, f"{hub}/admin/login/?next=/ar/sites/launch/", "official@hub.example",
                NEW_PASSWORD)  # fmt: skip
        expect(page).to_have_url(f"{hub}/ar/sites/launch/")
        # Spent: the same link opens nothing now.
        page.goto(link)
        expect(page.locator("main")).to_contain_text("نسيت كلمة المرور")
        expect(page.locator("#id_new_password1")).to_have_count(0)
    finally:
        context.close()
