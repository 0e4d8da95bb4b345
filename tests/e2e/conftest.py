"""One live server and one Chromium for the whole run.

Playwright drives Debian's /usr/bin/chromium (Playwright cannot download its
own browser here). Chromium resolves every ``*.localhost`` name to loopback,
so the demo sites' real domains work against the live server.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop on the main thread; the ORM calls
# the tests make between page actions are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page_in(browser, request):
    """``page_in("vi-VN")``: a fresh page whose browser speaks that locale.

    A screenshot of each page is saved under test-artifacts/ when the test ends.
    """
    contexts = []

    def open_page(locale: str = "en-US", *, time_zone: str | None = None):
        context = browser.new_context(
            locale=locale, viewport={"width": 1280, "height": 900}, timezone_id=time_zone
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    ARTIFACTS.mkdir(exist_ok=True)
    for number, context in enumerate(contexts):
        for page in context.pages:
            page.screenshot(path=ARTIFACTS / f"{request.node.name}-{number}.png", full_page=True)
        context.close()


def drop_sites(*codes: str) -> None:
    """Remove sites a browser test created (rows, schemas), committed as they were."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from tenants.models import Site

    for site in Site.objects.filter(code__in=codes):
        with schema_context("public"), connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{site.schema_name}" CASCADE')
        site.domains.all().delete()
        Site.objects.filter(pk=site.pk).delete()


@pytest.fixture
def korea_site(django_db_blocker, live_port):
    """China–Korea (cn-kr), launched, with an editor who signs in as
    editor@cn-kr.example.org: for the officials' journeys (writing a Korean
    article, translating it side by side). Removed after the test."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_tenants.utils import schema_context

    from tenants.services.provisioning import provision
    from tenants.services.site_spec import build_spec, parse_localized

    with django_db_blocker.unblock():
        site = provision(
            build_spec(
                code="cn-kr",
                countries="CN,KR",
                languages="ko,zh-hans,en",
                domains=["cn-kr.localhost"],
                time_zone="Asia/Seoul",
                currency="KRW",
                names=parse_localized(
                    ["ko=한중 경제무역 협력", "China–Korea Economic and Trade Cooperation"]
                ),
                launched_on="2024-03-01",
            )
        ).site
        with schema_context(site.schema_name):
            for role, group in (("editor", "Editors"), ("translator", "Translators")):
                email = f"{role}@cn-kr.example.org"
                user = get_user_model().objects.create_user(
                    email, email, E2E_PASSWORD, is_staff=True
                )
                user.groups.add(Group.objects.get(name=group))
    yield site
    with django_db_blocker.unblock():
        drop_sites("cn-kr")


#: The password of the people the officials' fixtures make.
E2E_PASSWORD = "a-long-password-7"


def sign_in(page, url: str, email: str, password: str = E2E_PASSWORD) -> None:
    """Sign in on a site's admin login page (its form asks for the e-mail)."""
    page.goto(url)
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit]").click()


def fill_launch_form(
    page,
    *,
    code: str,
    countries: tuple[str, str],
    default_language: str,
    other_languages: tuple[str, ...] = (),
    domain: str = "",
    time_zone: str,
    currency: str,
    admin_email: str = "",
    short_name: str | None = None,
    admin_language: str | None = None,
    launched_on: str | None = None,
) -> None:
    """Fill the hub's launch form (/<lang>/sites/launch/) as an official does,
    field by field, the countries first (the zone and currency lists put the
    pair's first as they are chosen). Only what is given is touched."""
    page.locator("#id_code").fill(code)
    page.locator("#id_country_a").select_option(countries[0])
    page.locator("#id_country_b").select_option(countries[1])
    page.locator("#id_default_language").select_option(default_language)
    for language in other_languages:
        page.locator(f'input[name=other_languages][value="{language}"]').check()
    page.locator("#id_domain").fill(domain or f"{code}.localhost")
    page.locator("#id_time_zone").select_option(time_zone)
    page.locator("#id_currency").select_option(currency)
    if short_name is not None:
        page.locator("#id_short_name").fill(short_name)
    page.locator("#id_admin_email").fill(admin_email or f"admin@{code}.example.org")
    if admin_language is not None:
        page.locator("#id_admin_language").select_option(admin_language)
    if launched_on is not None:
        page.locator("#id_launched_on").fill(launched_on)


@contextmanager
def person_on(django_db_blocker, schema: str, email: str, *, group: str = "", **flags):
    """Someone on a site (``schema``) for one browser test, with the
    officials' password and, given ``group``, that role; removed after."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_tenants.utils import schema_context

    with django_db_blocker.unblock(), schema_context(schema):
        user = get_user_model().objects.create_user(email, email, E2E_PASSWORD, **flags)
        if group:
            user.groups.add(Group.objects.get(name=group))
    try:
        yield user
    finally:
        with django_db_blocker.unblock(), schema_context(schema):
            user.delete()
