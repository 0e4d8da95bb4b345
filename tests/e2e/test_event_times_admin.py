"""An official in Shanghai edits an event held in Jakarta: its times are
typed in Jakarta time, as the form says beside them. Django's own note ("you
are 1 hour ahead of server time") contradicted that note (newcomer walk,
session 29): on the event's form the times are the event's, not the server's."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import person_on, sign_in

pytestmark = pytest.mark.e2e


def test_the_event_form_says_once_in_which_zone_times_are_typed(
    page_in, live_port, django_db_blocker
):
    site = f"http://cn-id.localhost:{live_port}"
    email = "times@cn-id.example.org"
    with person_on(django_db_blocker, "site_cn_id", email, is_staff=True, is_superuser=True):
        page = page_in("zh-CN", time_zone="Asia/Shanghai")
        sign_in(page, f"{site}/admin/login/?next=/admin/events/event/add/", email)

        expect(page.locator("div.field-starts_at")).to_contain_text("活动时区")  # ours
        # Django's script adds its note (an hour between Shanghai and Jakarta)...
        expect(page.locator("div.field-starts_at .timezonewarning").first).to_be_attached()
        # ...which this form does not show.
        expect(page.locator(".timezonewarning:visible")).to_have_count(0)
