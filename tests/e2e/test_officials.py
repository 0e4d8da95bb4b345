"""Officials in the browser: launching a site from the hub, writing a Korean
article in the rich-text editor, and the dashboard counting work down."""

import datetime
import re
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone
from django_tenants.utils import schema_context
from PIL import Image
from playwright.sync_api import expect

from cooperation.models import Article, Opportunity, SitePage
from tenants.models import Site
from tests.e2e.conftest import E2E_PASSWORD, drop_sites, sign_in
from tests.factories.articles import make_article
from tests.factories.events import make_event

pytestmark = pytest.mark.e2e


def png_file(tmp_path, name: str = "logo.png"):
    path = tmp_path / name
    Image.new("RGB", (96, 96), (0, 52, 120)).save(path, format="PNG")
    return path


@pytest.fixture
def hub_official(django_db_blocker):
    """Staff of the hub who may launch sites (tenants.add_site), nothing more."""
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(
            "official@hub.example", "official@hub.example", E2E_PASSWORD, is_staff=True
        )
        user.user_permissions.add(Permission.objects.get(codename="add_site"))
    yield user
    with django_db_blocker.unblock():
        user.delete()
        drop_sites("cn-kr2")


def test_an_official_launches_cn_kr2_from_the_hub_fills_its_checklist_and_opens_it(
    page_in, live_port, korea_site, hub_official, tmp_path, django_db_blocker
):
    hub, site = f"http://localhost:{live_port}", f"http://cn-kr2.localhost:{live_port}"
    mail.outbox.clear()
    page = page_in("en-GB")
    page.goto(f"{hub}/admin/login/?next=/en/sites/launch/")
    page.locator("#id_username").fill("official@hub.example")
    page.locator("#id_password").fill(E2E_PASSWORD)
    page.locator("input[type=submit]").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Launch a site")
    page.locator("#id_code").fill("cn-kr2")
    page.locator("#id_country_a").select_option("CN")
    page.locator("#id_country_b").select_option("KR")
    # The two countries' zones and currencies come first once they are chosen.
    first = "(select) => [...select.options].slice(0, 4).map((option) => option.value)"
    assert page.locator("#id_time_zone").evaluate(first) == [
        "", "Asia/Shanghai", "Asia/Urumqi", "Asia/Seoul",
    ]  # fmt: skip
    assert page.locator("#id_currency").evaluate(first)[:3] == ["", "CNY", "KRW"]
    expect(page.locator("#id_time_zone optgroup")).to_have_attribute(
        "label", "Other countries and regions"
    )
    page.locator("#id_default_language").select_option("ko")
    page.locator('input[name=other_languages][value="zh-hans"]').check()
    page.locator('input[name=other_languages][value="en"]').check()
    page.locator("#id_domain").fill("cn-kr2.localhost")
    page.locator("#id_time_zone").select_option("Asia/Seoul")
    page.locator("#id_currency").select_option("KRW")
    page.locator("#id_admin_email").fill("admin@cn-kr2.example.org")
    page.get_by_role("button", name="See what will be done").click()

    # China–Korea has a site already: the form says which, and how to go on.
    expect(page.get_by_role("alert").first).to_contain_text("already has a site: cn-kr")
    page.get_by_label("This is another site for a pair of countries that has one already").check()
    page.get_by_role("button", name="See what will be done").click()
    expect(page.get_by_role("list").filter(has_text="cn-kr2")).to_contain_text(
        "Create site cn-kr2 (China–South Korea (CN–KR)) in schema site_cn_kr2, "
        "a draft until it is launched"
    )
    with django_db_blocker.unblock():
        assert not Site.objects.filter(code="cn-kr2").exists()  # nothing before confirming
    page.get_by_role("button", name="Create the site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Site cn-kr2 is created")

    # The new administrator chooses a password from the e-mail, on the site's address.
    link = re.search(r"http://\S+/account/password/\S+/", mail.outbox[-1].body).group(0)
    assert link.startswith(f"{site}/ko/")
    admin = page_in("ko-KR")
    admin.goto(link)
    admin.locator("#id_new_password1").fill("seoul-beijing-2027")
    admin.locator("#id_new_password2").fill("seoul-beijing-2027")
    admin.locator("form button[type=submit]").click()
    sign_in(admin, f"{site}/admin/login/", "admin@cn-kr2.example.org", "seoul-beijing-2027")
    checklist = admin.locator(".launch-checklist")
    expect(checklist).to_contain_text("사이트를 열기 전에")
    expect(checklist.locator(".checklist__item--done")).to_have_count(0)

    checklist.get_by_role("link", name="사이트의 모든 언어로 된 표어").click()
    for language, tagline, details in (
        ("ko", "정책, 무역 기회, 기업 협력", "서울특별시 종로구 1"),
        ("zh-hans", "政策、商机、企业合作", "首尔市钟路区1号"),
        ("en", "Policies, trade leads and partners", "1 Jongno-gu, Seoul"),
    ):
        admin.locator(f'[name="tagline__{language}"]').fill(tagline)
        admin.locator(f'[name="contact_details__{language}"]').fill(details)
    admin.locator('[name="contact_email"]').fill("contact@cn-kr2.example.org")
    admin.locator('[name="logo"]').set_input_files(png_file(tmp_path))
    admin.get_by_role("button", name="저장").click()
    expect(admin.locator(".messages")).to_contain_text("저장")

    # A translator, invited from the item's page in the language they read.
    admin.goto(f"{site}/ko/editor/launch/")
    admin.get_by_role("link", name="번역자 한 명 이상").click()
    admin.locator("#id_email").fill("translator@cn-kr2.example.org")
    admin.locator("#id_role").select_option("translator")
    admin.locator("#id_language").select_option("zh-hans")
    admin.get_by_role("button", name="초대 보내기").click()
    expect(admin.locator(".people-list")).to_contain_text("translator@cn-kr2.example.org")
    invitation = mail.outbox[-1]
    assert invitation.to == ["translator@cn-kr2.example.org"] and "译员" in invitation.subject
    assert f"{site}/zh-hans/account/password/" in invitation.body

    # The about page: its link opens the admin's form for it, its kind chosen.
    admin.goto(f"{site}/ko/editor/launch/")
    admin.get_by_role("link", name="사이트의 모든 언어로 된 소개 페이지").click()
    expect(admin.locator("#id_kind")).to_have_value("about")

    # The content the rest of the list asks for.
    with django_db_blocker.unblock(), schema_context("site_cn_kr2"):
        make_article(texts={"ko": "한중 협력 사이트 개설"})
        make_event(titles={"ko": "한중 무역 상담회"})
        for kind in ("about", "privacy"):
            SitePage.objects.create(
                kind=kind,
                body_ko="<p>한국어</p>",
                body_zh_hans="<p>中文</p>",
                body_en="<p>English</p>",
            )

    admin.goto(f"{site}/ko/editor/launch/")
    expect(admin.locator(".checklist__item--done")).to_have_count(8)
    admin.get_by_role("button", name="사이트 출시").click()
    expect(admin.locator(".messages")).to_contain_text("사이트가 출시되었습니다")

    visitor = page_in("ko-KR")
    response = visitor.goto(f"{site}/ko/")
    assert response.status == 200 and "X-Robots-Tag".lower() not in response.headers
    expect(visitor.locator(".brand__tagline")).to_have_text("정책, 무역 기회, 기업 협력")
    visitor.goto(f"{hub}/en/")
    # Its card on the hub, which opens it in the hub visitor's language.
    expect(visitor.locator(f'.site-cards a[href="{site}/en/"]')).to_be_visible()


def test_an_editor_writes_a_korean_article_in_the_rich_text_editor(
    page_in, live_port, korea_site, tmp_path, django_db_blocker
):
    site = f"http://cn-kr.localhost:{live_port}"
    page = page_in("ko-KR")
    sign_in(page, f"{site}/admin/login/?next=/admin/cooperation/article/add/",
            "editor@cn-kr.example.org")  # fmt: skip

    page.locator("#id_title_ko").fill("한중 무역 포럼 서울에서 개최")
    expect(page.locator("#id_slug")).to_have_value("hanjung-muyeok-poreom-seoureseo-gaechoe")

    wrapper = page.locator(".prose-editor", has=page.locator("#id_body_ko"))
    body = wrapper.locator(".ProseMirror[contenteditable=true]")
    expect(wrapper.locator('[data-name="bold"]')).to_have_attribute("title", "굵게")
    body.click()
    page.keyboard.type("포럼은 ")
    wrapper.locator('[data-name="bold"]').click()
    page.keyboard.type("서울")
    wrapper.locator('[data-name="bold"]').click()
    page.keyboard.type("에서 열립니다.")
    page.keyboard.press("Enter")
    # Text pasted from Word arrives with its styles and classes.
    body.evaluate(
        """(element, html) => {
            const data = new DataTransfer()
            data.setData("text/html", html)
            data.setData("text/plain", "수출 품목")
            element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}))
        }""",
        '<p class="MsoNormal" style="color:red;font-family:Batang">수출 <span style="mso-bidi">품목</span></p>'
        "<script>alert(1)</script>",
    )
    with page.expect_file_chooser() as chooser:
        wrapper.locator('[data-name="figure"]').click()
    chooser.value.set_files(png_file(tmp_path, "busan.png"))
    dialog = page.locator("dialog.prose-editor-dialog")
    dialog.locator('[name="alt"]').fill("부산항의 컨테이너 부두")
    dialog.locator('[name="caption"]').fill("부산항")
    dialog.get_by_role("button", name="삽입").click()
    expect(body.locator("figure img")).to_have_attribute(
        "src", re.compile(r"^/media/site_cn_kr/inline/")
    )

    local = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo("Asia/Seoul"))
    earlier = local - datetime.timedelta(hours=1)
    page.locator("#id_status").select_option("published")
    page.locator("#id_published_at_0").fill(earlier.strftime("%Y-%m-%d"))
    page.locator("#id_published_at_1").fill(earlier.strftime("%H:%M:%S"))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    with django_db_blocker.unblock(), schema_context("site_cn_kr"):
        article = Article.objects.get(title_ko="한중 무역 포럼 서울에서 개최")
    assert article.slug == "hanjung-muyeok-poreom-seoureseo-gaechoe"
    assert (
        re.search(r"<strong>\s?서울</strong>", article.body_ko) and "수출 품목" in article.body_ko
    )
    assert "style" not in article.body_ko and "Mso" not in article.body_ko
    assert "script" not in article.body_ko

    reader = page_in("ko-KR")
    reader.goto(f"{site}/ko/news/{article.slug}/")
    text = reader.locator(".article__body")
    expect(text.locator("strong")).to_have_text(re.compile(r"^\s?서울$"))
    expect(text.locator("figure img")).to_have_attribute("alt", "부산항의 컨테이너 부두")
    expect(text.locator("figcaption")).to_have_text("부산항")
    assert reader.evaluate("document.querySelector('.article__body img').naturalWidth") == 96


def test_the_editors_dashboard_counts_work_down_as_it_is_done(
    page_in, live_port, korea_site, django_db_blocker
):
    site = f"http://cn-kr.localhost:{live_port}"
    with django_db_blocker.unblock(), schema_context("site_cn_kr"):
        for title in ("김치 수출", "인삼 공급"):
            Opportunity.objects.create(
                kind="supply", title_ko=title, description_ko="신규 물량", sector="A",
                country="KR", valid_until=timezone.localdate() + datetime.timedelta(days=30),
                company="한국농산", contact_name="김", contact_email="kim@example.com",
                language="ko",
            )  # fmt: skip
    page = page_in("ko-KR")
    sign_in(page, f"{site}/admin/login/?next=/ko/editor/", "editor@cn-kr.example.org")
    moderation = page.locator(".work-item", has_text="승인하거나 반려할 무역 기회")
    expect(moderation.locator(".work-item__count")).to_have_text("2")

    moderation.get_by_role("link").click()
    page.get_by_role("row", name=re.compile("김치 수출")).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("approve")
    page.locator("button[name=index]").click()
    page.goto(f"{site}/ko/editor/")
    expect(moderation.locator(".work-item__count")).to_have_text("1")

    # On a phone the dashboard fits the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(moderation).to_be_visible()
