import pytest
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from cooperation.models import Article, Category
from search.models import SearchDocument
from search.query import highlight, search
from search.registry import index_objects
from tests.factories.articles import make_article

DOCUMENT_FIELDS = (
    "language", "kind", "title", "title_language", "body", "body_language", "url_name",
    "url_kwargs", "is_public", "visible_from", "visible_until", "products", "country", "languages",
)  # fmt: skip


def titles(results) -> list[str]:
    return [result.title for result in results]


@pytest.mark.django_db
def test_two_character_chinese_query_finds_text_inside_longer_words(site_vn, in_site):
    with in_site(site_vn):
        make_article(slug="sesame", texts={"zh-hans": "进口芝麻检验新规今起实施"})
        found = search("芝麻", language="zh-hans")
        single = search("麻", language="zh-hans")

    assert titles(found)[0] == "进口芝麻检验新规今起实施"  # the title match first
    assert "<mark>芝麻</mark>" in found[0].snippet
    assert "进口芝麻检验新规今起实施" in titles(single)  # a prefix of the pair "麻检"


@pytest.mark.django_db
def test_vietnamese_query_without_accents_finds_accented_text(site_vn, in_site):
    with in_site(site_vn):
        make_article(slug="cinnamon", texts={"vi": "Xuất khẩu quế sang Trung Quốc tăng mạnh"})
        found = search("xuat khau que", language="vi")

    assert titles(found) == ["Xuất khẩu quế sang Trung Quốc tăng mạnh"]
    assert "<mark>Xuất</mark> <mark>khẩu</mark> <mark>quế</mark>" in found[0].snippet


@pytest.mark.django_db
def test_only_the_last_word_of_a_query_may_be_unfinished(site_vn, in_site):
    with in_site(site_vn):
        make_article(slug="pepper", texts={"vi": "Hồ tiêu Phú Quốc vào siêu thị"})
        typing = search("ho tieu phu q", language="vi")
        cut_short = search("ho tie phu quoc", language="vi")

    assert titles(typing) == ["Hồ tiêu Phú Quốc vào siêu thị"]
    assert cut_short == []  # "tie" is a whole word, not the start of "tiêu"


@pytest.mark.django_db
def test_title_matches_rank_before_body_matches(site_vn, in_site):
    with in_site(site_vn):
        body_only = make_article(slug="body-only", texts={"en": "Weekly market notes"})
        body_only.body_en = "Cardamom cardamom: prices of cardamom and more cardamom rose again."
        body_only.save()
        make_article(slug="in-title", texts={"en": "Cardamom exports open"})
        found = search("cardamom", language="en")

    assert titles(found) == ["Cardamom exports open", "Weekly market notes"]


@pytest.mark.django_db
def test_readers_find_fallback_text_in_their_language(site_vn, in_site):
    with in_site(site_vn):
        make_article(slug="english-only", texts={"en": "Sesame processing standards"})
        found = search("sesame", language="vi")

    assert titles(found) == ["Sesame processing standards"]
    assert found[0].title_language == "en"


@pytest.mark.django_db
def test_unpublished_and_future_articles_are_not_found(site_vn, in_site):
    with in_site(site_vn):
        make_article(slug="draft", texts={"en": "Secret quota draft"}, status=Article.Status.DRAFT)
        make_article(
            slug="scheduled",
            texts={"en": "Quota notice coming"},
            published_at=timezone.now() + timezone.timedelta(days=2),
        )
        assert search("quota", language="en", kind="article") == []


@pytest.mark.django_db
def test_search_never_shows_another_sites_content(client, site_vn, site_id, in_site):
    with in_site(site_id):
        make_article(
            slug="nickel",
            texts={"en": "Nickel smelter investment", "id": "Investasi smelter nikel"},
        )

    vn = client.get("/en/search/?q=nickel", HTTP_HOST="cn-vn.localhost").content.decode()
    id_ = client.get("/en/search/?q=nickel", HTTP_HOST="cn-id.localhost").content.decode()

    assert "Nickel smelter investment" not in vn
    assert "Nickel smelter investment" in id_


@pytest.mark.django_db
def test_index_follows_edits_and_deletions(site_vn, in_site):
    with in_site(site_vn):
        article = make_article(slug="cinnamon", texts={"en": "Cinnamon harvest"})
        article.title_en = "Ceylon cinnamon harvest"
        article.save()
        assert titles(search("ceylon cinnamon", language="en")) == ["Ceylon cinnamon harvest"]
        article.delete()
        assert search("cinnamon", language="en") == []


@pytest.mark.django_db
def test_page_searches_articles_and_events_with_a_type_filter(
    client, site_vn, django_assert_max_num_queries
):
    # Host, unaccent, title matches, body matches, ranked page: 5 queries, each
    # after django-tenants' SET search_path; no query per result. The first
    # page stored in a generation also looks up the site's next scheduled
    # change (web.page_cache): two more queries.
    with django_assert_max_num_queries(14):
        everything = client.get("/vi/search/?q=dien+dan", HTTP_HOST="cn-vn.localhost")
    events_only = client.get("/vi/search/?q=dien+dan&type=event", HTTP_HOST="cn-vn.localhost")

    kinds = {result.kind for result in everything.context["results"]}
    assert {"article", "event"} <= kinds
    assert {result.kind for result in events_only.context["results"]} == {"event"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["'; DROP TABLE x; --", "&|!:*()", "a" * 10_000, "   ", "<script>alert(1)</script>"]
)
def test_hostile_queries_get_a_page_not_an_error(client, site_vn, query):
    response = client.get("/en/search/", {"q": query}, HTTP_HOST="cn-vn.localhost")

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_highlight_escapes_everything_but_the_marks():
    snippet = highlight('Rules for <script>alert("x")</script> exporters', ["exporters"])

    assert (
        snippet
        == "Rules for &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>exporters</mark>"
    )


def test_fold_keeps_one_character_for_one_across_scripts():
    from search.text import fold

    text = "Cà phê ĐẮK LẮK, Łódź, Ørsted, İstanbul, ﬁne, 海关规则, ①, 한국어, ǅ"
    folded = fold(text)

    assert len(folded) == len(text)  # highlight offsets index the original text
    assert folded == "ca phe dak lak, lodz, orsted, istanbul, fne, 海关规则, 1, 한국어, d"


def test_highlight_marks_korean_words():
    assert highlight("한국 무역 협회", ["무역"]) == "한국 <mark>무역</mark> 협회"


def test_highlight_marks_accented_matches_in_a_long_body():
    body = "Lorem ipsum dolor sit amet. " * 500 + "Xuất khẩu cà phê tăng mạnh."

    snippet = highlight(body, ["ca", "phe"])

    assert "<mark>cà</mark> <mark>phê</mark>" in snippet
    assert snippet.startswith("…")


def test_highlight_finds_what_folding_the_text_would_find():
    # The pattern stands for fold(text).find(fold(word)) without folding the text.
    import random

    from search.text import fold, folded_pattern

    rng = random.Random(14)
    alphabet = "aàáAÀĐđeêẾ cphéCPHÊ海关ıIİßﬁ①Łł"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(30))
        word = fold("".join(rng.choice(alphabet.strip()) for _ in range(rng.randint(1, 3))))
        folded, expected, start = fold(text), [], fold(text).find(word)
        while start != -1:
            expected.append((start, start + len(word)))
            start = folded.find(word, start + len(word))
        assert [m.span() for m in folded_pattern(word).finditer(text)] == expected, (text, word)


@pytest.mark.django_db
def test_documents_written_in_bulk_equal_those_written_on_save(site_vn, in_site):
    # The demo writes documents in bulk (index_objects); saving writes them one
    # by one (index_object). Readers must not tell the difference.
    with in_site(site_vn):
        article = make_article(
            slug="bulk",
            texts={
                "zh-hans": "海关检验新规",
                "vi": "Quy định kiểm tra mới",
                "en": "O'Brien & Co: 'new' rules",
            },
        )
        article.body_vi = "<p>Hàng <b>tươi</b> phải có giấy chứng nhận</p>"
        article.summary_en = "Tab\there, NUL-free, ünïcödé, 😀"
        article.save()
        same = SearchDocument.objects.filter(object_id=article.pk, kind="article")

        def documents() -> list[tuple]:
            vectors = {"tv": Cast("title_vector", TextField()), "v": Cast("vector", TextField())}
            return sorted(same.annotate(**vectors).values_list(*DOCUMENT_FIELDS, "tv", "v"))

        on_save = documents()
        same.delete()
        # Categories are not searchable: passed over.
        written = index_objects([article, Category.objects.first()], site_vn)
        in_bulk = documents()
        again = index_objects([article], site_vn)  # rewrites, never twice

        assert written == again == len(site_vn.languages) == len(on_save)
        assert in_bulk == on_save
        assert documents() == on_save
        assert "Quy định kiểm tra mới" in titles(search("kiem tra", language="vi"))


#: The loop search.html wrote each result with before search_results.
_RESULTS_AS_A_LOOP = """{% load i18n formatting search_results %}{% for result in results %}
    <li class="search-result">
      <p class="search-result__meta"><span class="badge">{{ result.label }}</span>
        <span class="badge badge--language" lang="{{ result.title_language }}">{{ result.title_language|language_name }}</span>
        {% if not result.is_translated %}<span class="search-result__translation">{% blocktranslate trimmed with language=result.language|language_in_sentence %}Not yet translated into {{ language }}{% endblocktranslate %}</span>{% endif %}
        {% if result.dated_at %}<span class="search-result__date">{{ result.dated_at|long_date }}</span>{% endif %}</p>
      <a href="{{ result.url }}" lang="{{ result.title_language }}">{{ result.title }}</a>
      <p lang="{{ result.snippet_language }}">{{ result.snippet }}</p>
      {% if result.why %}<p class="search-result__why">{{ result.why }}</p>{% endif %}
    </li>
    {% endfor %}"""


@pytest.mark.django_db
def test_results_are_written_as_the_template_loop_wrote_them(client, site_vn, site_id, in_site):
    import dataclasses

    from django.template import engines
    from django.utils import translation

    with in_site(site_id):
        make_article(slug="other-quota", texts={"en": "Quota news of another site"})
    with in_site(site_vn):
        make_article(slug="quota", texts={"en": 'Rice <b>"quota"</b> & tariffs'})
        make_article(slug="quota-vi", texts={"vi": "Hạn ngạch quota gạo", "en": "Rice quota"})
        with translation.override("vi"):
            found = search("quota", language="vi")
            results = [
                *found,
                dataclasses.replace(found[0], dated_at=None, why='Listed under "x" & <y>'),
            ]
            loop = engines["django"].from_string(_RESULTS_AS_A_LOOP).render({"results": results})
            tag = engines["django"].from_string(
                "{% load search_results %}{% search_results results %}"
            )
            written = tag.render({"results": results})
    page = client.get("/vi/search/?q=quota", HTTP_HOST="cn-vn.localhost").content.decode()

    assert written == loop
    assert "Rice &lt;b&gt;&quot;quota&quot;&lt;/b&gt; &amp; tariffs" in page
    assert "Chưa được dịch sang tiếng Việt" in page and "Hạn ngạch <mark>quota</mark> gạo" in page
    assert "Quota news of another site" not in page


@pytest.mark.django_db
def test_result_addresses_are_reversed_once_per_language(site_vn, in_site, monkeypatch):
    """A result's address is remembered (per URL configuration, prefix and
    language): the same search again reverses nothing, and each language's
    address stays its own."""
    from django.urls import reverse
    from django.utils import translation

    from web.templatetags import memo_url

    calls = []
    monkeypatch.setattr(
        memo_url,
        "reverse",
        lambda name, args, kwargs: calls.append(name) or reverse(name, args=args, kwargs=kwargs),
    )
    memo_url._reverse.cache_clear()
    with in_site(site_vn):
        make_article(slug="zorblat-prices", texts={"vi": "Giá zorblat", "en": "Zorblat prices"})
        with translation.override("vi"):
            first = [r.url for r in search("zorblat", language="vi")]
            reversed_first = len(calls)
            again = [r.url for r in search("zorblat", language="vi")]
        with translation.override("en"):
            english = [r.url for r in search("zorblat", language="en")]

    assert first == again == ["/vi/news/zorblat-prices/"]
    assert english == ["/en/news/zorblat-prices/"]
    assert reversed_first == 1 and len(calls) == 2  # not again in Vietnamese; once in English
