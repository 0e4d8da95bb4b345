import pytest
from django.utils import timezone

from cooperation.models import Article
from search.query import search
from tests.factories.articles import make_article
from web.rich_text import clean_html, plain_text


def test_scripts_and_handlers_never_survive_cleaning():
    cleaned = clean_html(
        '<p onclick="steal()">Tariffs <strong>fall</strong></p><script>alert(1)</script>'
        '<a href="javascript:alert(2)">x</a><a href="https://example.org">source</a><img src=x onerror=alert(3)>'
    )

    assert "script" not in cleaned and "onclick" not in cleaned and "onerror" not in cleaned
    assert "javascript:" not in cleaned and "<img" not in cleaned
    assert "<p>Tariffs <strong>fall</strong></p>" in cleaned
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">source</a>' in cleaned


def test_plain_text_becomes_paragraphs_and_back():
    assert (
        clean_html("First line\n\nSecond & last") == "<p>First line</p>\n\n<p>Second &amp; last</p>"
    )
    assert plain_text("<p>A &amp; B</p><ul><li>one</li></ul>") == "A & B one"


@pytest.mark.django_db
def test_article_body_is_stored_clean_and_shown_as_html(client, site_vn, in_site):
    with in_site(site_vn):
        article = make_article(slug="rich", texts={"en": "Rich text"})
        article.body_en = '<h2>Rules</h2><p>Apply <em>now</em></p><script>alert("x")</script>'
        article.save()

    page = client.get("/en/news/rich/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert "<h2>Rules</h2><p>Apply <em>now</em></p>" in page
    assert 'alert("x")' not in page


@pytest.mark.django_db
def test_a_translation_held_back_falls_back_until_published(client, site_vn, in_site):
    with in_site(site_vn):
        article = make_article(
            slug="lagging",
            texts={"en": "Quota rules explained", "vi": "Giải thích quy định hạn ngạch (bản nháp)"},
        )
        article.unpublished_languages = ["vi"]
        article.save()
        assert [r.title for r in search("quota", language="vi")] == ["Quota rules explained"]

    held_back = client.get("/vi/news/lagging/", HTTP_HOST="cn-vn.localhost").content.decode()
    with in_site(site_vn):
        article.unpublished_languages = []
        article.save()
    released = client.get("/vi/news/lagging/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert (
        '<h1 lang="en">Quota rules explained</h1>' in held_back
        and "Chưa có bản tiếng Việt" in held_back
    )
    assert '<h1 lang="vi">Giải thích quy định hạn ngạch (bản nháp)</h1>' in released


@pytest.mark.django_db
def test_an_article_published_without_a_date_is_published_when_saved(client, site_vn, in_site):
    # An editor who picks "published" and leaves the date empty means "now";
    # the article used to be stored undated and stayed invisible everywhere.
    with in_site(site_vn):
        before = timezone.now()
        article = make_article(slug="undated", texts={"en": "Undated news"}, published_at=None)
        draft = make_article(
            slug="draft", texts={"en": "Draft"}, status=Article.Status.DRAFT, published_at=None
        )

    assert before <= article.published_at <= timezone.now()
    assert draft.published_at is None  # a draft gets its date when it is published
    assert client.get("/en/news/undated/", HTTP_HOST="cn-vn.localhost").status_code == 200
    assert "Undated news" in client.get("/en/news/", HTTP_HOST="cn-vn.localhost").content.decode()


def test_an_article_page_shows_its_documents_and_tags_and_asks_for_none_it_lacks(
    client, site_vn, in_site, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from cooperation.models import Attachment, Tag

    # Committed: a connection holding writes reads the site afresh each request.
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        make_article(slug="no-extras", texts={"en": "Nothing attached"})
        full = make_article(slug="with-extras", texts={"en": "Report attached"})
        full.tags.add(Tag.objects.create(slug="cashew", name_en="Cashew"))
        attachment = Attachment(article=full, title_en="Annual report")
        attachment.file.save("report.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)

    page = client.get("/en/news/with-extras/", HTTP_HOST="cn-vn.localhost").content.decode()
    assert "Annual report" in page and ">Cashew</a>" in page
    # The article, with whether it has documents and tags (the search path
    # stays from the request before, to the same site).
    with django_assert_num_queries(1):
        page = client.get(
            "/en/news/no-extras/", HTTP_HOST="cn-vn.localhost", HTTP_CACHE_CONTROL="no-cache"
        )
    assert "Nothing attached" in page.content.decode()
    assert 'class="attachments"' not in page.content.decode()
