import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import translation
from django.utils.translation import ngettext
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from cooperation.models import Enterprise, EnterpriseMember, MatchRequest, Opportunity, Question
from languages.formatting import language_name
from tenants.models import Site
from tests.factories.accounts import PASSWORD, make_enterprise, make_member

pytestmark = pytest.mark.e2e  # data comes from the session sites, through the live server


@pytest.fixture
def vn_editor(django_db_blocker):
    """An editor of China–Vietnam (the Editors role, not a superuser)."""
    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-vn")
        with schema_context(site.schema_name):
            user = get_user_model().objects.create_user(
                "editor@example.org", "editor@example.org", "a-long-password-7", is_staff=True
            )
            user.groups.add(Group.objects.get(name="Editors"))
    yield site
    with django_db_blocker.unblock(), schema_context(site.schema_name):
        user.delete()


def log_in(page, port: int) -> None:
    page.goto(f"http://cn-vn.localhost:{port}/admin/login/")
    page.locator("#id_username").fill("editor@example.org")
    page.locator("#id_password").fill("a-long-password-7")
    page.locator("input[type=submit]").click()


def test_enterprise_signs_up_posts_a_listing_an_editor_approves_it_and_it_reads_in_chinese(
    page_in, live_port, vn_editor, django_db_blocker
):
    site = f"http://cn-vn.localhost:{live_port}"
    mail.outbox.clear()
    seller = page_in("vi-VN")
    seller.goto(f"{site}/vi/")
    seller.get_by_role("navigation").get_by_role("link", name="Đăng nhập").click()
    seller.get_by_role("link", name="Đăng ký doanh nghiệp").click()
    seller.get_by_label("Họ tên").fill("Lý Thu")
    seller.get_by_label("Email").fill("thu@example.com")
    seller.get_by_label("Tên doanh nghiệp").fill("Công ty Tiêu Phú Quốc")
    seller.get_by_label("Quốc gia hoặc vùng lãnh thổ").select_option("VN")
    seller.get_by_label("Nông, lâm nghiệp và thủy sản").check()
    seller.get_by_role("button", name="Tạo tài khoản").click()
    expect(seller.locator("h1")).to_have_text("Hãy kiểm tra email")

    try:
        link = re.search(r"http://\S+/account/confirm/\S+/", mail.outbox[-1].body).group(0)
        seller.goto(link)  # the owner of the address chooses the password here
        expect(seller.locator("h1")).to_have_text("Xác nhận đăng ký của bạn")
        seller.get_by_label("Chọn mật khẩu").fill("tieu-phu-quoc-2027")
        seller.get_by_label("Nhập lại mật khẩu").fill("tieu-phu-quoc-2027")
        seller.get_by_role("button", name="Xác nhận và đăng nhập").click()
        expect(seller.get_by_role("status")).to_contain_text("đã được xác nhận")
        seller.get_by_role("link", name="Đăng cơ hội").click()
        seller.get_by_label("Loại").select_option("supply")
        seller.get_by_label("Tiêu đề").fill("Hạt tiêu đen Phú Quốc")
        seller.get_by_label("Mô tả").fill("Hạt tiêu đen loại 1, đóng bao 50 kg.")
        seller.get_by_label("Sản phẩm", exact=True).fill("hạt tiêu")  # a whole name: no choosing
        seller.get_by_label("Ngành").select_option("A")
        in_three_months = datetime.date.today() + datetime.timedelta(days=90)
        seller.get_by_label("Hiệu lực đến").fill(in_three_months.isoformat())
        expect(seller.get_by_label("Email liên hệ")).to_have_value("thu@example.com")
        seller.get_by_role("button", name="Gửi duyệt").click()
        expect(seller.get_by_role("status")).to_contain_text("biên tập viên kiểm tra")
        expect(seller.get_by_role("row", name=re.compile("Hạt tiêu đen Phú Quốc"))).to_contain_text(
            "Chờ duyệt"
        )

        editor = page_in("en-GB")
        log_in(editor, live_port)
        editor.goto(f"{site}/admin/cooperation/opportunity/?status__exact=pending")
        editor.get_by_role("row", name=re.compile("Hạt tiêu đen Phú Quốc")).get_by_role(
            "checkbox"
        ).check()
        editor.locator("select[name=action]").select_option("approve")
        editor.get_by_role("button", name=re.compile("Go|Chạy|执行")).click()
        # The site reviews new enterprises: the editor lists this one too.
        editor.goto(f"{site}/admin/cooperation/enterprise/?awaiting_review__exact=1")
        editor.get_by_role("row", name=re.compile("Công ty Tiêu Phú Quốc")).get_by_role(
            "checkbox"
        ).check()
        editor.locator("select[name=action]").select_option("approve_enterprises")
        editor.get_by_role("button", name=re.compile("Go|Chạy|执行")).click()
        with translation.override("en"):
            listed = ngettext(
                "%(count)s enterprise listed; its people were told by e-mail.",
                "%(count)s enterprises listed; their people were told by e-mail.",
                1,
            ) % {"count": "1"}
        expect(editor.locator(".messagelist")).to_contain_text(listed)

        reader = page_in("zh-CN")
        reader.goto(f"{site}/zh-hans/opportunities/")
        reader.get_by_role("link", name="Hạt tiêu đen Phú Quốc").click()
        with translation.override("zh-hans"):
            note = translation.gettext(
                "Not yet available in %(requested)s — shown in %(shown)s."
            ) % {
                "requested": language_name("zh-hans", "zh-hans"),
                "shown": language_name("vi", "zh-hans"),
            }
        expect(reader.get_by_role("note")).to_contain_text(note)
        expect(reader.locator("h1")).to_have_attribute("lang", "vi")
        reader.get_by_role("link", name="Công ty Tiêu Phú Quốc").click()
        expect(reader.locator("h1")).to_have_text("Công ty Tiêu Phú Quốc")
    finally:
        with django_db_blocker.unblock(), schema_context(vn_editor.schema_name):
            member = EnterpriseMember.objects.filter(user__email="thu@example.com").first()
            if member:
                Opportunity.objects.filter(enterprise=member.enterprise).delete()
                member.enterprise.delete()
                member.user.delete()


def test_a_buyer_shows_interest_and_the_seller_accepts(
    page_in, live_port, vn_editor, django_db_blocker
):
    site = f"http://cn-vn.localhost:{live_port}"
    with django_db_blocker.unblock(), schema_context(vn_editor.schema_name):
        buyer = make_member(
            make_enterprise(names={"zh-hans": "凭祥果品贸易行"}, country="CN"), language="zh-hans"
        )
        seller = make_member(Enterprise.objects.get(slug="binh-thuan-fruit"), language="vi")
        listing = Opportunity.objects.get(enterprise__slug="binh-thuan-fruit")
    try:
        page = page_in("zh-CN")
        page.goto(f"{site}/zh-hans/opportunities/{listing.pk}/")
        page.get_by_role("link", name="表达合作意向").click()
        page.get_by_label("邮箱").fill(buyer.user.email)  # sent to sign in first
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.get_by_label("留言").fill("每周需要一个冷柜集装箱的火龙果。")
        page.get_by_role("button", name="发送请求").click()
        expect(page.get_by_role("status")).to_contain_text("请求已发送")

        answer = page_in("vi-VN")
        answer.goto(f"{site}/vi/account/login/")
        answer.get_by_label("Email").fill(seller.user.email)
        answer.get_by_label("Mật khẩu").fill(PASSWORD)
        answer.get_by_role("button", name="Đăng nhập").click()
        request = answer.locator(".match", has_text="每周需要一个冷柜集装箱的火龙果。")
        request.get_by_label("Trả lời (không bắt buộc)").fill("Mời quý công ty sang thăm vườn.")
        request.get_by_role("button", name="Chấp nhận").click()
        expect(answer.get_by_role("status")).to_contain_text("Bạn đã chấp nhận yêu cầu")

        page.goto(f"{site}/zh-hans/account/")
        matched = page.locator("#matches ~ .match")
        expect(matched).to_contain_text("Mời quý công ty sang thăm vườn.")
        expect(matched).to_contain_text(seller.user.email)
    finally:
        with django_db_blocker.unblock(), schema_context(vn_editor.schema_name):
            MatchRequest.objects.filter(sender=buyer.enterprise).delete()
            buyer.enterprise.delete()
            buyer.user.delete()
            seller.user.delete()


def test_question_is_asked_answered_and_published(page_in, live_port, vn_editor, django_db_blocker):
    asker = page_in("vi-VN")
    asker.goto(f"http://cn-vn.localhost:{live_port}/vi/questions/")
    asker.get_by_role("link", name="Đặt câu hỏi").click()
    asker.get_by_label("Họ tên").fill("Đỗ Hải")
    asker.get_by_label("Email").fill("hai@example.com")
    asker.get_by_label("Chủ đề").select_option("investment")
    asker.get_by_label("Câu hỏi của bạn").fill("Ưu đãi thuế cho nhà máy chế biến gỗ là gì?")
    asker.get_by_role("button", name="Gửi câu hỏi").click()
    expect(asker.get_by_role("status")).to_contain_text("Câu hỏi của bạn có mã Q-")

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
