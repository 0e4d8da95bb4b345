"""Translators and coordinators in the browser: a Korean article translated
side by side into Chinese and released; the planted clash found on the
coordinator's first screen, the pavilion marked part of the Expo, and a new
clash e-mailed to the editors of both sites."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import translation
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from cooperation.models import Article
from coordination.clashes import remove_part
from coordination.index import set_case_status
from coordination.models import CalendarEntry, ClashCase, ClashNote, ProgrammeLink
from tests.e2e.conftest import E2E_PASSWORD, sign_in
from tests.factories.articles import make_article
from tests.factories.events import make_event
from translations.models import StaffLanguage, TranslationTask

pytestmark = pytest.mark.e2e

TITLE_KO = "한중 무역 포럼 서울에서 개최"
TITLE_ZH = "中韩贸易论坛在首尔举行"
FORUM_IMAGE = "/media/site_cn_kr/inline/forum-hall.png"


@pytest.fixture
def korean_article(korea_site, django_db_blocker) -> Article:
    """Published in Korean only, as an editor leaves it (the editor's own
    journey writes one in the rich-text editor)."""
    with django_db_blocker.unblock(), schema_context(korea_site.schema_name):
        article = make_article(slug="trade-forum-seoul", texts={"ko": TITLE_KO})
        article.summary_ko = "양국 기업 200여 곳이 참가합니다."
        article.body_ko = (
            "<p>포럼은 <strong>서울</strong>에서 열립니다.</p>"
            f'<figure><img src="{FORUM_IMAGE}" alt="포럼장"></figure>'
        )
        article.save()
    return article


def test_a_translator_translates_a_korean_article_side_by_side_into_chinese_and_releases_it(
    page_in, live_port, korea_site, korean_article, django_db_blocker
):
    site = f"http://cn-kr.localhost:{live_port}"
    page = page_in("zh-CN")
    sign_in(page, f"{site}/admin/login/?next=/zh-hans/editor/translations/tasks/",
            "translator@cn-kr.example.org")  # fmt: skip

    expect(page.get_by_role("heading", level=1)).to_have_text("翻译任务")
    page.get_by_role("navigation", name="语言").locator('a[href="?language=zh-hans"]').click()
    task = page.get_by_role("row").filter(has_text=TITLE_KO)
    expect(task).to_contain_text("发布时缺少此语言")
    task.get_by_role("link", name=TITLE_KO).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_KO)
    expect(page.locator(".lead")).to_contain_text("有 3 个字段需要处理。")
    title = page.locator("#field-title")
    expect(title.locator(".translate-field__source")).to_contain_text(TITLE_KO)
    title.locator("textarea").fill(TITLE_ZH)
    summary = page.locator("#field-summary")
    # Typed in another box and not saved: saving this one (the page loads
    # again) is asked first; staying keeps the text typed (newcomer
    # walk-through, session 27: it was lost without a word).
    summary.locator("textarea").fill("未保存的摘要")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    title.get_by_role("button", name="保存").click()
    expect(summary.locator("textarea")).to_have_value("未保存的摘要")
    assert asked == ["beforeunload"]
    page.once("dialog", lambda dialog: dialog.accept())  # leave it, then
    title.get_by_role("button", name="保存").click()
    # The first field holds Chinese back: readers keep the Korean with a note.
    expect(page.locator(".messages")).to_contain_text("标记为已审核后")
    expect(page.locator(".release-panel")).to_contain_text("暂时看不到此翻译")

    summary.locator("textarea").fill("两国约200家企业参加。")
    summary.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("已保存")

    body = page.locator("#field-body")
    editor = body.locator(".ProseMirror[contenteditable=true]")
    # The body starts from the Korean, picture included: the translator
    # replaces the paragraph's words and keeps the picture.
    expect(editor.locator("img")).to_have_attribute("src", FORUM_IMAGE)
    editor.locator("p").first.click(click_count=3)
    page.keyboard.type("论坛在")
    body.locator('[data-name="bold"]').click()
    page.keyboard.type("首尔")
    body.locator('[data-name="bold"]').click()
    page.keyboard.type("举行。")
    # The picture's description, in Chinese too.
    editor.locator("img").click()
    body.locator('[data-name="imageDescription"]').click()
    described = page.locator("dialog.prose-editor-dialog[open]")
    expect(described.locator('[name="alt"]')).to_have_value("포럼장")
    described.locator('[name="alt"]').fill("论坛会场")
    with translation.override("zh-hans"):
        apply = translation.gettext("Update")  # the editor's dialogs' button, by its English text
    described.get_by_role("button", name=apply, exact=True).click()
    body.get_by_role("button", name="保存").click()
    expect(page.locator(".lead")).to_contain_text("所有字段均已翻译。")

    page.get_by_role("button", name="已审核：发布此翻译").click()
    expect(page.locator(".messages")).to_contain_text("读者现在可以看到")

    with django_db_blocker.unblock(), schema_context(korea_site.schema_name):
        article = Article.objects.get(pk=korean_article.pk)
        tasks = dict(
            TranslationTask.objects.filter(object_id=article.pk).values_list(
                "language", "closed_at"
            )
        )
    assert article.title_zh_hans == TITLE_ZH and article.unpublished_languages == []
    assert re.search(r"<strong>\s?首尔\s?</strong>", article.body_zh_hans)
    assert FORUM_IMAGE in article.body_zh_hans and 'alt="论坛会场"' in article.body_zh_hans
    assert "포럼" not in article.body_zh_hans
    assert tasks["zh-hans"] is not None and tasks["en"] is None  # English still waits

    reader = page_in("zh-CN")
    reader.goto(f"{site}/zh-hans/news/trade-forum-seoul/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE_ZH)
    expect(reader.locator(".article__body strong")).to_have_text(re.compile(r"^\s?首尔\s?$"))
    expect(reader.locator(".fallback-note")).to_have_count(0)

    page.goto(f"{site}/zh-hans/editor/translations/tasks/?language=zh-hans")
    expect(page.get_by_text("没有等待中的翻译。")).to_be_visible()

    # On a phone, the side-by-side page stacks and fits the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/zh-hans/editor/translations/cooperation.article/{article.pk}/en/")
    expect(page.locator("#field-title textarea")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.fixture
def hub_coordinator(django_db_blocker):
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(
            "coordinator@hub.example", "coordinator@hub.example", E2E_PASSWORD, is_staff=True
        )
        user.user_permissions.add(Permission.objects.get(codename="coordinate"))
    yield user
    with django_db_blocker.unblock():
        user.delete()


@pytest.fixture
def site_editors(django_db_blocker):
    """An editor on each demo site, each with their own language."""
    made = []
    with django_db_blocker.unblock():
        for code, email, language in (("cn-vn", "bientap@cn-vn.example", "vi"),
                                      ("cn-id", "redaksi@cn-id.example", "id")):  # fmt: skip
            with schema_context(f"site_{code.replace('-', '_')}"):
                user = get_user_model().objects.create_user(email, email, E2E_PASSWORD,
                                                            is_staff=True)  # fmt: skip
                user.groups.add(Group.objects.get(name="Editors"))
                StaffLanguage.objects.create(
                    user=user, language=language, updated_at=datetime.datetime.now(datetime.UTC)
                )
                made.append((code, user.pk))
    yield
    with django_db_blocker.unblock():
        for code, pk in made:
            with schema_context(f"site_{code.replace('-', '_')}"):
                get_user_model().objects.filter(pk=pk).delete()


@pytest.fixture
def planted(django_db_blocker):
    """The demo's clash: the Indonesia pavilion (cn-id) during the Expo (cn-vn).
    Put back as the demo had it afterwards, for the other browser tests."""
    with django_db_blocker.unblock():
        expo = CalendarEntry.objects.get(site__code="cn-vn", slug="china-asean-expo")
        pavilion = CalendarEntry.objects.get(slug="indonesia-trade-expo-nanning")
    yield expo, pavilion
    with django_db_blocker.unblock():
        for link in ProgrammeLink.objects.filter(part_uid=pavilion.event_uid):
            remove_part(link)
        low, high = sorted([expo.event_uid, pavilion.event_uid])
        case = ClashCase.objects.filter(low_uid=low, high_uid=high).first()
        if case is not None:
            ClashNote.objects.filter(case=case).delete()
            set_case_status(case.pk, ClashCase.Status.OPEN, case.updated_at)


def test_a_coordinator_marks_the_pavilion_part_of_the_expo_and_a_new_clash_is_emailed(
    page_in, live_port, hub_coordinator, site_editors, planted, django_db_blocker
):
    hub = f"http://localhost:{live_port}"
    page = page_in("fr-FR")
    page.goto(f"{hub}/fr/")
    page.get_by_role("link", name="Connexion du personnel").click()
    page.locator("#id_username").fill("coordinator@hub.example")
    page.locator("#id_password").fill(E2E_PASSWORD)
    page.locator("input[type=submit]").click()
    page.get_by_role("link", name="Calendrier de coordination").first.click()

    # The first screen: the clash to come, months ahead, without paging.
    expect(page.get_by_role("heading", name="Conflits à venir")).to_be_visible()
    clash = (
        page.locator("li.clash")
        .filter(has_text="Indonesia pavilion")
        .filter(has_text="China–ASEAN Expo")
    )
    expect(clash).to_have_count(1)
    expect(clash).to_contain_text("Même lieu : Nanning International Convention")
    expect(
        clash.locator('a[href*="cn-vn.localhost"][href*="/events/china-asean-expo/"]')
    ).to_have_count(1)
    expect(clash.locator('a[href*="cn-id.localhost"]').first).to_be_visible()

    clash.get_by_role(
        "link", name="Prendre en compte, résoudre ou marquer comme un même programme"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Conflit")
    page.get_by_role(
        "radio",
        name="Indonesia pavilion and trade exhibition, Nanning fait partie de China–ASEAN Expo",
    ).check()
    page.locator("#id_programme_note").fill("Pavillon national de l'Indonésie à l'Expo")
    page.get_by_role("button", name="Marquer comme un même programme").click()
    expect(page.locator(".messages")).to_contain_text("ils ne sont plus en conflit")

    page.goto(f"{hub}/fr/coordination/")
    expect(
        page.locator("li.clash")
        .filter(has_text="Indonesia pavilion")
        .filter(has_text="China–ASEAN Expo")
    ).to_have_count(0)
    expect(page.locator(".programme-list")).to_contain_text("fait partie de")
    with django_db_blocker.unblock():
        note = ClashNote.objects.filter(action="programme").latest("pk")
    assert note.author_email == "coordinator@hub.example"

    # A new clash afterwards: the same hall on the same day, on two sites.
    mail.outbox.clear()
    day = datetime.datetime(2031, 9, 9, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    with django_db_blocker.unblock():
        with schema_context("site_cn_vn"):
            vn = make_event(slug="e2e-kunming-vn", starts=day, venue={"en": "Hall 9, Kunming"},
                            titles={"vi": "Diễn đàn Côn Minh", "en": "Kunming forum"})  # fmt: skip
        with schema_context("site_cn_id"):
            made = make_event(slug="e2e-kunming-id", starts=day, venue={"en": "Hall 9, Kunming"},
                              titles={"id": "Forum Kunming", "en": "Kunming forum (ID)"})  # fmt: skip
    try:
        to = {address: message for message in mail.outbox for address in message.to}
        assert "bientap@cn-vn.example" in to and "redaksi@cn-id.example" in to
        assert to["bientap@cn-vn.example"].extra_headers["Content-Language"] == "vi"
        assert "Diễn đàn Côn Minh" in to["bientap@cn-vn.example"].subject
        assert to["redaksi@cn-id.example"].extra_headers["Content-Language"] == "id"
        assert "Forum Kunming" in to["redaksi@cn-id.example"].body

        page.goto(f"{hub}/fr/coordination/?after=2031-09-01")
        expect(page.locator("li.clash").filter(has_text="Kunming")).to_have_count(1)
        # On a phone the list and a clash fit the screen.
        page.set_viewport_size({"width": 390, "height": 844})
        for path in ("/fr/coordination/?after=2031-09-01", "/fr/coordination/calendar/"):
            page.goto(f"{hub}{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    finally:
        with django_db_blocker.unblock():
            with schema_context("site_cn_vn"):
                vn.delete()
            with schema_context("site_cn_id"):
                made.delete()
