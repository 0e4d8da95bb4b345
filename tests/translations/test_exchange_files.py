"""Translation files found wrong by the re-walk (issue 16): a PO file's
``Language`` header, upload results named by internal ids, and a download
for an item that does not exist."""

import io

import pytest
from babel.messages.pofile import read_po, write_po
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cooperation.models import Article
from languages.registry import file_language
from tests.factories.articles import make_article
from translations.services.translation_exchange import (
    CatalogError,
    export_catalog,
    import_catalog,
    readable_names,
)

VN = {"HTTP_HOST": "cn-vn.localhost"}


@pytest.fixture
def customs(site_vn, in_site) -> Article:
    """A published article written in Chinese only."""
    with in_site(site_vn):
        article = make_article(slug="customs-2031", texts={"zh-hans": "海关新规"})
        article.body_zh_hans = "<p>新规明年生效。</p>"
        article.save()
    return article


def filled_po(data: bytes, texts: dict[str, str], *, header: str | None = "keep") -> bytes:
    """``data`` (an exported PO file) with ``texts`` (by msgctxt) filled in
    and its Language header kept, replaced or (None) taken out."""
    catalog = read_po(io.BytesIO(data))
    for message in catalog:
        if message.context in texts:
            message.string = texts[message.context]
            message.flags.discard("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, include_lineno=False)
    text = buffer.getvalue().decode()
    language_line = next(line for line in text.splitlines() if line.startswith('"Language: '))
    if header is None:
        text = text.replace(language_line + "\n", "")
    elif header != "keep":
        text = text.replace(language_line, f'"Language: {header}\\n"')
    return text.encode()


def upload(client, reader: str, language: str, name: str, data: bytes) -> str:
    response = client.post(
        f"/{reader}/editor/translations/upload/",
        {"language": language, "file": SimpleUploadedFile(name, data)},
        follow=True,
        **VN,
    )
    assert response.status_code == 200
    return response.content.decode()


# 1. A PO file's Language header ----------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("zh_Hans", "zh-hans"),
        ("zh-Hans", "zh-hans"),
        ("zh-hans", "zh-hans"),
        ("zh_Hans_CN", "zh-hans"),
        ("zh_CN", "zh-hans"),
        ("zh_TW", "zh-hant"),
        ("zh_Hant_TW", "zh-hant"),
        ("pt_BR", "pt"),
        ("pt-PT", "pt"),
        ("VI", "vi"),
        ("vi_VN", "vi"),
        ("en_US", "en"),
        ("sr_Latn", "sr-latn"),  # not a language of the portal: as written, normalised
        ("tlh-Latn", "tlh-latn"),
    ],
)
def test_a_files_language_code_is_read_as_the_registry_knows_it(written, code):
    assert file_language(written) == code


@pytest.mark.django_db
def test_a_po_file_into_another_language_is_refused_naming_both(
    client, site_vn, in_site, customs, editor
):
    """A Vietnamese export whose header says ``Language: en`` went into
    Vietnamese without a word, while XLIFF was refused."""
    item = f"cooperation.article:{customs.pk}"
    with in_site(site_vn):
        exported = export_catalog(site_vn, "vi", items=[(Article, customs.pk)])
    english = filled_po(exported, {f"{item}:title": "New customs rules"}, header="en")
    page = upload(client, "zh-hans", "vi", "vi.po", english)
    assert "该文件是译成英语的翻译，而不是越南语。" in page
    with in_site(site_vn):
        customs.refresh_from_db()
    assert not customs.title_vi

    odd = filled_po(exported, {f"{item}:title": "x"}, header="tlh-Latn")
    with in_site(site_vn), pytest.raises(CatalogError, match="tlh-Latn"):
        import_catalog(site_vn, "vi", odd)
    brazil = filled_po(exported, {f"{item}:title": "x"}, header="pt_BR")
    with (
        in_site(site_vn),
        translation.override("en"),
        pytest.raises(CatalogError, match="Portuguese, not Vietnamese"),
    ):
        import_catalog(site_vn, "vi", brazil)


@pytest.mark.parametrize("header", ["vi_VN", "VI", None, ""])
@pytest.mark.django_db
def test_a_po_file_with_the_language_written_otherwise_or_not_at_all_is_taken(
    site_vn, in_site, customs, header
):
    item = f"cooperation.article:{customs.pk}"
    with in_site(site_vn):
        exported = export_catalog(site_vn, "vi", items=[(Article, customs.pk)])
        data = filled_po(exported, {f"{item}:title": "Quy định hải quan mới"}, header=header)
        report = import_catalog(site_vn, "vi", data)
        customs.refresh_from_db()
    assert report.errors == [] and customs.title_vi == "Quy định hải quan mới"


# 2. Upload results name the item and the field --------------------------------


@pytest.mark.django_db
def test_upload_results_name_the_item_by_its_title_and_the_field_by_its_label(
    client, site_vn, in_site, customs, editor
):
    item = f"cooperation.article:{customs.pk}"
    with in_site(site_vn):
        exported = export_catalog(site_vn, "vi", items=[(Article, customs.pk)])
        customs.title_vi = "Quy định hải quan"
        customs.body_vi = "<p>Đã dịch trên trang.</p>"
        customs.save()
    data = filled_po(exported, {f"{item}:body": "<p>Từ tệp.</p>", f"{item}:summary": ""})
    page = upload(client, "vi", "vi", "vi.po", data)
    assert "Quy định hải quan › Nội dung: bản dịch trên trang đã bị thay đổi" in page
    assert item not in page

    # An English reader: the title falls back to the source, as elsewhere.
    page = upload(client, "en", "vi", "vi.po", data)
    assert "海关新规 › Body: the translation was changed on the site since export" in page


@pytest.mark.django_db
def test_upload_results_keep_the_id_of_what_the_site_does_not_know_and_escape_titles(
    client, site_vn, in_site, customs, editor
):
    item = f"cooperation.article:{customs.pk}"
    with in_site(site_vn):
        customs.title_zh_hans = "<b>海关</b>"
        customs.save()
        exported = export_catalog(site_vn, "vi", items=[(Article, customs.pk)])
        customs.body_vi = "<p>Đã dịch.</p>"
        customs.save()
    data = filled_po(exported, {f"{item}:body": "<p>Từ tệp.</p>"}).replace(
        f"{item}:title".encode(), b"cooperation.article:999999:title"
    )
    page = upload(client, "vi", "vi", "vi.po", data)
    assert "cooperation.article:999999:title" in page  # nothing else to name it by
    assert "&lt;b&gt;海关&lt;/b&gt; › Nội dung" in page and "<b>海关</b>" not in page


@pytest.mark.django_db
def test_naming_the_results_costs_one_query_per_kind_of_content(site_vn, in_site):
    def named(count: int) -> int:
        with in_site(site_vn), translation.override("vi"):
            articles = [
                make_article(slug=f"n-{count}-{i}", texts={"zh-hans": f"文章{i}"})
                for i in range(count)
            ]
            exported = export_catalog(site_vn, "vi", items=[(Article, a.pk) for a in articles])
            for a in articles:
                a.title_vi = "Đã dịch"
                a.save()
            texts = {f"cooperation.article:{a.pk}:title": "Từ tệp" for a in articles}
            report = import_catalog(site_vn, "vi", filled_po(exported, texts))
            with CaptureQueriesContext(connection) as queries:
                names = readable_names(site_vn, report)
        assert sorted(names.values()) == ["Đã dịch › Tiêu đề"] * count
        return len(queries)

    assert named(2) == named(6) == 1


# 3. A download for an item that does not exist ----------------------------------


@pytest.mark.django_db
def test_a_download_for_an_item_that_does_not_exist_is_a_404(
    client, site_vn, in_site, customs, editor
):
    base = "/vi/editor/translations/download/?language=vi&format="
    for kind in ("po", "xliff"):
        missing = client.get(f"{base}{kind}&item=cooperation.article:99999", **VN)
        assert missing.status_code == 404
        mixed = client.get(
            f"{base}{kind}&item=cooperation.article:{customs.pk}&item=cooperation.article:99999",
            **VN,
        )
        assert mixed.status_code == 404
    assert client.get(f"{base}po&item=cooperation.article:{customs.pk}", **VN).status_code == 200

    # An empty batch of a real "everything outdated" download stays a file.
    outdated = client.get(f"{base}po&only=outdated", **VN)
    assert outdated.status_code == 200 and b"msgid" in outdated.content
