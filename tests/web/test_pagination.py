"""Every list has pages: a tested page 2 of each, links that keep the filters,
rel="prev"/"next", a 404 for a page that is not one, and deep pages that
cost what the first costs."""

import datetime
import json
import re
from unittest import mock

import pytest
from django.db import connection
from django.db.models.base import ModelState
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cooperation.models import Article, Opportunity, Question
from tests.factories.articles import make_article
from tests.factories.events import make_event

VN = {"HTTP_HOST": "cn-vn.localhost"}
HUB = {"HTTP_HOST": "localhost"}


def links(html: str, rel: str) -> list[str]:
    return re.findall(rf'<link rel="{rel}" href="([^"]+)"', html)


def page_items(response, name: str) -> list:
    return list(response.context[name])


def follow_next(client, response, host=VN):
    """The page the head's rel="next" names."""
    (url,) = links(response.content.decode(), "next")
    return client.get(url.replace("&amp;", "&"), **host)


@pytest.mark.django_db
def test_news_pages_go_back_in_time_without_repeating_or_skipping(client, site_vn, in_site):
    with in_site(site_vn):
        total = Article.objects.published().count()
        assert total > 40, "the demo has enough articles for three pages"
    first = client.get("/vi/news/", **VN)
    second = follow_next(client, first)
    third = follow_next(client, second)
    back = client.get(links(third.content.decode(), "prev")[0].replace("&amp;", "&"), **VN)

    pages = [page_items(r, "articles") for r in (first, second, third)]
    seen = [a.pk for page in pages for a in page]
    assert len(seen) == len(set(seen)) == 20 + 20 + len(pages[2])
    dates = [a.published_at for page in pages for a in page]
    assert dates == sorted(dates, reverse=True)
    assert [a.pk for a in page_items(back, "articles")] == [a.pk for a in pages[1]]
    html = second.content.decode()
    assert 'rel="next"' in html and 'rel="prev"' in html  # in the head and in the pager
    assert f"Tổng cộng: {total}" in first.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "path"),
    [("cn-vn.localhost", "/vi/news/"), ("cn-id.localhost", "/id/events/"),
     ("cn-vn.localhost", "/en/opportunities/")],
)  # fmt: skip
def test_the_pager_summary_is_rendered_once_and_shown_above_and_below(client, host, path):
    """The total above a list and beside the links below it are one text,
    rendered once a page: each rendering formats three numbers in Babel."""
    from web.templatetags import pager

    with mock.patch.object(pager, "summary_html", wraps=pager.summary_html) as summary:
        response = client.get(path, HTTP_HOST=host, HTTP_CACHE_CONTROL="no-cache")
    html = response.content.decode()
    summaries = re.findall(r'<p class="pager__summary[^"]*">(.*?)</p>', html, re.S)
    assert summary.call_count == 1
    assert summaries and summaries[0].strip()
    if response.context["pager"].is_paginated:
        assert len(summaries) == 2 and summaries[0] == summaries[1]


@pytest.mark.django_db
def test_a_category_and_a_tag_have_pages_that_keep_their_filter(client, site_vn, in_site):
    from cooperation.models import Category, Tag

    with in_site(site_vn):
        category = Category.objects.create(slug="paged", name_en="Paged")
        tag = Tag.objects.create(slug="paged-tag", name_en="Paged tag")
        for number in range(25):
            article = make_article(slug=f"paged-{number}", category=category)
            article.tags.add(tag)
    for query in ("category=paged", "tag=paged-tag"):
        first = client.get(f"/en/news/?{query}", **VN)
        second = follow_next(client, first)

        assert query in links(first.content.decode(), "next")[0]
        assert len(page_items(first, "articles")) == 20
        assert len(page_items(second, "articles")) == 5
        assert not links(second.content.decode(), "next")


@pytest.mark.django_db
def test_filtered_opportunities_have_a_second_page(client, site_vn, in_site):
    with in_site(site_vn):
        for number in range(23):
            Opportunity.objects.create(
                kind="demand", title_en=f"Paged need {number}", description_en="x", sector="B",
                country="CN", valid_until=timezone.localdate() + datetime.timedelta(days=9),
                company="Buyer", contact_name="A", contact_email="a@example.com", language="en",
                status="approved", hs_codes=["2601"],
            )  # fmt: skip
    first = client.get("/en/opportunities/?product=2601&type=demand", **VN)
    second = follow_next(client, first)

    titles = {
        o.title_en for o in page_items(first, "opportunities") + page_items(second, "opportunities")
    }
    assert len(titles) == 23 and all(t.startswith("Paged need") for t in titles)
    assert "product=2601" in links(first.content.decode(), "next")[0]


@pytest.mark.django_db
def test_enterprises_questions_and_events_have_numbered_second_pages(client, site_vn, in_site):
    with in_site(site_vn):
        for number in range(25):
            Question.objects.create(
                name="Q", email="q@example.org", language="en", topic="customs",
                question_en=f"Paged question {number}?", answer_en="Yes.", status="answered",
                answered_at=timezone.now() - datetime.timedelta(hours=number),
            )  # fmt: skip
            make_event(
                titles={"en": f"Paged event {number}"},
                starts=timezone.now() + datetime.timedelta(days=400 + number),
            )
            make_event(
                titles={"en": f"Old event {number}"},
                starts=timezone.now() - datetime.timedelta(days=800 + number),
            )
    for path, name in (
        ("/en/enterprises/", "enterprises"),
        ("/en/questions/", "questions"),
        ("/en/events/", "events"),
        ("/en/events/past/", "events"),
    ):
        first = client.get(path, **VN)
        second = client.get(f"{path}?page=2", **VN)
        pager = second.context["pager"]

        assert pager.number == 2 and pager.num_pages >= 2, path
        assert page_items(second, name), path
        assert not {i.pk for i in page_items(first, name)} & {
            i.pk for i in page_items(second, name)
        }
        assert links(second.content.decode(), "prev") == [path], path
        assert f'href="{path}?page=2"' in first.content.decode()


@pytest.mark.django_db
def test_search_results_have_a_second_page_that_keeps_the_query_and_filters(
    client, site_vn, in_site
):
    with in_site(site_vn):
        for number in range(25):
            make_article(
                slug=f"quillwort-{number}",
                texts={"en": f"Quillwort harvest report {number}"},
                published_at=timezone.now() - datetime.timedelta(hours=number + 1),
            )
    first = client.get("/en/search/?q=quillwort&type=article", **VN)
    second = follow_next(client, first)
    past_the_end = client.get("/en/search/?q=quillwort&type=article&page=9", **VN)

    one, two = page_items(first, "results"), page_items(second, "results")
    assert len(one) == 20 and len(two) == 5
    assert not {r.title for r in one} & {r.title for r in two}
    assert second.context["query"] == "quillwort"
    assert "Showing 21–25 of 25" in second.content.decode()
    assert links(second.content.decode(), "prev") == ["/en/search/?q=quillwort&amp;type=article"]
    assert past_the_end.status_code == 200  # the last page, in place
    assert past_the_end.context["pager"].number == 2
    assert "Showing 21–25 of 25" in past_the_end.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "9" * 30, "２"])
def test_a_page_that_is_not_one_is_a_404_in_the_readers_language(client, site_vn, page):
    for path in ("/vi/enterprises/", "/vi/questions/", "/vi/events/", "/vi/search/?q=a&x=1"):
        joiner = "&" if "?" in path else "?"
        response = client.get(f"{path}{joiner}page={page}", **VN)
        assert response.status_code == 404, (path, page)
        assert 'lang="vi"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cursor",
    ["older=abc", "older=1.2.3", "newer=99999999999999999999.1", "older=1&newer=2", "older=１.２"],
)
def test_a_cursor_that_is_not_one_is_a_404(client, site_vn, cursor):
    assert client.get(f"/vi/news/?{cursor}", **VN).status_code == 404
    assert client.get(f"/vi/opportunities/?{cursor}", **VN).status_code == 404


@pytest.mark.django_db
def test_a_page_past_the_end_shows_the_last_page(client, site_vn):
    last = client.get("/en/enterprises/?page=999999", **VN)
    pager = last.context["pager"]

    assert last.status_code == 200
    assert pager.number == pager.num_pages
    assert page_items(last, "enterprises")


@pytest.mark.django_db
def test_a_deep_news_page_costs_the_queries_of_the_first(client, site_vn, in_site, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count the page's own queries, not a cached copy
    with in_site(site_vn):
        oldest = Article.objects.published().order_by("published_at", "pk").first()
    micros = int(
        (oldest.published_at - datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)).total_seconds()
        * 1_000_000
    )
    client.get("/vi/news/", **VN)  # the vocabulary's choices are cached from here
    with CaptureQueriesContext(connection) as first:
        client.get("/vi/news/", **VN)
    with CaptureQueriesContext(connection) as deep:
        response = client.get(f"/vi/news/?older={micros + 1}.{oldest.pk + 1}", **VN)

    assert response.status_code == 200
    assert len(deep) == len(first)


@pytest.mark.django_db
def test_the_coordination_calendar_has_pages(client, site_vn, site_id, monkeypatch):
    # The hub's own lists (its search) are paged and tested in tests/hub.
    from coordination import views as coordination

    monkeypatch.setattr(coordination, "ROWS_PER_PAGE", 1)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    coordinator = get_user_model().objects.create_user("coord@example.org", password="x" * 12)
    coordinator.user_permissions.add(Permission.objects.get(codename="coordinate"))
    client.force_login(coordinator)
    with_events = None
    for months in range(0, 12):
        moment = timezone.now() + datetime.timedelta(days=31 * months)
        address = f"/en/coordination/calendar/?month={moment:%Y-%m}"
        page = client.get(address, **HUB)
        if page.context["pager"].next_url:
            with_events = address
            break
    assert with_events, "some month of the demo has two events"
    second = client.get(f"{with_events}&page=2", **HUB)
    assert second.status_code == 200
    assert second.context["pager"].previous_url
    assert links(second.content.decode(), "prev")  # in the head, as on every list
    assert client.get(f"{with_events}&page=x", **HUB).status_code == 404


def _plan_nodes(plan: dict) -> list[dict]:
    nodes = [plan]
    for child in plan.get("Plans", []):
        nodes += _plan_nodes(child)
    return nodes


@pytest.mark.slow
@pytest.mark.django_db
def test_a_deep_news_page_starts_its_index_scan_at_the_cursor(client, site_vn, in_site, settings):
    """With thousands of articles the news index is read from the cursor on,
    older or newer: a range condition on the date, not a filter dropping the
    3,000 rows before it (bench/content.py checks the plan at 100,000). Both
    directions share one table of 6,000 (filling it is most of the time)."""
    settings.PAGE_CACHE_SECONDS = 0
    now = timezone.now()

    def values(n: int) -> dict:
        return {
            "slug": f"deep-{n}",
            "status": Article.Status.PUBLISHED,
            "published_at": now - datetime.timedelta(days=1, minutes=n),
            "title_en": f"Deep {n}",
            "title_vi": f"Sâu {n}",
            "title_zh_hans": f"深 {n}",
        }

    # Copies of one built article, not 6,000 built: Model.__init__ asked
    # modeltranslation for ~100 translated columns' defaults each (634,000
    # get_default calls, ~9 s of CPU here, most of the test); a copy holds the
    # same values (its own state and lists), so the same rows are inserted.
    built = Article(**values(0))

    def copied(n: int) -> Article:
        article = Article.__new__(Article)
        article.__dict__.update(
            built.__dict__, _state=ModelState(), hs_codes=[], unpublished_languages=[]
        )
        for name, value in values(n).items():
            setattr(article, name, value)
        return article

    with in_site(site_vn):
        Article.objects.bulk_create(copied(n) for n in range(6000))
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Article._meta.db_table}")
        middle = Article.objects.get(slug="deep-3000")
    from web.pagination import cursor_token

    table = f'FROM "{Article._meta.db_table}"'
    for direction in ("older", "newer"):
        path = f"/vi/news/?{direction}={cursor_token(middle, 'published_at')}"
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path, **VN).status_code == 200
        (sql,) = [
            q["sql"]
            for q in captured.captured_queries
            if table in q["sql"] and "LIMIT 21" in q["sql"]
        ]
        with in_site(site_vn), connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
        nodes = _plan_nodes((plan if isinstance(plan, list) else json.loads(plan))[0]["Plan"])

        assert all(not n["Node Type"].startswith("Seq Scan") for n in nodes), (direction, nodes)
        assert all(n["Node Type"] != "Sort" for n in nodes), (direction, nodes)
        # The rows before the cursor are skipped by the index, not read and dropped.
        read = sum(n.get("Actual Rows", 0) + n.get("Rows Removed by Filter", 0) for n in nodes)
        assert read < 200, (direction, nodes)


def test_a_lists_feed_follows_its_filters_not_its_pager():
    """The feed link of a page past the end carried the pager's "asked=2"."""
    from django.test import RequestFactory

    from web.pagination import list_query

    request = RequestFactory().get(
        "/vi/opportunities/", {"type": "demand", "product": "0801", "page": "3", "asked": "2"}
    )

    assert list_query(request) == "?type=demand&product=0801"
