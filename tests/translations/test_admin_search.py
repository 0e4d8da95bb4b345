"""The admin's search box finds content by its name in any of the site's
languages, whatever language the official works in (a Chinese official
searching "芒街" found nothing: the events' search looked at slugs only)."""

import pytest

from cooperation.models import Article
from events.models import Speaker
from tests.factories.events import make_event

pytestmark = pytest.mark.django_db

VN = {"HTTP_HOST": "cn-vn.localhost"}
ID = {"HTTP_HOST": "cn-id.localhost"}


def _found(client, path: str, query: str, host: dict, language: str) -> str:
    page = client.get(path, {"q": query}, HTTP_ACCEPT_LANGUAGE=language, **host)
    assert page.status_code == 200
    return page.content.decode()


def test_an_event_is_found_by_its_title_in_each_of_the_sites_languages(
    admin_client_for, site_vn, site_id, in_site
):
    with in_site(site_vn):
        make_event(
            slug="mong-cai-forum",
            titles={"zh-hans": "芒街—东兴边境贸易论坛", "vi": "Diễn đàn thương mại Móng Cái"},
        )
    with in_site(site_id):  # another site's event of the same name: never found here
        make_event(slug="other-forum", titles={"zh-hans": "芒街—东兴边境贸易论坛"})
    client = admin_client_for(site_vn)

    for query, language in (("芒街", "zh-hans"), ("Móng Cái", "zh-hans"), ("芒街", "en")):
        page = _found(client, "/admin/events/event/", query, VN, language)
        assert "mong-cai-forum" in page or "/mong-cai-forum/" in page or "芒街—东兴" in page
        assert "other-forum" not in page
    assert "芒街—东兴" not in _found(client, "/admin/events/event/", "Hạ Long", VN, "vi")


def test_an_article_is_found_by_its_title_in_a_language_the_official_does_not_work_in(
    admin_client_for, site_vn, in_site
):
    with in_site(site_vn):
        Article.objects.create(
            slug="rice-quota", title_vi="Hạn ngạch gạo năm mới", title_zh_hans="新年大米配额"
        )
    client = admin_client_for(site_vn)
    page = _found(client, "/admin/cooperation/article/", "ngạch gạo", VN, "en")
    assert "新年大米配额" in page or "Hạn ngạch gạo" in page


def test_a_speaker_is_found_by_the_organisation_in_any_site_language(
    admin_client_for, site_vn, in_site
):
    with in_site(site_vn):
        Speaker.objects.create(name="Nguyễn Văn An", organisation_vi="Bộ Công Thương")
        Speaker.objects.create(name="Lê Hà", organisation_zh_hans="谅山商会")
    client = admin_client_for(site_vn)
    assert "Nguyễn Văn An" in _found(client, "/admin/events/speaker/", "Công Thương", VN, "en")
    page = _found(client, "/admin/events/speaker/", "谅山", VN, "vi")
    assert "Lê Hà" in page and "Nguyễn Văn An" not in page


def test_a_search_typed_without_vietnamese_marks_finds_the_title_that_has_them(
    admin_client_for, site_vn, site_id, in_site
):
    """Officials type on keyboards without Vietnamese input: "cong thuong"
    found nothing (second newcomer walk)."""
    with in_site(site_vn):
        make_event(slug="invest-forum", titles={"vi": "Diễn đàn đầu tư Việt – Trung"})
        Speaker.objects.create(name="Nguyễn Văn An", organisation_vi="Bộ Công Thương")
    with in_site(site_id):
        make_event(slug="id-forum", titles={"vi": "Diễn đàn đầu tư khác"})
    client = admin_client_for(site_vn)

    for query in ("dien dan dau tu", "DIEN DAN", "Diễn dan", "đầu tư"):
        page = _found(client, "/admin/events/event/", query, VN, "en")
        assert "Diễn đàn đầu tư Việt" in page, query
        assert "khác" not in page  # the other site's
    assert "Diễn đàn đầu tư Việt" not in _found(
        client, "/admin/events/event/", "dan dau x", VN, "en"
    )
    assert "Nguyễn Văn An" in _found(client, "/admin/events/speaker/", "cong thuong", VN, "vi")


@pytest.mark.parametrize(
    ("written", "typed"),
    [("Bộ Công Thương", "bo cong thuong"), ("Đà Nẵng", "da nang"), ("Sở Thương mại", "so thuong mai"),
     ("Kementerian Perdagangan", "kementerian perdagangan"), ("Société Générale", "societe generale"),
     ("Müller", "muller"), ("北京", "北京")],
)  # fmt: skip
def test_marks_are_taken_off_by_the_databases_unaccent(written, typed):
    """The one folding the public search's index uses too (search.text)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT lower(unaccent(%s))", [written])
        assert cursor.fetchone()[0] == typed


def test_a_search_of_thousands_of_words_stays_a_bounded_query(
    admin_client_for, site_vn, in_site, django_assert_max_num_queries
):
    """2,000 words made statements of 7 MB and a 13.5 s page (attack review):
    the words looked for without marks are the first few, as a person types."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = admin_client_for(site_vn)
    with CaptureQueriesContext(connection) as asked:
        page = client.get("/admin/events/event/", {"q": " ".join(["a"] * 2000)}, **VN)
    assert page.status_code == 200
    assert max(len(query["sql"]) for query in asked.captured_queries) < 200_000


@pytest.mark.parametrize(
    "query",
    ["%", "_", "\\", "a%c", "'\"", "\u202edien\u202c", "\u0301", "ｄｉｅｎ", "x" * 100_000,
     " ".join(["đầu"] * 3000)],
)  # fmt: skip
def test_an_odd_search_is_answered_not_a_server_error(admin_client_for, site_vn, in_site, query):
    with in_site(site_vn):
        make_event(slug="abc-forum", titles={"vi": "abc"})
    client = admin_client_for(site_vn)
    page = client.get("/admin/events/event/", {"q": query}, **VN)
    assert page.status_code == 200
    if query == "a%c":  # LIKE's wildcards are the letters typed
        assert ">abc</a>" not in page.content.decode()
        assert ">abc</a>" in client.get("/admin/events/event/", {"q": "abc"}, **VN).content.decode()
