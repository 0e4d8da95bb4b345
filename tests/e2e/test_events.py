import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from coordination.models import CalendarEntry
from tenants.models import Site
from tests.factories.events import make_event

pytestmark = pytest.mark.e2e  # data comes from the session sites, through the live server


@pytest.fixture
def coordinator(django_db_blocker):
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(
            "e2e-coordinator", password="a-long-password-42", is_staff=True
        )
        user.user_permissions.add(Permission.objects.get(codename="coordinate"))
    yield user
    with django_db_blocker.unblock():
        user.delete()


@pytest.fixture
def expo_from(django_db_blocker) -> str:
    """The coordination calendar's ``from`` for the month of the demo's coming Expo."""
    with django_db_blocker.unblock():
        entry = CalendarEntry.objects.get(site__code="cn-vn", slug="china-asean-expo")
    return f"{entry.starts_at.astimezone(datetime.UTC):%Y-%m}"


def test_coordinator_sees_all_sites_and_the_planted_clash(
    page_in, live_port, coordinator, expo_from
):
    page = page_in("en-GB")
    page.goto(f"http://localhost:{live_port}/en/coordination/calendar/?month={expo_from}")
    page.get_by_label("E-mail").fill("e2e-coordinator")
    page.get_by_label("Password").fill("a-long-password-42")
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(re.compile(rf"/en/coordination/calendar/\?month={expo_from}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Events of all sites")
    table = page.locator("table.coordination")
    # Sites by name (their countries), not by code.
    expect(table).to_contain_text("China–Vietnam")
    expect(table).to_contain_text("China–Indonesia")
    expect(table).not_to_contain_text("cn-vn")
    # The co-hosted Expo is one row naming both sites; the pavilion is marked.
    expo = page.locator("table.coordination tr").filter(has_text="China–ASEAN Expo")
    expect(expo).to_have_count(1)
    expect(expo).to_contain_text("China–Vietnam, China–Indonesia")
    expect(
        page.locator("tr.coordination__clash").filter(has_text="Indonesia pavilion")
    ).to_have_count(1)
    expect(page.locator(".month-grid__event--clash").first).to_be_visible()


def test_visitor_registers_for_an_event_in_their_language(page_in, live_port, django_db_blocker):
    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-id")
        with schema_context(site.schema_name):
            event = make_event(
                slug="e2e-registration",
                capacity=10,
                titles={"id": "Temu bisnis kopi", "en": "Coffee buyers meeting"},
                time_zone="Asia/Jakarta",
            )
    try:
        page = page_in("id-ID")
        page.goto(f"http://cn-id.localhost:{live_port}/id/events/")
        page.get_by_role("link", name="Temu bisnis kopi").click()
        expect(page.get_by_text("Sisa tempat: 10")).to_be_visible()

        page.get_by_label("Nama Anda").fill("Siti Rahayu")
        page.get_by_label(re.compile(r"^Email( \*)?$")).fill("not-an-address")
        page.get_by_role("button", name="Daftar").click()
        expect(page.get_by_role("alert")).to_be_visible()  # the error, in Indonesian, input kept
        expect(page.get_by_label("Nama Anda")).to_have_value("Siti Rahayu")

        page.get_by_label(re.compile(r"^Email( \*)?$")).fill("siti@example.com")
        page.get_by_role("button", name="Daftar").click()
        expect(page.get_by_role("status")).to_contain_text("Anda sudah terdaftar.")
        expect(page.get_by_text("Sisa tempat: 9")).to_be_visible()
    finally:
        with django_db_blocker.unblock(), schema_context(site.schema_name):
            event.delete()
