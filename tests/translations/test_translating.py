"""Translators at work in the browser: tasks, one item side by side, files
(PO and XLIFF 2.1) per item or batch, and readers asking for a translation.

China–Vietnam writes in Chinese (zh-hans) and translates into vi and en.
"""

import io
import re

import pytest
from babel.numbers import format_percent
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.models import Article
from tests.factories.accounts import make_staff
from tests.factories.articles import make_article
from translations.models import TranslationTask
from translations.services import tasks, xliff
from translations.services.translation_exchange import (
    CatalogError,
    export_xliff,
    import_catalog,
)
from translations.services.translation_status import digest

VN = {"HTTP_HOST": "cn-vn.localhost"}
EMPTY = digest("")  # what the page sends for a box that was empty


def open_tasks_of(article) -> dict[str, TranslationTask]:
    return {
        task.language: task
        for task in TranslationTask.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=article.pk,
            closed_at__isnull=True,
        )
    }


@pytest.fixture
def customs(site_vn, in_site) -> Article:
    """A published article written in Chinese only, with a rich body."""
    with in_site(site_vn):
        article = make_article(slug="customs-2031", texts={"zh-hans": "海关新规"})
        article.summary_zh_hans = "新规明年生效。"
        article.body_zh_hans = "<p>新规<strong>明年</strong>生效。</p>"
        article.save()
    return article


# Tasks ---------------------------------------------------------------------


@pytest.mark.django_db
def test_publishing_without_a_language_opens_a_task_per_missing_language(site_vn, in_site):
    with in_site(site_vn):
        draft = make_article(slug="draft-2031", texts={"zh-hans": "草稿"}, status="draft")
        assert open_tasks_of(draft) == {}  # nobody is asked to translate a draft

        draft.status = Article.Status.PUBLISHED
        draft.save()
        opened = open_tasks_of(draft)
        assert sorted(opened) == ["en", "vi"]
        assert {task.reason for task in opened.values()} == {"published"}
        assert {task.source_language for task in opened.values()} == {"zh-hans"}

        draft.save()  # saved again: no second task
        assert TranslationTask.objects.filter(object_id=draft.pk).count() == 2

        # Saving the Vietnamese translation closes the Vietnamese task only.
        draft.title_vi = "Bản nháp"
        draft.save()
        assert sorted(open_tasks_of(draft)) == ["en"]


@pytest.mark.django_db
def test_an_approved_listing_asks_for_the_languages_it_lacks_from_its_own(site_vn, in_site):
    from cooperation.models import Opportunity

    with in_site(site_vn):
        listing = Opportunity.objects.create(
            kind="supply", title_vi="Cà phê Robusta", description_vi="Hàng mới", sector="A",
            country="VN", valid_until="2031-12-31", company="Cà phê Tây Nguyên",
            contact_name="Lan", contact_email="lan@example.com", language="vi",
        )  # fmt: skip
        assert TranslationTask.objects.filter(object_id=listing.pk).count() == 0
        listing.status = Opportunity.Status.APPROVED
        listing.save()

        found = dict(
            TranslationTask.objects.filter(
                object_id=listing.pk,
                content_type=ContentType.objects.get_for_model(Opportunity),
            ).values_list("language", "source_language")
        )
    assert found == {"zh-hans": "vi", "en": "vi"}


@pytest.mark.django_db
def test_the_task_list_shows_the_sites_tasks_in_the_translators_language(
    client, site_vn, in_site, customs, translator
):
    page = client.get("/vi/editor/translations/tasks/?language=vi", **VN)

    assert page.status_code == 200
    body = page.content.decode()
    assert "Nhiệm vụ dịch" in body and "海关新规" in body
    assert "Được đăng khi chưa có ngôn ngữ này" in body
    assert f"/vi/editor/translations/cooperation.article/{customs.pk}/vi/" in body
    assert client.get("/vi/editor/translations/tasks/?language=xx", **VN).status_code == 404
    assert client.get("/vi/editor/translations/tasks/?page=999", **VN).status_code == 200


@pytest.mark.django_db
def test_the_task_list_costs_the_same_with_more_tasks(client, site_vn, in_site, translator):
    def queries_with(count: int) -> int:
        with in_site(site_vn):
            for number in range(count):
                make_article(slug=f"task-{count}-{number}", texts={"zh-hans": f"任务 {number}"})
        client.get("/en/editor/translations/tasks/", **VN)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/editor/translations/tasks/", **VN).status_code == 200
        return len(queries)

    assert queries_with(3) == queries_with(12)


@pytest.mark.django_db
def test_the_task_list_is_for_translators_and_editors(client, site_vn, in_site):
    with in_site(site_vn):
        client.force_login(make_staff())
    assert client.get("/vi/editor/translations/tasks/", **VN).status_code == 403
    client.logout()
    assert client.get("/vi/editor/translations/tasks/", **VN).status_code == 302


# Side by side --------------------------------------------------------------


@pytest.mark.django_db
def test_side_by_side_shows_each_field_beside_its_source(client, customs, translator):
    page = client.get(f"/vi/editor/translations/cooperation.article/{customs.pk}/vi/", **VN)

    body = page.content.decode()
    assert page.status_code == 200
    assert "海关新规" in body and "新规明年生效。" in body
    assert "3 trường cần xử lý." in body  # title, summary, body
    # The source is marked as Chinese, the boxes as Vietnamese.
    assert 'lang="zh-hans"' in body and 'lang="vi"' in body
    assert 'name="field" value="title"' in body and 'name="field" value="body"' in body
    assert "release-panel" not in body  # nothing written: nothing to publish or hold back


@pytest.mark.django_db
def test_saving_field_by_field_holds_the_language_back_until_checked(
    client, site_vn, in_site, customs, editor
):
    url = f"/vi/editor/translations/cooperation.article/{customs.pk}/vi/"
    saved = client.post(
        url, {"field": "title", "text": "Quy định hải quan mới", "shown": EMPTY}, **VN
    )

    assert saved.status_code == 302 and saved["Location"].endswith("#field-title")
    with in_site(site_vn):
        customs.refresh_from_db()
        assert customs.title_vi == "Quy định hải quan mới"
        assert customs.unpublished_languages == ["vi"]  # a half-translated page stays hidden
        assert "vi" in open_tasks_of(customs)  # summary and body still to do
    reader = client.get("/vi/news/customs-2031/", **VN).content.decode()
    assert "Quy định hải quan mới" not in reader

    for name, text in (("summary", "Quy định có hiệu lực từ năm sau."),
                       ("body", "<p>Quy định có hiệu lực <strong>từ năm sau</strong>.</p>"
                                "<script>alert(1)</script>")):  # fmt: skip
        client.post(url, {"field": name, "text": text, "shown": EMPTY}, **VN)
    with in_site(site_vn):
        customs.refresh_from_db()
        assert "<strong>từ năm sau</strong>" in customs.body_vi
        assert "script" not in customs.body_vi
        assert open_tasks_of(customs).keys() == {"en"}  # done in vi: the task closed

    client.post(url, {"action": "release"}, **VN)
    with in_site(site_vn):
        customs.refresh_from_db()
    assert customs.unpublished_languages == []
    client.logout()
    assert "Quy định hải quan mới" in client.get("/vi/news/customs-2031/", **VN).content.decode()


@pytest.mark.django_db
def test_a_translation_changed_meanwhile_is_not_overwritten(
    client, site_vn, in_site, customs, editor
):
    from translations.services.translation_status import digest

    url = f"/vi/editor/translations/cooperation.article/{customs.pk}/vi/"
    with in_site(site_vn):
        customs.title_vi = "Bản dịch của người khác"
        customs.save()

    refused = client.post(url, {"field": "title", "text": "Của tôi", "shown": digest("")}, **VN)

    assert refused.status_code == 409
    body = refused.content.decode()
    assert "Bản dịch của người khác" in body and "Của tôi" in body  # theirs shown, mine kept
    with in_site(site_vn):
        customs.refresh_from_db()
    assert customs.title_vi == "Bản dịch của người khác"


@pytest.mark.django_db
def test_bad_saves_are_readable_refusals(client, site_vn, in_site, customs, editor, translator):
    url = f"/vi/editor/translations/cooperation.article/{customs.pk}/vi/"
    with in_site(site_vn):
        client.force_login(editor)
    assert (
        client.post(url, {"field": "title", "text": "a\x00b", "shown": EMPTY}, **VN).status_code
        == 400
    )
    assert (
        client.post(url, {"field": "title", "text": "x" * 5000, "shown": EMPTY}, **VN).status_code
        == 400
    )
    assert (
        client.post(url, {"field": "slug", "text": "hack", "shown": EMPTY}, **VN).status_code == 400
    )
    assert client.post(url, {"field": ["title", "body"], "text": "x"}, **VN).status_code in (
        400,
        409,
    )
    # The source language, an unknown language or kind, another site's host.
    base = f"/vi/editor/translations/cooperation.article/{customs.pk}"
    assert client.get(f"{base}/zh-hans/", **VN).status_code == 404
    assert client.get(f"{base}/ko/", **VN).status_code == 404
    assert client.get("/vi/editor/translations/auth.user/1/vi/", **VN).status_code == 404
    assert client.get(f"{base}/vi/", HTTP_HOST="cn-id.localhost").status_code in (302, 403, 404)
    # A translator without the right to change articles reads, but cannot save.
    with in_site(site_vn):
        client.force_login(translator)
        can_change = translator.has_perm("cooperation.change_article")
    if not can_change:
        assert (
            client.post(url, {"field": "title", "text": "x", "shown": EMPTY}, **VN).status_code
            == 403
        )
    with in_site(site_vn):
        customs.refresh_from_db()
    assert customs.title_vi in (None, "", "x")


@pytest.mark.django_db
def test_an_outdated_translation_shows_what_changed_in_the_source(
    client, site_vn, in_site, customs, editor
):
    with in_site(site_vn):
        customs.title_vi = "Quy định hải quan mới"
        customs.save()
        customs.title_zh_hans = "海关新规推迟"
        customs.save()

    body = client.get(
        f"/en/editor/translations/cooperation.article/{customs.pk}/vi/", **VN
    ).content.decode()

    assert "Changed since it was translated:" in body
    assert re.search(r"<ins>[^<]*推迟[^<]*</ins>", body)


# Files ---------------------------------------------------------------------


def fill_xliff(data: bytes, texts: dict[str, str]) -> bytes:
    """What a CAT tool does: write targets and mark the segments translated."""
    text = data.decode()
    for unit_id, target in texts.items():
        text = re.sub(
            rf'(<unit id="{re.escape(unit_id)}">.*?<segment) state="initial">(\s*<source>.*?</source>)(\s*<target>.*?</target>)?',
            lambda m, target=target: f'{m[1]} state="translated">{m[2]}<target>{target}</target>',
            text,
            flags=re.S,
        )
    return text.encode()


@pytest.mark.django_db
def test_xliff_of_one_item_goes_out_and_comes_back(site_vn, in_site, customs):
    context = f"cooperation.article:{customs.pk}"
    with in_site(site_vn):
        data = export_xliff(site_vn, "vi", items=[(Article, customs.pk)])
        document = xliff.read(data)
        assert (document.source_language, document.target_language) == ("zh-Hans", "vi")
        assert [unit.id for unit in document.units] == [
            f"{context}:body",
            f"{context}:summary",
            f"{context}:title",
        ]
        assert b'version="2.1"' in data and b"urn:oasis:names:tc:xliff:document:2.0" in data

        filled = fill_xliff(data, {
            f"{context}:title": "Quy định hải quan mới",
            f"{context}:summary": "Có hiệu lực từ năm sau.",
            f"{context}:body": "&lt;p&gt;Có hiệu lực &lt;strong&gt;từ năm sau&lt;/strong&gt;.&lt;/p&gt;",
        })  # fmt: skip
        report = import_catalog(site_vn, "vi", filled)
        customs.refresh_from_db()

    assert report.errors == [] and len(report.applied) == 3
    assert customs.body_vi == "<p>Có hiệu lực <strong>từ năm sau</strong>.</p>"


@pytest.mark.django_db
def test_an_xliff_import_is_all_or_nothing_with_the_reasons(site_vn, in_site, customs):
    context = f"cooperation.article:{customs.pk}"
    with in_site(site_vn):
        data = export_xliff(site_vn, "vi", items=[(Article, customs.pk)])
        customs.summary_zh_hans = "新规后年生效。"  # the source moves after the export
        customs.save()
        filled = fill_xliff(data, {
            f"{context}:title": "Quy định hải quan mới",
            f"{context}:summary": "Có hiệu lực từ năm sau.",
            f"{context}:body": "&lt;p&gt;Mất định dạng&lt;/p&gt;",  # <strong> lost
        })  # fmt: skip
        filled = filled.replace(b"</file>", b'<unit id="cooperation.article:999999:title">'
                                b'<segment state="final"><source>x</source><target>y</target>'
                                b"</segment></unit></file>")  # fmt: skip
        report = import_catalog(site_vn, "vi", filled)
        customs.refresh_from_db()

    reasons = dict(report.errors)
    assert "source text changed" in reasons[f"{context}:summary"]
    assert "formatting of the source was not kept" in reasons[f"{context}:body"]
    assert "no longer exists" in reasons["cooperation.article:999999:title"]
    assert not customs.title_vi  # the good entry waited for the others


@pytest.mark.django_db
def test_an_xliff_import_refuses_a_translation_changed_since_export(site_vn, in_site, customs):
    context = f"cooperation.article:{customs.pk}"
    with in_site(site_vn):
        data = export_xliff(site_vn, "vi", items=[(Article, customs.pk)])
        customs.title_vi = "Đã dịch trên trang"
        customs.save()
        report = import_catalog(site_vn, "vi", fill_xliff(data, {f"{context}:title": "Từ tệp"}))
        customs.refresh_from_db()

    assert dict(report.errors)[f"{context}:title"] == (
        "the translation was changed on the site since export"
    )
    assert customs.title_vi == "Đã dịch trên trang"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', "document type"),
        (b"<xliff", "Not a readable XML file"),
        (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>', "Not an XLIFF 2"),
        (
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="3.0" srcLang="zh" '
            b'trgLang="vi"/>',
            "version 3.0",
        ),
        (
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh"/>',
            "no target language",
        ),
        (
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh" '
            b'trgLang="vi"><file id="f"><unit id="a"><segment><source>x</source></segment></unit>'
            b'<unit id="a"><segment><source>y</source></segment></unit></file></xliff>',
            "twice",
        ),
        (
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh" '
            b'trgLang="vi"><file id="f"><unit id="a"><segment><source>x<ph id="1"/></source>'
            b"</segment></unit></file></xliff>",
            "names original data the unit does not hold",
        ),
        (
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh" '
            b'trgLang="id"><file id="f"/></xliff>',
            "into Indonesian, not Vietnamese",
        ),
    ],
)
@pytest.mark.django_db
def test_unreadable_or_foreign_xliff_files_are_refused_in_one_line(site_vn, in_site, data, message):
    with in_site(site_vn), pytest.raises(CatalogError, match=message):
        import_catalog(site_vn, "vi", data)


@pytest.mark.django_db
def test_xliff_from_tools_with_groups_and_split_segments_is_read(site_vn, in_site, customs):
    context = f"cooperation.article:{customs.pk}:title"
    data = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-Hans" '
        'trgLang="vi"><file id="f1"><group id="g"><unit id="' + context + '">'
        '<segment state="reviewed"><source>海关</source><target>Quy định</target></segment>'
        "<ignorable><source> </source></ignorable>"
        '<segment state="final"><source>新规</source><target>hải quan mới</target></segment>'
        "</unit></group></file></xliff>"
    ).encode()
    with in_site(site_vn):
        customs.title_zh_hans = "海关 新规"
        customs.save()
        report = import_catalog(site_vn, "vi", data)
        customs.refresh_from_db()
    assert report.errors == []
    assert customs.title_vi == "Quy định hải quan mới"


@pytest.mark.django_db
def test_download_per_item_batch_or_outdated_and_upload_in_the_browser(
    client, site_vn, in_site, customs, editor
):
    with in_site(site_vn):
        other = make_article(slug="other-2031", texts={"zh-hans": "展会"})
    item = f"cooperation.article:{customs.pk}"
    one = client.get(
        f"/vi/editor/translations/download/?language=vi&format=xliff&item={item}", **VN
    )
    assert one.status_code == 200 and one["Content-Type"].startswith("application/xliff+xml")
    assert 'filename="cn-vn-vi-todo.xlf"' in one["Content-Disposition"]
    assert xliff.read(one.content).units[0].id.startswith(item)

    batch = client.get(
        f"/vi/editor/translations/download/?language=vi&format=po&item={item}"
        f"&item=cooperation.article:{other.pk}", **VN,
    )  # fmt: skip
    assert batch.status_code == 200 and f"{item}:title".encode() in batch.content
    assert f"cooperation.article:{other.pk}:title".encode() in batch.content
    outdated = client.get(
        "/vi/editor/translations/download/?language=vi&format=po&only=outdated", **VN
    )
    assert f"{item}:title".encode() not in outdated.content  # missing, not outdated
    for bad in ("language=ko&format=po", "language=vi&format=docx",
                "language=vi&format=po&item=auth.user:1", "language=vi&format=po&item=x\x00y"):  # fmt: skip
        # (A NUL anywhere in a query is refused before any view: 400.)
        assert client.get(f"/vi/editor/translations/download/?{bad}", **VN).status_code in (
            400,
            404,
        )

    filled = fill_xliff(one.content, {f"{item}:title": "Quy định hải quan mới"})
    upload = SimpleUploadedFile("vi.xlf", filled, content_type="application/xliff+xml")
    response = client.post("/vi/editor/translations/upload/", {"language": "vi", "file": upload},
                           follow=True, **VN)  # fmt: skip
    assert "1 bản dịch" in response.content.decode() or "Đã áp dụng 1" in response.content.decode()
    with in_site(site_vn):
        customs.refresh_from_db()
    assert customs.title_vi == "Quy định hải quan mới"

    junk = SimpleUploadedFile("vi.xlf", b"<?xml version='1.0'?><!DOCTYPE a><a/>")
    refused = client.post("/vi/editor/translations/upload/", {"language": "vi", "file": junk},
                          follow=True, **VN)  # fmt: skip
    assert refused.status_code == 200
    assert "tệp XLIFF không có kiểu tài liệu" in refused.content.decode()


# Readers asking ------------------------------------------------------------


@pytest.mark.django_db
def test_a_reader_asks_once_is_counted_once_and_sees_it_requested(
    client, site_vn, in_site, customs
):
    # Published before translators had tasks (or its task was dropped):
    # readers are offered the button.
    with in_site(site_vn):
        TranslationTask.objects.filter(object_id=customs.pk).delete()
    page = client.get("/vi/news/customs-2031/", **VN).content.decode()
    assert "Yêu cầu dịch sang tiếng Việt" in page
    item = f"cooperation.article:{customs.pk}"

    first = client.post("/vi/translations/ask/", {"item": item, "next": "/vi/news/customs-2031/"},
                        **VN)  # fmt: skip
    again = client.post("/vi/translations/ask/", {"item": item}, follow=True, **VN)
    from django.test import Client

    # Another reader: another browser, another address.
    reader = Client(REMOTE_ADDR="127.0.0.9")  # (the development key serves loopback only)
    reader.get("/vi/news/customs-2031/", **VN)  # readers ask from the page
    other = reader.post("/vi/translations/ask/", {"item": item}, **VN)

    assert first.status_code == 302 and first["Location"] == "/vi/news/customs-2031/"
    assert "Bạn đã yêu cầu rồi" in again.content.decode()
    assert other.status_code == 302
    with in_site(site_vn):
        task = open_tasks_of(customs)["vi"]
    assert (task.reason, task.requests) == ("readers", 2)  # two readers, counted once each
    page = client.get("/vi/news/customs-2031/", **VN).content.decode()
    assert "Đã có yêu cầu dịch sang tiếng Việt." in page


@pytest.mark.django_db
def test_readers_asking_are_refused_clearly(
    client, site_vn, in_site, customs, settings, one_rate_window
):
    item = f"cooperation.article:{customs.pk}"
    with in_site(site_vn):
        draft = make_article(slug="secret-2031", texts={"zh-hans": "内部"}, status="draft")
    for data in ({"item": f"cooperation.article:{draft.pk}"}, {"item": "auth.user:1"},
                 {"item": "cooperation.article:x\x00"}, {"item": ""}, {}):  # fmt: skip
        assert client.post("/vi/translations/ask/", data, **VN).status_code == 404
    # Asking for the language it is written in, or one the site does not have.
    assert client.post("/zh-hans/translations/ask/", {"item": item}, **VN).status_code == 404
    # Somewhere else to go back to is not followed.
    away = client.post(
        "/en/translations/ask/", {"item": item, "next": "https://evil.example/"}, **VN
    )
    assert away["Location"] == "/en/news/customs-2031/"
    # Many asks from one address are rate limited.
    settings.PUBLIC_FORM_LIMIT = 2
    statuses = [client.post("/vi/translations/ask/", {"item": item}, **VN).status_code
                for _ in range(4)]  # fmt: skip
    assert statuses[-1] == 429


@pytest.mark.django_db
def test_a_translated_page_offers_no_button_and_asking_says_so(client, site_vn, in_site, customs):
    with in_site(site_vn):
        customs.title_vi, customs.summary_vi, customs.body_vi = (
            "Tiêu đề",
            "Tóm tắt",
            "<p>Nội dung</p>",
        )
        customs.save()
    page = client.get("/vi/news/customs-2031/", **VN).content.decode()
    assert "Yêu cầu dịch" not in page
    response = client.post("/vi/translations/ask/", {"item": f"cooperation.article:{customs.pk}"},
                           follow=True, **VN)  # fmt: skip
    assert "Trang này đã được dịch." in response.content.decode()
    with in_site(site_vn):
        assert tasks.is_requested(customs, "vi") is False


# The status page -----------------------------------------------------------


@pytest.mark.django_db
def test_the_status_page_names_fields_in_the_readers_language_and_nothing_is_not_100(
    client, site_vn, in_site, customs, translator
):
    page = client.get("/vi/editor/translations/", **VN)
    body = page.content.decode()

    assert "tiêu đề: còn thiếu" in body  # the field's verbose name, in Vietnamese
    assert "title:" not in body and "summary:" not in body
    languages = [lang for row in page.context["rows"] for lang in row["languages"]]
    empty = [lang for lang in languages if not any(lang["counts"].values())]
    assert all(lang["percent"] is None for lang in empty)
    if empty:
        assert "Không có gì cần dịch" in body
    assert all(lang["percent"] is not None for lang in languages if any(lang["counts"].values()))
    # Percentages as Vietnamese writes them (Babel's CLDR pattern: "92%", no space).
    for lang in languages:
        if lang["percent"] is not None:
            shown = format_percent(lang["percent"] / 100, locale="vi")
            assert f"</progress> {shown}</td>" in body


@pytest.mark.django_db
def test_odd_ids_and_values_get_a_clear_4xx(client, site_vn, in_site, customs, editor):
    huge = "9" * 40
    for path in (
        f"/vi/editor/translations/cooperation.article/{huge}/vi/",
        f"/vi/editor/translations/download/?language=vi&format=po&item=cooperation.article:{huge}",
        "/vi/editor/translations/download/?language=vi&format=po&item=cooperation.article:١٢",
        "/vi/editor/translations/tasks/?language=v%00i",
    ):
        assert client.get(path, **VN).status_code in (200, 400, 404), path
    for item in (f"cooperation.article:{huge}", "cooperation.article:١٢", "x" * 5000):
        assert client.post("/vi/translations/ask/", {"item": item}, **VN).status_code == 404
    upload = SimpleUploadedFile("vi.po", b"\x00\xff" * 100)
    response = client.post(
        "/vi/editor/translations/upload/", {"language": "vi", "file": upload}, follow=True, **VN
    )
    assert response.status_code == 200 and "PO" in response.content.decode()


@pytest.mark.django_db
def test_xliff_of_a_whole_site_is_one_file_per_source_language(
    client, site_vn, in_site, customs, editor, tmp_path
):
    import zipfile

    from django.core.management import call_command
    from django.core.management.base import CommandError

    # Articles are written in Chinese; this listing in Vietnamese.
    with in_site(site_vn):
        from cooperation.models import Opportunity

        Opportunity.objects.create(
            kind="supply", title_vi="Cà phê Robusta", description_vi="Hàng mới", sector="A",
            country="VN", valid_until="2031-12-31", company="Cà phê Tây Nguyên",
            contact_name="Lan", contact_email="lan@example.com", language="vi", status="approved",
        )  # fmt: skip
    target = tmp_path / "en.zip"
    call_command("export_translations", "--site", "cn-vn", "--language", "en", "--format", "xliff",
                 "-o", str(target))  # fmt: skip
    with zipfile.ZipFile(target) as archive:
        files = {name: xliff.read(archive.read(name)) for name in archive.namelist()}
    assert {"cn-vn-zh-hans-en.xlf", "cn-vn-vi-en.xlf"} <= set(files)
    assert files["cn-vn-vi-en.xlf"].source_language == "vi"
    assert f"cooperation.article:{customs.pk}:title" in [
        unit.id for unit in files["cn-vn-zh-hans-en.xlf"].units
    ]
    with pytest.raises(CommandError, match=r"give --output FILE\.zip"):
        call_command("export_translations", "--site", "cn-vn", "--language", "en",
                     "--format", "xliff")  # fmt: skip

    page = client.get("/vi/editor/translations/download/?language=en&format=xliff", **VN)
    assert page.status_code == 200 and page["Content-Type"] == "application/zip"
    assert 'filename="cn-vn-en-todo.zip"' in page["Content-Disposition"]

    outdated = tmp_path / "vi-outdated.po"
    call_command("export_translations", "--site", "cn-vn", "--language", "vi", "--only-outdated",
                 "-o", str(outdated))  # fmt: skip
    assert f"cooperation.article:{customs.pk}:title" not in outdated.read_text()


@pytest.mark.django_db
def test_downloaded_files_carry_real_headers_not_babels_placeholders(site_vn, in_site, customs):
    """A translator's PO and XLIFF say which site, language and day they come
    from and who made them; nothing reads ORGANIZATION or EMAIL@ADDRESS."""
    import datetime

    import time_machine
    from babel.messages.pofile import read_po

    from languages.formatting import language_name
    from tenants.naming import name_in
    from translations.services.translation_exchange import export_catalog

    site_vn.contact_email = "desk@cn-vn.example.org"
    site_vn.save(update_fields=["contact_email"])
    moment = datetime.datetime(2031, 3, 4, 5, 6, tzinfo=datetime.UTC)
    with in_site(site_vn), time_machine.travel(moment, tick=False):
        po = export_catalog(site_vn, "vi", items=[(Article, customs.pk)])
        xlf = export_xliff(site_vn, "vi", items=[(Article, customs.pk)])
    text = po.decode()
    for placeholder in ("ORGANIZATION", "EMAIL@ADDRESS", "FIRST AUTHOR", "FULL NAME",
                        "VERSION", "YEAR-MO-DA", "LL@li.org"):  # fmt: skip
        assert placeholder not in text, placeholder
    catalog = read_po(io.BytesIO(po))
    headers = dict(catalog.mime_headers)
    name = name_in(site_vn, "vi")
    assert name in headers["Project-Id-Version"] and "cn-vn" in headers["Project-Id-Version"]
    assert headers["Report-Msgid-Bugs-To"] == "desk@cn-vn.example.org"
    assert headers["POT-Creation-Date"] == headers["PO-Revision-Date"] == "2031-03-04 05:06+0000"
    assert headers["Language"] == "vi"
    assert language_name("vi", "en") in headers["Language-Team"]
    assert '\n"Generated-By: trade-portal ' in text  # Babel's reader rewrites this one
    assert f"{name} (cn-vn)" in text.split("msgid")[0]  # the header comment
    assert "2031-03-04" in text.split("msgid")[0]
    assert len(catalog) == 3  # the entries are all there

    # XLIFF names the same in file-level notes, and reads back as before.
    notes = dict(re.findall(r'<note category="([^"]+)">([^<]*)</note>', xlf.decode()))
    assert name in notes["site"] and notes["contact"] == "desk@cn-vn.example.org"
    assert notes["exported"] == "2031-03-04T05:06:00+00:00"
    assert notes["generator"].startswith("trade-portal ")
    assert len(xliff.read(xlf).units) == 3

    # A name typed with a line break or a control character cannot break the files.
    from languages.columns import set_text

    set_text(site_vn, "name", "vi", 'Việt\n#. fake\nmsgid "x"\x01 "Trung"')
    site_vn.save()
    with in_site(site_vn):
        odd_po = export_catalog(site_vn, "vi", items=[(Article, customs.pk)])
        odd_xlf = export_xliff(site_vn, "vi", items=[(Article, customs.pk)])
    assert len(read_po(io.BytesIO(odd_po))) == 3 and "\n#. fake" not in odd_po.decode()
    assert len(xliff.read(odd_xlf).units) == 3

    # A site without a contact says none, rather than a placeholder.
    site_vn.contact_email = ""
    site_vn.save(update_fields=["contact_email"])
    with in_site(site_vn):
        bare = read_po(io.BytesIO(export_catalog(site_vn, "vi", items=[(Article, customs.pk)])))
    assert dict(bare.mime_headers)["Report-Msgid-Bugs-To"] == ""


# Files sent back: what the translator is told -------------------------------


def _upload(client, name: str, data: bytes) -> str:
    upload = SimpleUploadedFile(name, data)
    response = client.post(
        "/vi/editor/translations/upload/", {"language": "vi", "file": upload}, follow=True, **VN
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_file_sent_back_says_why_entries_were_left_and_takes_an_identical_copy_again(
    client, site_vn, in_site, customs, editor
):
    """A Hindi walk read "0 applied, 3 left as they were" with no reason for
    targets still marked initial, "0 applied, 0 left" for a broken PO file,
    Python's English errors for a JPEG, and the same file sent twice refused
    as "changed on the site since export"."""
    item = f"cooperation.article:{customs.pk}"
    exported = client.get(
        f"/vi/editor/translations/download/?language=vi&format=xliff&item={item}", **VN
    ).content
    unconfirmed = re.sub(
        r'state="translated"',
        'state="initial"',
        fill_xliff(exported, {f"{item}:title": "Mới"}).decode(),
    ).encode()
    page = _upload(client, "vi.xlf", unconfirmed)
    assert "vẫn ở trạng thái ban đầu (chưa xác nhận)" in page

    done = fill_xliff(exported, {f"{item}:title": "Quy định hải quan mới"})
    _upload(client, "vi.xlf", done)
    again = _upload(client, "vi.xlf", done)
    with in_site(site_vn):
        customs.refresh_from_db()
    assert customs.title_vi == "Quy định hải quan mới"
    assert "Chưa áp dụng gì" not in again  # not "nothing was applied": it is there already

    broken = _upload(client, "vi.po", b'msgid "a"\nmsgstr "unterminated\n')
    assert "Đã áp dụng 0 bản dịch" not in broken
    for data in (b"\xff\xd8\xff\xe0 JFIF", b"\x00\x01binary"):
        page = _upload(client, "vi.po", data)
        assert "codec" not in page and "keyword" not in page and "misformatted" not in page


@pytest.mark.django_db
def test_a_file_in_another_language_is_refused_naming_both_languages(
    client, site_vn, in_site, customs, editor
):
    """ "该文件是译成zh-Hans的翻译，而不是en。" named codes: the refusal names
    the languages in the reader's own, an unknown code as it is written."""
    with in_site(site_vn):
        into_vi = export_xliff(site_vn, "vi", items=[(Article, customs.pk)])
    upload = SimpleUploadedFile("vi.xlf", into_vi, content_type="application/xliff+xml")
    refused = client.post(
        "/zh-hans/editor/translations/upload/", {"language": "en", "file": upload}, follow=True,
        **VN,
    )  # fmt: skip
    assert "该文件是译成越南语的翻译，而不是英语。" in refused.content.decode()

    odd = into_vi.replace(b'trgLang="vi"', b'trgLang="tlh-Latn"')
    with in_site(site_vn), pytest.raises(CatalogError, match="tlh-Latn"):
        import_catalog(site_vn, "vi", odd)
