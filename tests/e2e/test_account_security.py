"""Confirming a sign-up and being locked out, as a person on a phone sees it
(Indonesian, 390 px), through Chromium."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"account-security-{name}.png", full_page=True)


def test_the_owner_of_the_address_confirms_and_chooses_the_password_on_a_phone(
    phone, live_port, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    site = f"http://cn-id.localhost:{live_port}"
    mail.outbox.clear()
    phone.goto(f"{site}/id/account/signup/")
    phone.get_by_label("Nama Anda").fill("Sari Dewi")
    phone.get_by_label(re.compile(r"^Email( \*)?$")).fill("sari@example.co.id")
    phone.get_by_label("Nama perusahaan").fill("CV Kopi Gayo")
    phone.get_by_label("Negara atau wilayah").select_option("ID")
    phone.locator("input[name=sectors]").first.check()
    phone.locator("button[type=submit]").click()
    expect(phone.locator("h1")).to_have_text("Periksa email Anda")

    link = re.search(r"http://\S+/account/confirm/\S+/", mail.outbox[-1].body).group(0)
    phone.goto(link)
    expect(phone.locator("h1")).to_have_text("Konfirmasi pendaftaran Anda")
    expect(phone.locator("main")).to_contain_text("CV Kopi Gayo")
    shot(phone, "confirm-phone")
    phone.get_by_label("Pilih kata sandi").fill("sari@example.co.id")
    phone.get_by_label("Ulangi kata sandi").fill("sari@example.co.id")
    phone.get_by_role("button", name="Konfirmasi dan masuk").click()
    expect(phone.locator("main")).to_contain_text("terlalu mirip dengan nama atau alamat email")
    phone.get_by_label("Pilih kata sandi").fill("kopi-gayo-aceh-2027")
    phone.get_by_label("Ulangi kata sandi").fill("kopi-gayo-aceh-2027")
    phone.get_by_role("button", name="Konfirmasi dan masuk").click()
    expect(phone).to_have_url(f"{site}/id/account/")

    phone.goto(link)  # the link is spent
    expect(phone.locator("h1")).to_have_text("Tautan ini tidak berfungsi")
    shot(phone, "link-spent-phone")

    phone.context.clear_cookies()
    for _ in range(3):
        phone.goto(f"{site}/id/account/login/")
        phone.get_by_label(re.compile(r"^Email( \*)?$")).fill("sari@example.co.id")
        phone.locator("input[name=password]").fill("wrong-password-1")
        phone.locator("form button[type=submit]").click()
    expect(phone.locator("h1")).to_have_text("Masuk ditangguhkan")
    expect(phone.get_by_role("alert")).to_contain_text("Tunggu 15 menit")
    shot(phone, "locked-out-phone")
