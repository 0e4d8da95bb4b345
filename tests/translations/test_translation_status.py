from io import StringIO

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Q

from cooperation.models import Article
from tests.factories.accounts import make_staff
from tests.factories.articles import make_article
from translations.models import TranslationSource
from translations.services.translation_exchange import CatalogError, export_catalog, import_catalog
from translations.services.translation_status import (
    CURRENT,
    MISSING,
    OUTDATED,
    record_new_translations,
    site_status,
)


def translate(po: bytes, texts: dict[str, str]) -> bytes:
    """What a translator does: fill in the entries named by context and confirm them."""
    import io

    from babel.messages.pofile import write_po

    catalog = read_po(io.BytesIO(po))
    for message in catalog:
        if message.context in texts:
            message.string = texts[message.context]
            message.flags.discard("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0)
    return buffer.getvalue()


def article_status(site, language):
    return next(s for s in site_status(site, [language]) if s.model is Article)


@pytest.fixture
def vi_before(site_vn, in_site):
    """The Vietnamese status of China–Vietnam's articles as the demo left them
    (some demo articles wait for a translation, the others are current)."""
    with in_site(site_vn):
        return article_status(site_vn, "vi")


@pytest.fixture
def vn_articles(site_vn, in_site, vi_before):
    """On China–Vietnam (source zh-hans): one more missing in vi, one outdated."""
    with in_site(site_vn):
        missing = make_article(
            slug="missing-vi", texts={"zh-hans": "海关新规", "en": "New customs rules"}
        )
        outdated = make_article(
            slug="outdated-vi", texts={"zh-hans": "展会延期", "vi": "Hội chợ hoãn"}
        )
        outdated.title_zh_hans = "展会延期至十二月"
        outdated.save()
    return missing, outdated


@pytest.mark.django_db
def test_status_counts_current_missing_and_outdated(site_vn, vi_before, vn_articles, in_site):
    missing, outdated = vn_articles
    with in_site(site_vn):
        status = article_status(site_vn, "vi")
        # Demo articles never translated into Vietnamese: all the demo leaves to do.
        untranslated = Q(title_vi__isnull=True) | Q(title_vi="")
        demo_missing = Article.objects.filter(untranslated).exclude(pk=missing.pk).count()

    assert demo_missing > 0 and vi_before.total >= 60
    assert vi_before.counts["vi"][MISSING] == demo_missing
    assert vi_before.counts["vi"][OUTDATED] == 0
    assert status.total == vi_before.total + 2
    assert status.counts["vi"][CURRENT] == vi_before.counts["vi"][CURRENT]
    assert status.counts["vi"][MISSING] == vi_before.counts["vi"][MISSING] + 1
    assert status.counts["vi"][OUTDATED] == vi_before.counts["vi"][OUTDATED] + 1
    before = {item.instance.pk: item.state("vi") for item in vi_before.items}
    states = {item.instance.pk: item.state("vi") for item in status.items}
    assert states == {**before, missing.pk: MISSING, outdated.pk: OUTDATED}


@pytest.mark.django_db
def test_updating_a_translation_makes_it_current_again(site_vn, vn_articles, in_site):
    _missing, outdated = vn_articles
    with in_site(site_vn):
        outdated.title_vi = "Hội chợ hoãn đến tháng 12"
        outdated.save()
        status = article_status(site_vn, "vi")

    assert outdated.pk not in {item.instance.pk for item in status.items}


@pytest.mark.django_db
def test_export_then_import_round_trip(site_vn, vi_before, vn_articles, in_site):
    missing, outdated = vn_articles
    with in_site(site_vn):
        exported = export_catalog(site_vn, "vi")
        catalog = read_po(__import__("io").BytesIO(exported))
        entries = {m.context: m for m in catalog if m.id}
        assert entries[f"cooperation.article:{missing.pk}:title"].id == "海关新规"
        assert entries[f"cooperation.article:{outdated.pk}:title"].fuzzy
        edited = translate(
            exported,
            {
                f"cooperation.article:{missing.pk}:title": "Quy định hải quan mới",
                f"cooperation.article:{outdated.pk}:title": "Hội chợ hoãn đến tháng 12",
            },
        )

        report = import_catalog(site_vn, "vi", edited)

        assert report.errors == [] and len(report.applied) == 2
        assert Article.objects.get(slug="missing-vi").title_vi == "Quy định hải quan mới"
        assert Article.objects.get(slug="outdated-vi").title_vi == "Hội chợ hoãn đến tháng 12"
        # What the demo left untranslated is still to do; nothing else.
        still = [item.instance.pk for item in article_status(site_vn, "vi").items]
        assert still == [item.instance.pk for item in vi_before.items]


@pytest.mark.django_db
def test_import_refuses_unknown_ids_changed_sources_and_conflicts(site_vn, vn_articles, in_site):
    missing, outdated = vn_articles
    with in_site(site_vn):
        exported = export_catalog(site_vn, "vi").decode()
        # Meanwhile on the site: a source text and a translation change.
        Article.objects.filter(pk=missing.pk).update(title_zh_hans="海关新规（修订）")
        article = Article.objects.get(pk=outdated.pk)
        article.title_vi = "Hội chợ được hoãn lại"
        article.save()
        edited = exported.replace("#, fuzzy\n", "").replace('msgstr ""', 'msgstr "Bản dịch"')
        edited += (
            '\nmsgctxt "cooperation.article:999999:title"\nmsgid "不存在"\nmsgstr "Không tồn tại"\n'
        )

        report = import_catalog(site_vn, "vi", edited.encode())

        problems = dict(report.errors)
        assert problems[f"cooperation.article:{missing.pk}:title"].startswith(
            "the source text changed"
        )
        assert problems[f"cooperation.article:{outdated.pk}:title"].startswith(
            "the translation was changed"
        )
        assert problems["cooperation.article:999999:title"].startswith("unknown id")
        assert report.applied == []
        assert Article.objects.get(pk=outdated.pk).title_vi == "Hội chợ được hoãn lại"


@pytest.mark.django_db
def test_import_rejects_a_file_that_is_not_po_and_a_source_language(site_vn, in_site):
    with in_site(site_vn):
        with pytest.raises(CatalogError, match="Not a readable PO or XLIFF file"):
            import_catalog(site_vn, "vi", b'msgid "unterminated\n')
        with pytest.raises(CatalogError, match="not a translation language"):
            import_catalog(site_vn, "zh-hans", b"")


@pytest.mark.django_db
def test_translation_status_command_prints_a_table(site_vn, vi_before, vn_articles):
    out = StringIO()
    call_command("translation_status", "--site", "cn-vn", "--items", stdout=out)
    lines = out.getvalue().splitlines()

    assert lines[0] == "site cn-vn, source language zh-hans"
    assert lines[1].split() == [
        "content",
        "language",
        "items",
        "current",
        "missing",
        "outdated",
        "done",
    ]
    before = vi_before.counts["vi"]
    total, current = vi_before.total + 2, before[CURRENT]
    # Other apps' content (the bulletins' introductions) is listed too.
    articles_vi = next(line for line in lines if line.split()[:2] == ["articles", "vi"])
    assert articles_vi.split() == [
        "articles", "vi", str(total), str(current), str(before[MISSING] + 1),
        str(before[OUTDATED] + 1), f"{round(100 * current / total)}%",
    ]  # fmt: skip
    assert any(line.endswith("[vi] title outdated") for line in lines)


@pytest.mark.django_db
def test_commands_round_trip_through_a_file(site_vn, vn_articles, tmp_path):
    path = tmp_path / "vi.po"
    call_command(
        "export_translations",
        "--site",
        "cn-vn",
        "--language",
        "vi",
        "-o",
        str(path),
        stderr=StringIO(),
    )
    missing, _outdated = vn_articles
    path.write_bytes(
        translate(
            path.read_bytes(), {f"cooperation.article:{missing.pk}:title": "Quy định hải quan mới"}
        )
    )

    out = StringIO()
    call_command(
        "import_translations", "--site", "cn-vn", "--language", "vi", str(path), stdout=out
    )

    # The fuzzy article and the untranslated demo content wait.
    summary = out.getvalue().splitlines()[-1]
    assert summary.startswith("applied 1, skipped ") and summary.endswith(", errors 0")
    assert f"skipped cooperation.article:{_outdated.pk}:title: still marked fuzzy" in out.getvalue()


@pytest.mark.django_db
def test_commands_fail_closed_for_unknown_sites():
    with pytest.raises(CommandError, match="no site with code 'cn-zz'"):
        call_command("translation_status", "--site", "cn-zz")


@pytest.mark.django_db
def test_status_page_is_for_translators_and_editors_and_shows_counts(
    client, site_vn, vn_articles, in_site
):
    anonymous = client.get("/vi/editor/translations/", HTTP_HOST="cn-vn.localhost")
    with in_site(site_vn):  # the user and the session live in the site's schema
        client.force_login(make_staff())
    refused = client.get("/vi/editor/translations/", HTTP_HOST="cn-vn.localhost")
    with in_site(site_vn):
        client.force_login(make_staff("translator"))
    page = client.get("/vi/editor/translations/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert anonymous.status_code == 302 and "/vi/account/login/" in anonymous["Location"]
    assert refused.status_code == 403
    assert "Tình trạng dịch" in page
    assert "Cần xử lý bằng tiếng Việt" in page
    assert "展会延期至十二月" in page or "Hội chợ hoãn" in page
    # What a translator's tool must mark before a file's entries are applied.
    assert "đoạn còn ở trạng thái “initial” (XLIFF) được giữ nguyên" in page


@pytest.mark.django_db
def test_a_large_backlog_is_counted_in_sql_and_listed_in_part(client, site_vn, in_site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with in_site(site_vn):
        client.force_login(make_staff("editor"))

    def page_with_backlog(size: int):
        with in_site(site_vn):
            for number in range(size):
                make_article(slug=f"backlog-{size}-{number}", texts={"zh-hans": f"待译 {number}"})
        client.get("/en/editor/translations/", HTTP_HOST="cn-vn.localhost")  # warm caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/editor/translations/", HTTP_HOST="cn-vn.localhost")
        return response, len(queries)

    _small, small_queries = page_with_backlog(60)
    large, large_queries = page_with_backlog(120)

    assert large_queries == small_queries  # no query per article
    articles = next(row for row in large.context["rows"] if row["status"].model is Article)
    vietnamese = next(lang for lang in articles["languages"] if lang["code"] == "vi")
    assert vietnamese["counts"]["missing"] >= 180
    assert len(articles["status"].items) == 50
    assert "The first 50 items needing work are listed" in large.content.decode()


@pytest.mark.django_db
def test_records_written_in_bulk_equal_those_written_on_save(site_vn, in_site):
    # The demo records translations in bulk (record_new_translations); saving
    # records them one by one (record_translations, through a signal).
    with in_site(site_vn):
        article = make_article(
            slug="bulk-records", texts={"zh-hans": "展会", "vi": "Hội chợ", "en": "Fair"}
        )
        article.summary_vi = "Tóm tắt"
        article.save()
        records = TranslationSource.objects.filter(object_id=article.pk)

        def rows() -> list[tuple]:
            return sorted(
                records.values_list(
                    "content_type", "field", "language", "source_digest", "translation_digest"
                )
            )

        on_save = rows()
        records.delete()
        written = record_new_translations([article], site=site_vn)
        in_bulk = rows()
        # A record that exists is kept: an outdated translation stays outdated.
        records.filter(field="title", language="vi").update(source_digest="old")
        record_new_translations([article], site=site_vn)

        assert written == len(on_save) == 3  # title vi and en, summary vi
        assert in_bulk == on_save
        assert records.get(field="title", language="vi").source_digest == "old"
