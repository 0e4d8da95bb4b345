import pytest

from cooperation.models import Article
from tests import cldr
from tests.factories.articles import make_article
from translations.fallback import displayed, fallback_chain, shown_text


@pytest.mark.django_db
def test_fallback_chain_goes_through_english_then_site_default(site_vn, site_id):
    assert fallback_chain(site_vn, "vi") == ["vi", "en", "zh-hans"]
    assert fallback_chain(site_vn, "zh-hans") == ["zh-hans", "en", "vi"]
    assert fallback_chain(site_id, "en") == ["en", "zh-hans", "id"]


@pytest.mark.django_db
def test_untranslated_article_shows_english_with_note_and_lang(client, site_vn, in_site):
    with in_site(site_vn):
        make_article(
            slug="only-english",
            texts={"en": "Rice export rules updated", "zh-hans": "大米出口规则更新"},
        )

    page = client.get("/vi/news/only-english/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert '<h1 lang="en">Rice export rules updated</h1>' in page
    # Our sentence, with CLDR's names of Vietnamese and English ("Tiếng
    # Việt", "Tiếng Anh") as a Vietnamese sentence writes them: "tiếng".
    english = cldr.language("en", "vi")
    assert cldr.language("vi", "vi") == "Tiếng Việt" and english.startswith("Tiếng ")
    assert f"Chưa có bản tiếng Việt — đang hiển thị bằng t{english[1:]}." in page
    assert '<html lang="vi"' in page


@pytest.mark.django_db
def test_translated_article_shows_no_note(client, site_vn):
    page = client.get("/vi/news/site-launch/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert 'lang="vi">Khai trương trang thông tin' in page
    assert "Chưa có bản" not in page


@pytest.mark.django_db
def test_list_marks_fallback_items_with_their_language(client, site_vn, in_site):
    with in_site(site_vn):
        make_article(slug="zh-only", texts={"zh-hans": "仅有中文的通知"})

    page = client.get("/vi/news/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert 'lang="zh-hans">仅有中文的通知</a>' in page
    assert '<span class="badge badge--language">Tiếng Trung</span>' in page


@pytest.mark.django_db
def test_the_displayed_text_in_sql_follows_the_fallback(site_vn, in_site):
    with in_site(site_vn):
        make_article(slug="b", texts={"vi": "Bò", "en": "Beef"})
        make_article(slug="a", texts={"en": "Apples"})  # no Vietnamese: shown in English
        make_article(slug="c", texts={"zh-hans": "咖啡", "vi": ""})  # nor English
        queryset = Article.objects.filter(slug__in=["a", "b", "c"])

        shown = dict(
            queryset.annotate(shown=displayed("title", ["vi", "en", "zh-hans"])).values_list(
                "slug", "shown"
            )
        )

    assert shown == {"a": "Apples", "b": "Bò", "c": "咖啡"}


def test_shown_text_reports_its_language():
    article = Article(title_en="Hello", title_vi="")

    text = shown_text(article, "title", ["vi", "en"])

    assert (text.text, text.language, text.is_fallback) == ("Hello", "en", True)
    assert shown_text(article, "title", ["zh-hans"]).text == ""


@pytest.mark.django_db
def test_a_records_name_follows_the_sites_chain_in_any_staff_language(site_vn):
    """The admin names a record ("Article “…” was added") in the staff
    member's language, which the site may not offer: it falls back along
    the site's chain, not to an empty name ("Artikel „“" in German)."""
    from django.utils import translation
    from django_tenants.utils import tenant_context

    from tests.factories.events import make_event
    from tests.factories.opportunities import make_listing

    with tenant_context(site_vn):
        article = make_article(slug="vi-only", texts={"vi": "Hội chợ hạt điều"})
        event = make_event(titles={"vi": "Diễn đàn cà phê"})
        listing = make_listing(texts={"vi": ("Cần mua hạt tiêu", "Năm tấn mỗi tháng")})
        with translation.override("de"):
            assert str(article) == "Hội chợ hạt điều"
            assert str(event) == "Diễn đàn cà phê"
            assert str(listing) == "Cần mua hạt tiêu"
        with translation.override("vi"):
            assert str(Article.objects.get(pk=article.pk)) == "Hội chợ hạt điều"


def test_shown_texts_are_what_the_shown_tag_gives_in_each_block():
    # Detail views work a page's texts out once (translations.fallback.shown_texts)
    # for the blocks that used to ask {% shown %} each: the same texts, fallback
    # and held-back languages included.
    from django.template import engines
    from django.utils.translation import override

    from tenants.models import Site
    from translations.fallback import shown_texts

    site = Site(schema_name="cn_vn", languages=["zh-hans", "vi", "en"])
    article = Article(
        title_vi="Bản nháp",
        title_en="Rice rules",
        summary_zh_hans="大米",
        body_vi="Nội dung",
        unpublished_languages=["vi"],
    )
    tag = engines["django"].from_string(
        "{% load translated %}{% shown article field as text %}{{ text.language }}:{{ text }}"
    )
    request = type("Request", (), {"tenant": site})()
    with override("vi"):
        texts = shown_texts(site, article, "title", "summary", "body")
        for field, text in texts.items():
            shown = tag.render({"article": article, "field": field, "request": request})
            assert shown == f"{text.language}:{text.text}"
    assert texts["title"].language == "en" and texts["summary"].language == "zh-hans"
    assert texts["body"].text == ""  # held back, and in no other language
