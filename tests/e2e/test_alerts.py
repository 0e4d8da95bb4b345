"""A Vietnamese seller finds an English-only Chinese cashew demand by
searching "hat dieu", subscribes to the cashew it names (0801.31, in shell;
the search offers both cashew subheadings, never the coconuts of heading
0801), and receives the next matching listing in a Vietnamese digest."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from alerts.models import Bulletin, Subscription
from cooperation.models import Opportunity
from tenants.models import Site
from tests.factories.opportunities import make_listing

pytestmark = pytest.mark.e2e


def test_seller_finds_a_cashew_demand_subscribes_to_0801_and_gets_a_vietnamese_digest(
    page_in, live_port, django_db_blocker, monkeypatch
):
    from django_tasks_db.management.commands import db_worker

    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-vn")
        with schema_context(site.schema_name):
            demand = make_listing(
                texts={
                    "en": (
                        "Guangxi importer seeks cashew kernels W320",
                        "20 t a month, CIF Fangcheng.",
                    )
                }
            )
    base = f"http://cn-vn.localhost:{live_port}"
    mail.outbox.clear()
    try:
        seller = page_in("vi-VN")
        seller.goto(f"{base}/vi/search/")
        seller.get_by_role("searchbox").fill("hat dieu")
        seller.get_by_role("button", name="Tìm kiếm").click()
        result = seller.get_by_role("link", name="Guangxi importer seeks cashew kernels W320")
        expect(result).to_be_visible()
        expect(result).to_have_attribute("lang", "en")

        seller.get_by_role("link", name=re.compile(r"0801\.31")).click()
        expect(seller.locator("h1")).to_have_text("Thông báo qua email")
        # Only the fields of what is followed are shown: here a product search.
        expect(seller.get_by_role("combobox", name="Chuyên mục tin")).to_be_hidden()
        expect(seller.get_by_role("textbox", name="Sản phẩm", exact=True)).to_be_visible()
        seller.get_by_label("Email của bạn").fill("seller@example.vn")
        seller.get_by_label("Hằng ngày").check()
        seller.get_by_role("button", name="Tạo thông báo").click()
        expect(seller.locator("h1")).to_have_text("Hãy kiểm tra hộp thư")

        confirm = re.search(r"http://\S+/alerts/confirm/\S+/", mail.outbox[-1].body).group(0)
        seller.goto(confirm)
        seller.get_by_role("button", name=re.compile("Có")).click()
        expect(seller.get_by_role("status")).to_contain_text("0801")

        # The next matching listing, English only, coded 0801.31 (cashew in shell).
        with django_db_blocker.unblock(), schema_context(site.schema_name):
            fresh = make_listing(
                texts={
                    "en": ("Cashew nuts in shell wanted, 500 t", "Côte d'Ivoire or Vietnam origin.")
                },
                codes=["080131"],
            )
        mail.outbox.clear()
        zone = zoneinfo.ZoneInfo(site.time_zone)
        tomorrow = datetime.datetime.now(zone) + datetime.timedelta(days=1)
        moment = tomorrow.replace(hour=settings.DIGEST_HOUR + 1, minute=0)
        monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
        with django_db_blocker.unblock(), time_machine.travel(moment, tick=False):
            call_command("run_jobs", "--site=cn-vn", verbosity=0)

        assert len(mail.outbox) == 1
        digest = mail.outbox[0]
        assert digest.to == ["seller@example.vn"]
        assert digest.extra_headers["Content-Language"] == "vi"
        assert "Cashew nuts in shell wanted, 500 t" in digest.body
        assert "Guangxi importer" not in digest.body  # it was there before the alert
        assert "bằng tiếng Anh" in digest.body
        seller.goto(re.search(rf"{base}/vi/opportunities/\d+/", digest.body).group(0))
        expect(seller.locator("h1")).to_have_text("Cashew nuts in shell wanted, 500 t")
    finally:
        with django_db_blocker.unblock(), schema_context(site.schema_name):
            Subscription.objects.filter(email="seller@example.vn").delete()
            Opportunity.objects.filter(
                pk__in=[demand.pk, *([fresh.pk] if "fresh" in locals() else [])]
            ).delete()
            Bulletin.objects.filter(created_at__gte=demand.created_at).delete()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_alert_form_shows_the_fields_of_the_chosen_topic_only(browser, live_port, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"http://cn-vn.localhost:{live_port}/en/alerts/")
        words = page.get_by_label("Search words")
        category = page.get_by_role("combobox", name="News category")
        events = page.get_by_role("combobox", name="Events calendar")
        how_often = page.get_by_role("group", name=re.compile("How often"))
        expect(words).to_be_visible()  # a search, checked at first
        expect(category).to_be_hidden()
        expect(events).to_be_hidden()

        page.get_by_role("radio", name="Events calendar").check()
        expect(events).to_be_visible()
        expect(words).to_be_hidden()
        expect(how_often).to_be_visible()

        page.get_by_role("radio", name="The weekly bulletin").check()
        expect(events).to_be_hidden()
        expect(how_often).to_be_hidden()  # it comes once a week
        page.screenshot(path=f"test-artifacts/alert-form-{width}.png", full_page=True)
    finally:
        context.close()
