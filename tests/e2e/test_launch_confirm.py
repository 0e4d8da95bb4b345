"""Launching without surprises, in Chromium: a name too long is said, in the
official's language, and kept as pasted (the browser once cut it to 200
characters at the field's maxlength, without a word); the preview shows the
names the site will have; and a site whose launch checklist is unfinished
opens only after its administrator confirms, having seen what is open."""

import pytest
from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from tenants.models import Site
from tests.e2e.conftest import ARTIFACTS, E2E_PASSWORD, drop_sites, fill_launch_form, sign_in
from tests.e2e.test_launch_form_walk import _fits
from tests.e2e.test_officials import hub_official

_ = hub_official  # a fixture, used by name below

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [390, 1280])
def test_a_japanese_official_pastes_a_name_too_long_and_is_told(
    browser, live_port, hub_official, width
):
    hub = f"http://localhost:{live_port}"
    context = browser.new_context(locale="ja-JP", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, f"{hub}/admin/login/?next=/ja/sites/launch/", "official@hub.example")
        expect(page.locator("#id_name_helptext")).to_contain_text("200 文字まで")
        fill_launch_form(
            page, code="cn-kr2", countries=("CN", "KR"), default_language="ko",
            other_languages=("ja",), time_zone="Asia/Seoul", currency="KRW",
        )  # fmt: skip
        long_name = "한중경제무역협력포털" * 40  # 400 characters, pasted
        page.locator("#id_name").focus()
        page.keyboard.insert_text(long_name)
        assert len(page.locator("#id_name").input_value()) == 400
        page.get_by_role("button", name="実行される内容を見る").click()

        error = page.locator(".form__error", has_text="名称は 200 文字までです")
        expect(error).to_contain_text("この名称は 400 文字あります。")
        assert page.locator("#id_name").input_value() == long_name
        _fits(page)
        page.screenshot(path=ARTIFACTS / f"launch-name-too-long-ja-{width}.png", full_page=True)

        page.locator("#id_name").fill("한중 무역 협력 포털 (시범)")
        page.get_by_role("button", name="実行される内容を見る").click()
        plan = page.locator("ol.plan")
        expect(plan).to_contain_text("韓国語の名称: 한중 무역 협력 포털 (시범)")
        expect(plan).to_contain_text("日本語の名称: 中国・韓国経済貿易協力（2 か国の名前から作成）")
        _fits(page)
        page.screenshot(path=ARTIFACTS / f"launch-preview-names-ja-{width}.png", full_page=True)
    finally:
        context.close()
    assert not Site.objects.filter(code="cn-kr2").exists()


@pytest.fixture
def korea_draft(django_db_blocker, live_port):
    """China–Korea as a fresh draft (its checklist all open), with its
    administrator's password known."""
    from tenants.services.provisioning import provision
    from tests.tenants.test_provisioning import korea_spec

    with django_db_blocker.unblock():
        site = provision(korea_spec(admin_email="admin@cn-kr.example.org")).site
        with schema_context(site.schema_name):
            admin = get_user_model().objects.get(email="admin@cn-kr.example.org")
            admin.set_password(E2E_PASSWORD)
            admin.save()
    yield site
    with django_db_blocker.unblock():
        drop_sites("cn-kr")


@pytest.mark.parametrize("width", [390, 1280])
def test_opening_a_site_with_its_checklist_unfinished_is_asked_first(
    browser, live_port, korea_draft, width, django_db_blocker
):
    site = f"http://cn-kr.localhost:{live_port}"
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(
            page, f"{site}/admin/login/?next=/zh-hans/editor/launch/", "admin@cn-kr.example.org"
        )
        expect(page.locator("main")).to_contain_text("清单未完成时也可以开放网站，但会先请您确认。")
        page.get_by_role("button", name="上线网站").click()

        question = page.locator(".launch-confirm")
        expect(question).to_be_visible()
        expect(question.get_by_role("heading")).to_have_text("上线清单尚未完成。还需要：")
        expect(question.locator("li")).to_have_count(8)
        expect(question).to_contain_text("网站标志")
        _fits(page)
        page.screenshot(path=ARTIFACTS / f"launch-confirm-zh-{width}.png", full_page=True)
        with django_db_blocker.unblock():
            assert Site.objects.get(code="cn-kr").is_draft

        # "Not now" leaves it a draft; "Launch anyway" opens it.
        question.get_by_role("link", name="暂不上线").click()
        expect(page.locator(".launch-confirm")).to_have_count(0)
        page.get_by_role("button", name="上线网站").click()
        page.locator(".launch-confirm").get_by_role("button", name="仍然上线").click()
        expect(page.locator(".messages")).to_be_visible()
        with django_db_blocker.unblock():
            assert not Site.objects.get(code="cn-kr").is_draft
    finally:
        context.close()
