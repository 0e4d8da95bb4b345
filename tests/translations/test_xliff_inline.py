"""Rich text goes out in XLIFF 2.1 as words with protected inline codes
(``<pc>``/``<ph>`` naming the unit's ``<originalData>``), not as escaped
HTML a translation tool shows as raw tags, and comes back as the same HTML:
tags kept, words changed. A code that names no data, or data changed, is
refused; the PO route is unchanged."""

import re

import pytest

from cooperation.models import Article
from tests.translations.test_translating import customs, fill_xliff  # noqa: F401 (a fixture)
from translations.services import xliff
from translations.services.translation_exchange import (
    CatalogError,
    export_catalog,
    export_xliff,
    import_catalog,
)

BODY = (
    '<p>新规<strong>明年</strong>生效 &amp; 适用。<br><a href="https://www.customs.gov.cn/" '
    'rel="noopener noreferrer nofollow">海关总署</a> 2 &gt; 1</p>'
)


def _article(site_vn, in_site, customs):  # noqa: F811
    with in_site(site_vn):
        customs.body_zh_hans = BODY
        customs.save()
        customs.refresh_from_db()
    return customs


def _body_source(data: bytes, pk: int) -> str:
    unit = re.search(rf'<unit id="cooperation.article:{pk}:body">.*?</unit>', data.decode(), re.S)
    return re.search(r"<source>(.*?)</source>", unit[0], re.S)[1]


@pytest.mark.django_db
def test_rich_text_goes_out_as_words_with_protected_codes(site_vn, in_site, customs):  # noqa: F811
    article = _article(site_vn, in_site, customs)
    with in_site(site_vn):
        data = export_xliff(site_vn, "vi", items=[(Article, article.pk)])
    source = _body_source(data, article.pk)

    assert "&lt;" not in source  # no raw tag for the translator to see
    assert "新规" in source and "生效 &amp; 适用。" in source
    assert source.count("<pc ") == 3 and source.count("<ph ") == 1  # p, strong, a; br
    assert 'canDelete="no"' in source
    assert "<originalData>" in data.decode()
    assert '<data id="d1">&lt;strong&gt;</data>' in data.decode()
    # Read back, the source is the stored HTML to the byte (the import compares them).
    body = next(u for u in xliff.read(data).units if u.id.endswith(":body"))
    assert body.source == article.body_zh_hans


@pytest.mark.django_db
def test_a_translation_of_the_words_only_comes_back_with_the_tags(site_vn, in_site, customs):  # noqa: F811
    article = _article(site_vn, in_site, customs)
    context = f"cooperation.article:{article.pk}"
    with in_site(site_vn):
        data = export_xliff(site_vn, "vi", items=[(Article, article.pk)])
        source = _body_source(data, article.pk)
        # What a CAT tool does: the codes copied as they are, the words translated.
        target = (
            source.replace("新规", "Quy định mới ")
            .replace("明年", "từ năm sau")
            .replace("生效 &amp; 适用。", " có hiệu lực &amp; áp dụng.")
            .replace("海关总署", "Tổng cục Hải quan")
        )
        filled = fill_xliff(data, {
            f"{context}:title": "Quy định hải quan mới",
            f"{context}:summary": "Có hiệu lực từ năm sau.",
            f"{context}:body": target,
        })  # fmt: skip
        report = import_catalog(site_vn, "vi", filled)
        article.refresh_from_db()

    assert report.errors == [], report.errors
    assert article.body_vi == (
        "<p>Quy định mới <strong>từ năm sau</strong> có hiệu lực &amp; áp dụng.<br>"
        '<a href="https://www.customs.gov.cn/" rel="noopener noreferrer nofollow">'
        "Tổng cục Hải quan</a> 2 &gt; 1</p>"
    )


def _import_body(site_vn, in_site, article, change) -> object:
    context = f"cooperation.article:{article.pk}"
    with in_site(site_vn):
        data = export_xliff(site_vn, "vi", items=[(Article, article.pk)])
        source = _body_source(data, article.pk)
        filled = fill_xliff(data, {f"{context}:body": change(source)}).decode()
        if callable(getattr(change, "document", None)):
            filled = change.document(filled)
        report = import_catalog(site_vn, "vi", filled.encode())
        article.refresh_from_db()
    return report


@pytest.mark.django_db
def test_a_code_naming_no_data_is_refused(site_vn, in_site, customs):  # noqa: F811
    article = _article(site_vn, in_site, customs)

    with pytest.raises(CatalogError, match="names original data the unit does not hold"):
        _import_body(site_vn, in_site, article, lambda s: s + '<ph id="99" dataRef="d99"/>')
    assert not article.body_vi


@pytest.mark.django_db
def test_a_tag_dropped_or_a_script_added_in_the_target_is_refused(site_vn, in_site, customs):  # noqa: F811
    article = _article(site_vn, in_site, customs)

    def without_break(source: str) -> str:
        return re.sub(r"<ph [^>]*/>", "", source, count=1)

    dropped = _import_body(site_vn, in_site, article, without_break)

    def scripted(source: str) -> str:
        return source + '<ph id="98" dataRef="evil"/>'

    scripted.document = lambda text: text.replace(
        "</originalData>",
        '<data id="evil">&lt;script&gt;alert(1)&lt;/script&gt;</data></originalData>',
        1,
    )
    added = _import_body(site_vn, in_site, article, scripted)

    assert (
        "formatting of the source was not kept"
        in dict(dropped.errors)[f"cooperation.article:{article.pk}:body"]
    )
    assert (
        "formatting of the source was not kept"
        in dict(added.errors)[f"cooperation.article:{article.pk}:body"]
    )
    assert not article.body_vi


@pytest.mark.django_db
def test_changed_original_data_reads_as_a_changed_source(site_vn, in_site, customs):  # noqa: F811
    article = _article(site_vn, in_site, customs)

    def same(source: str) -> str:
        return source

    same.document = lambda text: text.replace(
        "https://www.customs.gov.cn/", "https://evil.example/", 1
    )
    report = _import_body(site_vn, in_site, article, same)

    assert "source text changed" in dict(report.errors)[f"cooperation.article:{article.pk}:body"]
    assert not article.body_vi


@pytest.mark.django_db
def test_the_po_route_still_carries_html_as_text(site_vn, in_site, customs):  # noqa: F811
    article = _article(site_vn, in_site, customs)
    with in_site(site_vn):
        po = export_catalog(site_vn, "vi", items=[(Article, article.pk)]).decode()

    assert "<strong>明年</strong>" in po


def test_html_that_does_not_nest_goes_as_escaped_text():
    data = xliff.write(
        entries=[xliff.Unit(id="u", source="<p>a <b>b</p></b>", target="")],
        source_language="zh-hans",
        target_language="vi",
        original="x",
    )

    assert b"&lt;p&gt;a &lt;b&gt;b&lt;/p&gt;&lt;/b&gt;" in data
    assert xliff.read(data).units[0].source == "<p>a <b>b</p></b>"
