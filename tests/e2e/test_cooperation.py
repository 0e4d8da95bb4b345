import re

import pytest
from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from cooperation.models import Opportunity, Question
from tenants.models import Site

pytestmark = pytest.mark.e2e  # data comes from the session sites, through the live server


@pytest.fixture
def vn_editor(django_db_blocker):
    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-vn")
        with schema_context(site.schema_name):
            user = get_user_model().objects.create_superuser(
                "e2e-editor", "editor@example.org", "a-long-password-7"
            )
    yield site
    with django_db_blocker.unblock(), schema_context(site.schema_name):
        user.delete()


def log_in(page, port: int) -> None:
    page.goto(f"http://cn-vn.localhost:{port}/admin/login/")
    page.locator("#id_username").fill("e2e-editor")
    page.locator("#id_password").fill("a-long-password-7")
    page.locator("input[type=submit]").click()


def test_posted_opportunity_is_approved_and_read_in_another_language(
    page_in, live_port, vn_editor, django_db_blocker
):
    visitor = page_in("vi-VN")
    visitor.goto(f"http://cn-vn.localhost:{live_port}/vi/opportunities/post/")
    visitor.get_by_label("Loại").select_option("supply")
    visitor.get_by_label("Tiêu đề").fill("Hạt tiêu đen Phú Quốc")
    visitor.get_by_label("Mô tả").fill("Hạt tiêu đen loại 1, đóng bao 50 kg.")
    visitor.get_by_label("Ngành").select_option("A")
    visitor.get_by_label("Xuất xứ").select_option("VN")
    visitor.get_by_label("Hiệu lực đến").fill("2027-06-30")
    visitor.get_by_label("Công ty").fill("Công ty Tiêu Phú Quốc")
    visitor.get_by_label("Người liên hệ").fill("Lý Thu")
    visitor.get_by_label("Email liên hệ").fill("thu@example.com")
    visitor.get_by_role("button", name="Gửi duyệt").click()
    expect(visitor.get_by_role("status")).to_contain_text("biên tập viên kiểm tra")
    expect(visitor.get_by_text("Hạt tiêu đen Phú Quốc")).to_have_count(0)

    try:
        editor = page_in("en-GB")
        log_in(editor, live_port)
        editor.goto(
            f"http://cn-vn.localhost:{live_port}/admin/cooperation/opportunity/?status__exact=pending"
        )
        editor.get_by_role("row", name=re.compile("Hạt tiêu đen Phú Quốc")).get_by_role(
            "checkbox"
        ).check()
        editor.locator("select[name=action]").select_option("approve")
        editor.get_by_role("button", name=re.compile("Go|Chạy|执行")).click()

        reader = page_in("zh-CN")
        reader.goto(f"http://cn-vn.localhost:{live_port}/zh-hans/opportunities/")
        reader.get_by_role("link", name="Hạt tiêu đen Phú Quốc").click()
        expect(reader.get_by_role("note")).to_contain_text("暂无简体中文版本")
        expect(reader.locator("h1")).to_have_attribute("lang", "vi")
    finally:
        with django_db_blocker.unblock(), schema_context(vn_editor.schema_name):
            Opportunity.objects.filter(company="Công ty Tiêu Phú Quốc").delete()


def test_question_is_asked_answered_and_published(page_in, live_port, vn_editor, django_db_blocker):
    asker = page_in("vi-VN")
    asker.goto(f"http://cn-vn.localhost:{live_port}/vi/questions/")
    asker.get_by_role("link", name="Đặt câu hỏi").click()
    asker.get_by_label("Họ tên").fill("Đỗ Hải")
    asker.get_by_label("Email").fill("hai@example.com")
    asker.get_by_label("Chủ đề").select_option("investment")
    asker.get_by_label("Câu hỏi của bạn").fill("Ưu đãi thuế cho nhà máy chế biến gỗ là gì?")
    asker.get_by_role("button", name="Gửi câu hỏi").click()
    expect(asker.get_by_role("status")).to_contain_text("cán bộ phụ trách")

    try:
        with django_db_blocker.unblock(), schema_context(vn_editor.schema_name):
            pk = Question.objects.get(email="hai@example.com").pk
        official = page_in("en-GB")
        log_in(official, live_port)
        official.goto(f"http://cn-vn.localhost:{live_port}/admin/cooperation/question/{pk}/change/")
        official.locator("#id_answer_vi").fill(
            "Dự án được miễn thuế nhập khẩu thiết bị trong năm năm đầu."
        )
        official.locator("input[name=_save]").click()

        asker.goto(f"http://cn-vn.localhost:{live_port}/vi/questions/")
        asker.get_by_role("link", name="Ưu đãi thuế cho nhà máy chế biến gỗ là gì?").click()
        expect(
            asker.get_by_text("Dự án được miễn thuế nhập khẩu thiết bị trong năm năm đầu.")
        ).to_be_visible()
    finally:
        with django_db_blocker.unblock(), schema_context(vn_editor.schema_name):
            Question.objects.filter(email="hai@example.com").delete()
