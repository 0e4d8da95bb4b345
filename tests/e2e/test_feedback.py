"""What visitors see after acting, on a phone and on a desktop, in Chromium:
the event page after registering, a member's dashboard, and country lists
cleaned and sorted in Chinese, Vietnamese and Indonesian."""

import re

import pytest
from django.core import mail
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from tenants.models import Site
from tests.e2e.test_accessibility import serious
from tests.factories.accounts import PASSWORD, make_member
from tests.factories.events import make_event

pytestmark = pytest.mark.e2e

WIDTHS = [390, 1280]


def new_page(browser, width: int, locale: str):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=locale)
    return context, context.new_page()


@pytest.mark.parametrize("width", WIDTHS)
def test_after_registering_the_event_page_says_so_and_the_email_holds_the_cancel_link(
    browser, live_port, django_db_blocker, width
):
    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-vn")
        with schema_context(site.schema_name):
            event = make_event(
                slug=f"e2e-feedback-{width}", capacity=1, titles={"vi": "Gặp gỡ nhà nhập khẩu"}
            )
    mail.outbox.clear()
    context, page = new_page(browser, width, "vi-VN")
    try:
        page.goto(f"http://cn-vn.localhost:{live_port}/vi/events/{event.slug}/")
        page.get_by_label("Họ tên").fill("Trần Văn Nam")
        page.get_by_label("Email").fill("nam@example.vn")
        page.get_by_role("button", name="Đăng ký", exact=True).click()

        status = page.locator(".registration__status")
        expect(status).to_contain_text("Bạn đã đăng ký tham dự sự kiện này.")
        expect(status).to_contain_text("nam@example.vn")
        expect(status.get_by_role("link", name="Thêm vào lịch (.ics)")).to_be_visible()
        # Whoever typed the address sees no cancel link: it is in the e-mail.
        expect(status.get_by_role("link", name="Hủy đăng ký của tôi")).to_have_count(0)
        assert serious(page) == []
        page.screenshot(path=f"test-artifacts/registered-vi-{width}.png", full_page=True)

        # A second visitor fills the last place: the e-mailed link gives their place in the queue.
        other_context, other = new_page(browser, width, "vi-VN")
        other.goto(page.url)
        other.get_by_label("Họ tên").fill("Lê Thị Hoa")
        other.get_by_label("Email").fill("hoa@example.vn")
        other.get_by_role("button", name="Đăng ký", exact=True).click()
        expect(other.locator(".registration__status")).to_contain_text("danh sách chờ")
        waiting = _emailed_link(live_port, "hoa@example.vn")
        other.goto(waiting)
        expect(other.locator(".registration__status")).to_contain_text("ở vị trí thứ 1")
        assert serious(other) == []
        other_context.close()

        page.goto(_emailed_link(live_port, "nam@example.vn"))
        expect(page.locator("h1")).to_have_text("Đăng ký của bạn")
        page.get_by_role("button", name="Có, hủy đăng ký của tôi").click()
        expect(page.get_by_label("Họ tên")).to_be_visible()  # the form is back
    finally:
        context.close()
        with django_db_blocker.unblock(), schema_context(site.schema_name):
            event.delete()


def _emailed_link(live_port: int, address: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [address]]
    path = re.search(r"https?://[^/\s]+(/vi/events/registration/\S+/cancel/)", message.body)[1]
    return f"http://cn-vn.localhost:{live_port}{path}"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_dashboard_lists_registrations_and_questions(
    browser, live_port, django_db_blocker, width
):
    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-id")
        with schema_context(site.schema_name):
            member = make_member(language="id", email=f"dashboard-{width}@example.id")
            event = make_event(slug=f"e2e-dashboard-{width}", titles={"id": "Temu dagang rempah"})
    context, page = new_page(browser, width, "id-ID")
    base = f"http://cn-id.localhost:{live_port}"
    try:
        page.goto(f"{base}/id/account/login/")
        page.get_by_label(re.compile(r"^Email( \*)?$")).fill(member.user.email)
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()

        page.goto(f"{base}/id/events/{event.slug}/")
        expect(page.get_by_label(re.compile(r"^Email( \*)?$"))).to_have_value(
            member.user.email
        )  # filled in
        page.get_by_role("button", name="Daftar", exact=True).click()
        page.goto(f"{base}/id/questions/ask/")
        expect(page.get_by_label(re.compile(r"^Email( \*)?$"))).to_have_value(member.user.email)
        page.get_by_label("Topik").select_option("customs")
        page.get_by_label("Pertanyaan Anda").fill("Dokumen apa yang diperlukan untuk ekspor lada?")
        page.get_by_role("button", name="Kirim pertanyaan").click()
        expect(page.locator(".messages")).to_contain_text("Q-")

        page.goto(f"{base}/id/account/")
        registrations = page.get_by_role("region", name="Pendaftaran acara Anda")
        expect(registrations.get_by_role("link", name="Temu dagang rempah")).to_be_visible()
        questions = page.get_by_role("region", name="Pertanyaan Anda")
        expect(questions).to_contain_text("Dokumen apa yang diperlukan untuk ekspor lada?")
        assert serious(page) == []
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
    finally:
        context.close()
        with django_db_blocker.unblock(), schema_context(site.schema_name):
            from cooperation.models import Question

            Question.objects.filter(email=member.user.email).delete()
            event.delete()
            enterprise = member.enterprise
            member.user.delete()
            enterprise.delete()


@pytest.mark.parametrize(
    ("host", "path", "locale", "first", "sample"),
    [
        # The site's two countries first, then pinyin: 阿尔巴尼亚 (Ā'ěrbāníyà) … 越南 before 中国.
        ("cn-vn.localhost", "/zh-hans/questions/ask/", "zh-CN", ["中国", "越南"], ["阿尔巴尼亚", "埃及", "巴西", "德国", "日本"]),
        # The Vietnamese alphabet: Ả Rập Xê-út, Ai Cập, Áo, Ấn Độ … Đức after Dominica.
        ("cn-vn.localhost", "/vi/questions/ask/", "vi-VN", ["Trung Quốc", "Việt Nam"], ["Ả Rập Xê-út", "Ai Cập", "Áo", "Ấn Độ", "Dominica", "Đức"]),
        ("cn-id.localhost", "/id/questions/ask/", "id-ID", ["Tiongkok", "Indonesia"], ["Afganistan", "Belanda", "Belgia", "Jepang", "Vietnam"]),
    ],
)  # fmt: skip
@pytest.mark.parametrize("width", WIDTHS)
def test_country_lists_are_clean_and_sorted(
    browser, live_port, host, path, locale, first, sample, width
):
    context, page = new_page(browser, width, locale)
    page.goto(f"http://{host}:{live_port}{path}")
    names = page.locator("select[name=country] option").all_inner_texts()
    context.close()

    assert names[1:3] == first
    rest = names[3:]
    assert [rest.index(name) for name in sample] == sorted(rest.index(name) for name in sample)
    for pseudo in ("Pseudo", "Unknown", "Liên Hợp Quốc", "联合国", "欧盟", "Eurozone", "Khu vực"):
        assert not [name for name in names if pseudo in name], pseudo
    assert len(names) == 1 + 250
