"""A rich body translated side by side keeps what is not words.

A new translation starts from a copy of the source, its images, tables,
links and documents in place, so the translator replaces the words and
keeps the rest (as CAT tools pre-fill a segment with its source); an
existing translation starts from itself. Saving never drops an image or a
document of the source, and the untouched copy is not taken for a
translation.
"""

import html

import pytest

from tests.factories.articles import make_article
from translations.services.translation_status import digest

VN = {"HTTP_HOST": "cn-vn.localhost"}
EMPTY = digest("")
IMAGE = "/media/site_cn_vn/inline/port-2031.png"
PDF = "/media/site_cn_vn/inline/rules-2031.pdf"
SOURCE = (
    "<p>新规<strong>明年</strong>生效。</p>"
    f'<figure><img src="{IMAGE}" alt="港口"><figcaption>港口</figcaption></figure>'
    f'<p>全文见<a href="{PDF}">附件</a>。</p>'
)


@pytest.fixture
def article(site_vn, in_site):
    with in_site(site_vn):
        article = make_article(slug="port-2031", texts={"zh-hans": "港口新规"})
        article.body_zh_hans = SOURCE
        article.save()
    return article


def body_box(page) -> str:
    """What the body's editor starts from (the textarea's text)."""
    text = page.content.decode()
    start = text.index('id="id_text_body"')
    start = text.index(">", start) + 1
    return html.unescape(text[start : text.index("</textarea>", start)])


@pytest.mark.django_db
def test_a_new_translation_of_the_body_starts_from_the_source_with_its_image(
    client, article, editor
):
    page = client.get(f"/vi/editor/translations/cooperation.article/{article.pk}/vi/", **VN)

    box = body_box(page)
    assert IMAGE in box and PDF in box and "<strong>" in box
    assert 'class="help translate-field__copied"' in page.content.decode()  # and says so
    # Only the rich body: a title box starts empty.
    text = page.content.decode()
    title = text[text.index('id="id_text_title"') :]
    assert title[title.index(">") + 1 :].startswith("</textarea>")


@pytest.mark.django_db
def test_an_existing_translation_starts_from_itself(client, site_vn, in_site, article, editor):
    with in_site(site_vn):
        article.body_vi = f'<p>Quy định mới.</p><figure><img src="{IMAGE}" alt="Cảng"></figure>'
        article.save()

    box = body_box(
        client.get(f"/vi/editor/translations/cooperation.article/{article.pk}/vi/", **VN)
    )

    assert "Quy định mới." in box and "新规" not in box


@pytest.mark.django_db
def test_saving_a_body_without_the_sources_image_or_document_is_refused(
    client, site_vn, in_site, article, editor
):
    url = f"/vi/editor/translations/cooperation.article/{article.pk}/vi/"
    words_only = "<p>Quy định mới có hiệu lực từ năm sau.</p>"

    refused = client.post(url, {"field": "body", "text": words_only, "shown": EMPTY}, **VN)

    assert refused.status_code == 400
    page = refused.content.decode()
    assert 'role="alert"' in page and "Quy định mới có hiệu lực" in body_box(refused)
    with in_site(site_vn):
        article.refresh_from_db()
        assert not article.body_vi
    # The image kept but the document left out: refused too.
    with_image = f'{words_only}<figure><img src="{IMAGE}" alt="Cảng"></figure>'
    assert (
        client.post(url, {"field": "body", "text": with_image, "shown": EMPTY}, **VN).status_code
        == 400
    )

    translated = (
        "<p>Quy định mới có hiệu lực <strong>từ năm sau</strong>.</p>"
        f'<figure><img src="{IMAGE}" alt="Cảng"><figcaption>Cảng</figcaption></figure>'
        f'<p>Toàn văn trong <a href="{PDF}">tệp đính kèm</a>.</p>'
    )
    saved = client.post(url, {"field": "body", "text": translated, "shown": EMPTY}, **VN)

    assert saved.status_code == 302
    with in_site(site_vn):
        article.refresh_from_db()
    assert IMAGE in article.body_vi and PDF in article.body_vi and "Cảng" in article.body_vi
    reader = client.get("/vi/news/port-2031/", **VN)
    assert reader.status_code == 200


@pytest.mark.django_db
def test_the_untouched_copy_of_the_source_is_not_a_translation(
    client, site_vn, in_site, article, editor
):
    url = f"/vi/editor/translations/cooperation.article/{article.pk}/vi/"

    refused = client.post(url, {"field": "body", "text": SOURCE, "shown": EMPTY}, **VN)

    assert refused.status_code == 400
    with in_site(site_vn):
        article.refresh_from_db()
    assert not article.body_vi


@pytest.mark.django_db
def test_an_older_translation_gets_what_the_source_gained_at_its_end(
    client, site_vn, in_site, article, editor
):
    """Written before the source had its picture and document: the body
    starts from the translation with them added at its end, and says so."""
    older = "<p>Quy định mới có hiệu lực từ năm sau.</p>"
    with in_site(site_vn):
        article.body_vi = older
        article.save()
    url = f"/vi/editor/translations/cooperation.article/{article.pk}/vi/"

    page = client.get(url, **VN)

    box = body_box(page)
    assert box.strip().startswith(older) and IMAGE in box and PDF in box
    assert "新规" not in box  # the source's words stay in the source
    assert 'class="help translate-field__added"' in page.content.decode()
    # Saved as it starts (the picture's caption and the link's words translated).
    text = box.replace("港口", "Cảng").replace("附件", "tệp đính kèm")
    saved = client.post(url, {"field": "body", "text": text, "shown": digest(older)}, **VN)
    assert saved.status_code == 302
    with in_site(site_vn):
        article.refresh_from_db()
    assert IMAGE in article.body_vi and PDF in article.body_vi


@pytest.mark.django_db
def test_saving_a_body_without_the_sources_web_link_is_refused_and_nothing_claims_to_be_live(
    client, site_vn, in_site, editor
):
    """A link to another website is part of the source as much as a picture:
    a translation that drops it is refused, as a PO or XLIFF import is. The
    refusal keeps the text in the box and does not call it the live one."""
    from django.utils import translation

    with in_site(site_vn):
        article = make_article(slug="kita", texts={"zh-hans": "贸易协会"})
        article.body_zh_hans = '<p>详见<a href="https://www.kita.net/">韩国贸易协会</a>网站。</p>'
        article.save()
    url = f"/vi/editor/translations/cooperation.article/{article.pk}/vi/"

    refused = client.post(
        url, {"field": "body", "text": "<p>Xem trang của hiệp hội.</p>", "shown": EMPTY}, **VN
    )

    assert refused.status_code == 400
    assert "Xem trang của hiệp hội." in body_box(refused)
    with translation.override("vi"):
        live = translation.gettext("The translation on the site now:")
    assert live not in refused.content.decode()  # nothing is on the site in Vietnamese
    with in_site(site_vn):
        article.refresh_from_db()
    assert not article.body_vi

    kept = '<p>Xem trang của <a href="https://www.kita.net/">hiệp hội</a>.</p>'
    assert (
        client.post(url, {"field": "body", "text": kept, "shown": EMPTY}, **VN).status_code == 302
    )


def test_links_a_translator_cannot_see_are_not_counted():
    from translations.services.markup import media_of

    unseen = (
        '<a href="">KOTRA</a><a href="  ">KITA</a><a>KOTRA</a><a href="https://kita.net/"> </a>'
    )
    assert media_of(f"<p>{unseen}</p>") == {}
    seen = '<a href="https://kita.net/"><b>KITA</b></a><a href="/x.pdf"><img src="/a.png"></a>'
    assert media_of(seen) == {"https://kita.net/": 1, "/x.pdf": 1, "/a.png": 1}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stored_link", "translated_link"),
    [
        # Stored before links were checked: an empty one (a refused address)...
        ('<a href="">KOTRA</a>', "KOTRA"),
        # ... and a bare domain kept as an address on this site.
        ('<a href="www.kotra.or.kr">KOTRA</a>', '<a href="www.kotra.or.kr">KOTRA</a>'),
        ('<a href="www.kotra.or.kr">KOTRA</a>', '<a href="https://www.kotra.or.kr">KOTRA</a>'),
    ],
)
def test_a_source_link_stored_before_links_were_checked_never_blocks_the_translation(
    client, site_vn, in_site, editor, stored_link, translated_link
):
    from cooperation.models import Article

    with in_site(site_vn):
        article = make_article(slug="kotra", texts={"zh-hans": "韩国贸易投资振兴公社"})
        # Written to the column directly, as it was stored then (saving cleans it now).
        Article.objects.filter(pk=article.pk).update(body_zh_hans=f"<p>详见{stored_link}网站。</p>")
    url = f"/vi/editor/translations/cooperation.article/{article.pk}/vi/"
    text = f"<p>Xem trang {translated_link}.</p>"

    saved = client.post(url, {"field": "body", "text": text, "shown": EMPTY}, **VN)

    assert saved.status_code == 302, saved.content.decode()[:3000]
    with in_site(site_vn):
        article.refresh_from_db()
    assert "KOTRA" in article.body_vi and 'href=""' not in article.body_vi
    if "href" in translated_link:
        assert 'href="https://www.kotra.or.kr"' in article.body_vi
    # The reader's page shows the old source's bare domain as the website it names.
    page = client.get("/zh-hans/news/kotra/", **VN).content.decode()
    assert 'href=""' not in page
    if "www" in stored_link:
        assert 'href="https://www.kotra.or.kr"' in page


@pytest.mark.django_db
def test_the_refusal_names_each_image_document_and_link_left_out(client, site_vn, in_site, editor):
    """ "译文遗漏了原文中的图片、文档或链接" left the translator searching: the
    refusal names the image (its caption), the document and the link (their
    words and address), in the reader's language, and only what is missing."""
    with in_site(site_vn):
        article = make_article(slug="port-links", texts={"zh-hans": "港口新规"})
        article.body_zh_hans = SOURCE + (
            '<p>详见<a href="https://www.kita.net/">韩国贸易协会</a>网站。</p>'
            '<figure><img src="/media/site_cn_vn/inline/dock-2031.jpg" alt=""></figure>'
        )
        article.save()
    url = f"/zh-hans/editor/translations/cooperation.article/{article.pk}/vi/"
    kept_link = '<p>Xem <a href="https://www.kita.net/">hiệp hội</a>.</p>'

    refused = client.post(
        url, {"field": "body", "text": f"<p>Quy định mới.</p>{kept_link}", "shown": EMPTY}, **VN
    )

    assert refused.status_code == 400
    page = html.unescape(refused.content.decode())
    alert = page[page.index('role="alert"') : page.index("</p>", page.index('role="alert"'))]
    assert "图片“港口”" in alert  # the caption
    assert "图片“dock-2031.jpg”" in alert  # no caption, no description: its file name
    assert f"文档“附件”（{PDF}）" in alert
    assert "kita.net" not in alert  # kept: not named
    assert "、" in alert or "和" in alert  # joined as Chinese joins a list

    dropped_link = client.post(
        url.replace("/zh-hans/", "/vi/"),
        {"field": "body", "text": "<p>Quy định mới.</p>", "shown": EMPTY},
        **VN,
    )
    alert = html.unescape(dropped_link.content.decode())
    assert "liên kết “韩国贸易协会” (https://www.kita.net/)" in alert


def test_what_the_refusal_quotes_is_one_short_line():
    """A caption with control or direction characters, a link's words of a
    whole paragraph, an address of thousands of characters: the refusal
    quotes them tamed, never turned around or endless."""
    from django.utils import translation

    from translations.services import markup
    from translations.services.side_by_side import SaveRefused, _check_rich_translation

    long_address = "https://www.kotra.or.kr/" + "q" * 3000
    source = (
        f'<p><a href="{long_address}">{"협회 " * 100}</a></p>'
        '<figure><img src="/media/s/inline/a.png" alt=""><figcaption>\u202e港口\x07</figcaption></figure>'
    )
    named = markup.media_named_left_out(source, "<p>Cảng.</p>")
    assert [(m.kind, m.name) for m in named][1] == ("image", "港口")
    assert len(named[0].name) == 80 and named[0].name.endswith("…")

    with translation.override("en"), pytest.raises(SaveRefused) as refused:
        _check_rich_translation(
            f'<p><a href="{long_address}">협회</a></p>', "<p>Hiệp hội thương mại.</p>"
        )
    message = str(refused.value)
    assert "the link “협회” (https://www.kotra.or.kr/qqq" in message and len(message) < 300
