"""Search at volume (search.newest): every page in order and a truthful count,
whichever way each tier is read. The probe's allowance is shrunk so that a
few hundred articles take the paths 100,000 would: the date-ordered probe
(common words), the text index (rare words), counts that are exact, at least
so many, or more than the cap."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cooperation.models import Article
from search import newest, query
from search.query import search
from search.registry import index_objects, kinds

#: Made-up words the demo's texts do not hold, with how often they appear.
COMMON, MIDDLING, RARE = "zorblat", "quenmir", "tashvoo"


def _articles(count: int = 240) -> list[Article]:
    """``count`` articles a minute apart, newest first: three titles in four
    hold COMMON (one summary in eight), one title in twelve MIDDLING, two
    summaries RARE."""
    now = timezone.now()
    articles = []
    for number in range(count):
        title = [f"Bench item {number}"]
        summary = ["Plain words."]
        if number % 4:
            title.append(COMMON)
        elif number % 8 == 0:
            summary.append(COMMON)
        if number % 12 == 5:
            title.append(MIDDLING)
        if number in (12, 196):
            summary.append(RARE)
        articles.append(
            Article(
                slug=f"volume-{number}",
                status=Article.Status.PUBLISHED,
                published_at=now - datetime.timedelta(hours=1, minutes=number),
                title_en=" ".join(title),
                summary_en=" ".join(summary),
            )
        )
    created = Article.objects.bulk_create(articles)
    index_objects(created)
    return created


def _expected(articles: list[Article], word: str) -> list[str]:
    """The results in the order they are meant to come: the word in the
    title first, then in the text, newest first within each."""
    titled = [a.title_en for a in articles if word in a.title_en.split()]
    texts = [a.title_en for a in articles if word in a.summary_en.split()]
    return titled + texts


def _every_page(word: str) -> tuple[list[str], list]:
    shown, pages = [], []
    number = 1
    while True:
        page = search(word, language="en", page=number)
        pages.append(page)
        shown += [result.title for result in page]
        if number >= page.num_pages or not page.results:
            return shown, pages
        number += 1


@pytest.fixture
def small_probe(monkeypatch):
    monkeypatch.setattr(newest, "PROBE_PER_ROW", 3)
    monkeypatch.setattr(newest, "MIN_PROBE", 30)
    monkeypatch.setattr(newest, "MAX_PROBE", 100)


@pytest.mark.django_db
@pytest.mark.parametrize("word", [COMMON, MIDDLING, RARE])
def test_every_page_comes_in_order_whichever_way_a_tier_is_read(
    site_vn, in_site, small_probe, word
):
    with in_site(site_vn):
        articles = _articles()
        shown, pages = _every_page(word)

    expected = _expected(articles, word)
    first = pages[0]
    if first.capped:
        # Counted only in part: at least what is shown as the total, and
        # every numbered page full, in order.
        assert first.total <= len(expected)
        assert shown == expected[: len(shown)]
        assert len(shown) >= first.total
    else:
        assert shown == expected
        assert first.total == len(expected)
    assert all(len(page) == page.per_page for page in pages[:-1])


@pytest.mark.django_db
def test_a_common_word_is_counted_in_part_and_a_rare_one_exactly(site_vn, in_site, small_probe):
    with in_site(site_vn):
        _articles()
        common = search(COMMON, language="en")
        rare = search(RARE, language="en")

    # 210 articles hold COMMON; the probe reads 63 documents for page 1.
    assert common.capped and 20 < common.total <= 63
    assert [r.title for r in rare] == ["Bench item 12", "Bench item 196"]
    assert (rare.total, rare.capped) == (2, False)


@pytest.mark.django_db
def test_counts_are_exact_when_the_probe_reads_every_document(site_vn, in_site):
    with in_site(site_vn):
        articles = _articles()
        found = search(COMMON, language="en")

    assert (found.total, found.capped) == (len(_expected(articles, COMMON)), False)


@pytest.mark.django_db
def test_more_than_the_cap_is_said_so(site_vn, in_site, monkeypatch):
    monkeypatch.setattr(query, "CAP", 50)
    with in_site(site_vn):
        _articles()
        found = search(COMMON, language="en")
        last = search(COMMON, language="en", page=3)

    assert (found.total, found.capped, found.num_pages) == (50, True, 3)
    assert len(last) == 10  # pages stop at the cap


@pytest.mark.django_db
@pytest.mark.parametrize("word", [COMMON, RARE])
def test_a_search_costs_the_same_statements_whatever_it_matches(site_vn, in_site, word):
    with in_site(site_vn):
        _articles()
        search(word, language="en", site=site_vn)  # what the vocabulary makes of it, kept
        with CaptureQueriesContext(connection) as captured:
            search(word, language="en", site=site_vn)

    # Every tier's probe in one statement (a rare word on a site larger than
    # a probe reads takes one more); the page's rows.
    assert len(captured) == 2


@pytest.mark.django_db
def test_a_common_word_is_read_in_date_order_when_the_newest_documents_are_of_another_kind(
    site_vn, in_site, small_probe
):
    """The shape of a Chinese reader's site at volume: the newest documents
    are listings (shown in English) without the word, which is in most of
    the older articles. The articles are probed in their own date order,
    not sorted out of every match."""
    from tests.factories.opportunities import make_listing

    with in_site(site_vn):
        articles = _articles()
        for number in range(40):  # newer than every article, more than a probe reads
            make_listing(texts={"en": (f"Listing {number}", "Plain offer.")})
        search(COMMON, language="en", site=site_vn)  # what the vocabulary makes of it, kept
        with CaptureQueriesContext(connection) as captured:
            first = search(COMMON, language="en", site=site_vn)
        shown, _pages = _every_page(COMMON)

    # The listings, which lack the word, go through the text index (it
    # says so at once); the articles never do, however many hold the word.
    rare = [q["sql"] for q in captured if q["sql"].startswith("(WITH g")]
    assert len(captured) == 2 + len(rare)  # the probes, the page's rows
    assert rare and all("d.kind = 'opportunity'" in sql for sql in rare)
    assert first.capped and first.total > 20
    expected = _expected(articles, COMMON)
    assert shown == expected[: len(shown)]


@pytest.mark.django_db
@pytest.mark.parametrize("word", [COMMON, RARE])
def test_the_hubs_search_pages_come_in_order_whichever_way_it_reads(
    site_vn, in_site, small_probe, word
):
    from hub import gather

    with in_site(site_vn):
        articles = _articles()
    shown, number = [], 1
    while True:
        found = gather.search(word, language="en", page=number)
        shown += [item.title for item in found.items]
        if number >= found.num_pages or not found.items:
            break
        number += 1

    # The hub has no title tier: newest first among all that hold the word.
    expected = [a.title_en for a in articles if word in f"{a.title_en} {a.summary_en}".split()]
    assert shown == expected[: len(shown)]
    assert len(shown) == len(expected) or found.capped


@pytest.mark.django_db
def test_a_more_than_count_stays_the_same_from_page_to_page(client, site_vn, in_site, small_probe):
    """Deeper pages read further and count more; the reader is shown the
    first page's "more than" figure on every page it covers, and can still
    page on past it."""
    with in_site(site_vn):
        _articles()
    host = {"HTTP_HOST": "cn-vn.localhost"}
    first = client.get(f"/en/search/?q={COMMON}", **host).context["pager"]
    assert first.count_is_lower_bound
    shown, pager = [first.count], first
    while pager.next_url and len(shown) < 6:
        pager = client.get(pager.next_url, **host).context["pager"]
        shown.append(pager.count)

    covered = first.count // first.per_page  # pages wholly within the figure
    assert shown[:covered] == [first.count] * covered
    assert len(shown) > covered  # more lie beyond, and "next" leads there
    assert all(count >= number * 20 - 19 for number, count in enumerate(shown, 1))
    # A forged figure never shows more than the page itself counted.
    forged = client.get(f"/en/search/?q={COMMON}&n=999", **host).context["pager"]
    assert forged.count == first.count


def _explain(sql: str) -> dict:
    """The plan of ``sql`` (EXPLAIN ANALYZE) as PostgreSQL makes it for a big
    table: on these few hundred rows it may read a shelf whole or by bitmap,
    whichever the statistics autovacuum last left suggest (a run under load
    planned without the date index and failed), while at 65,000 rows it reads
    the date index (bench/content.py)."""
    import json

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]


@pytest.mark.django_db
def test_a_product_named_in_other_languages_is_not_looked_up_when_the_title_holds_the_page(
    site_vn, in_site, small_probe
):
    """The other-language tier looks each row's translations up (an index
    descent per row); when the titles already hold the page and more, it is
    not read at all."""

    with in_site(site_vn):
        now = timezone.now()
        created = Article.objects.bulk_create(
            Article(
                slug=f"cashew-{n}",
                status=Article.Status.PUBLISHED,
                published_at=now - datetime.timedelta(hours=1, minutes=n),
                title_en=f"Cashew market {n}",
            )
            for n in range(120)
        )
        index_objects(created)
        search("cashew", language="en", site=site_vn)
        with CaptureQueriesContext(connection) as captured:
            found = search("cashew", language="en", site=site_vn)
        probe = next(q["sql"] for q in captured if "probe0 AS MATERIALIZED" in q["sql"])
        plan = _explain(probe)

    assert found.capped and len(found) == 20
    assert "EXISTS" in probe  # the tier is there, guarded
    assert _look_ups(plan) == 0


def _index_rows(plan: dict, index: str, kind: str) -> int:
    """Rows ``plan`` read through ``index`` for documents of ``kind``, not
    counting the shelf's size (``sizeN``: at most MIN_PROBE entries, counted
    to choose how to read it)."""
    if str(plan.get("Subplan Name", "")).startswith("CTE size"):
        return 0
    own = 0
    if plan.get("Index Name") == index and f"'{kind}'" in plan.get("Index Cond", ""):
        own = plan.get("Actual Rows", 0) * plan.get("Actual Loops", 1)
    return own + sum(_index_rows(child, index, kind) for child in plan.get("Plans", []))


def _probe_plan(captured) -> dict:
    return _explain(next(q["sql"] for q in captured if "probe0 AS MATERIALIZED" in q["sql"]))


@pytest.mark.django_db
def test_a_small_shelf_is_read_through_the_text_index_with_the_same_results(
    site_vn, in_site, monkeypatch
):
    """A shelf smaller than the probe's least allowance is read through the
    text indexes, its matches only: the same pages and counts as the probe,
    which reads it whole."""

    def pages() -> list:
        return [
            ([r.title for r in found], found.total, found.capped)
            for word in (COMMON, MIDDLING, RARE)
            for found in (search(word, language="en", page=n, site=site_vn) for n in (1, 2, 9))
        ]

    with in_site(site_vn):
        _articles()
        search(MIDDLING, language="en", site=site_vn)
        with CaptureQueriesContext(connection) as captured:
            search(MIDDLING, language="en", site=site_vn)
        through_index = pages()
        monkeypatch.setattr(newest, "SMALL_SHELF", 0)
        row_by_row = pages()
        plan = _probe_plan(captured)

    assert through_index == row_by_row
    assert through_index[3][1:] == (20, False)  # MIDDLING: one title in twelve of 240
    ctes = {cte["Subplan Name"]: cte for cte in _ctes(plan)}
    read = next(
        n for n, c in ctes.items() if n.startswith("CTE read") and _mentions(c, "'article'")
    )
    assert ctes[read]["Actual Rows"] == 20  # the matches, not the shelf's 240 rows


@pytest.mark.django_db
def test_a_deep_page_reads_only_as_far_as_its_titles_go(site_vn, in_site, small_probe):
    """Page 3 wants the newest 61 titles holding the word; three titles in
    four hold it, so about 81 articles hold them. The probe stops there, not
    at its allowance of 183 rows (page 10 of "rice tariffs" read 20,000 rows
    a shelf for 201 titles found in the newest 4,300)."""
    with in_site(site_vn):
        articles = _articles()
        search(COMMON, language="en", site=site_vn)
        with CaptureQueriesContext(connection) as captured:
            third = search(COMMON, language="en", page=3, site=site_vn)
        read = _index_rows(_probe_plan(captured), "search_document_kind_dated", "article")

    assert [r.title for r in third] == _expected(articles, COMMON)[40:60]
    assert read <= 90 < newest.probe_size(61)


@pytest.mark.django_db
def test_a_shelf_whose_newest_rows_match_nothing_is_left_to_the_text_index(
    site_vn, in_site, small_probe
):
    """The newest 40 documents are listings without the word: the probe
    gives up on their shelf after a quarter of its allowance (7 rows here;
    500 at full size) and the text index finds the shelf holds none."""
    from tests.factories.opportunities import make_listing

    with in_site(site_vn):
        _articles()
        for number in range(40):
            make_listing(texts={"en": (f"Listing {number}", "Plain offer.")})
        search(RARE, language="en", site=site_vn)
        with CaptureQueriesContext(connection) as captured:
            found = search(RARE, language="en", site=site_vn)
        plan = _probe_plan(captured)

    assert [r.title for r in found] == ["Bench item 12", "Bench item 196"]
    assert (found.total, found.capped) == (2, False)
    # What each shelf's probe kept (on so few rows PostgreSQL may read a
    # shelf whole to sort it; at 65,000 it reads the date index).
    assert _probe_rows(plan, "opportunity") <= 30 // 4
    assert _probe_rows(plan, "article") <= 30 // 4
    rare = [q["sql"] for q in captured if q["sql"].startswith("(WITH g")]
    assert any("d.kind = 'opportunity'" in sql for sql in rare)


def _mentions(plan: dict, text: str) -> bool:
    return any(text in str(value) for value in plan.values() if isinstance(value, str)) or any(
        _mentions(child, text) for child in plan.get("Plans", [])
    )


def _probe_rows(plan: dict, kind: str) -> int:
    """The rows the probe of ``kind``'s shelf kept (``probeN``, read from ``readN``)."""
    ctes = {cte["Subplan Name"]: cte for cte in _ctes(plan)}
    read = next(
        name
        for name, cte in ctes.items()
        if name.startswith("CTE read") and _mentions(cte, f"'{kind}'")
    )
    return ctes[read.replace("read", "probe")]["Actual Rows"]


@pytest.mark.django_db
def test_a_product_named_only_in_other_languages_is_looked_up_in_few_rows(site_vn, in_site):
    """The other-language tier costs a look-up per row: it reads at most
    fifteen rows per result wanted before leaving the tier to the text
    index, and stops once it holds a page (it read 2,100 articles for
    "hat dieu", 8,400 buffers, to find that none named cashew)."""
    with in_site(site_vn):
        now = timezone.now()
        created = Article.objects.bulk_create(
            Article(
                slug=f"nut-{n}",
                status=Article.Status.PUBLISHED,
                published_at=now - datetime.timedelta(hours=1, minutes=n),
                title_en=f"Market note {n}",
                # One article in four names cashew, in Vietnamese only.
                title_vi=f"Ghi chú thị trường {n}" + (" hạt điều" if n % 4 == 0 else ""),
            )
            for n in range(400)
        )
        index_objects(created)
        search("cashew", language="en", site=site_vn)
        with CaptureQueriesContext(connection) as captured:
            found = search("cashew", language="en", site=site_vn)
        plan = _probe_plan(captured)

    # (The demo's own cashew articles, named in English, come first.)
    notes = [r for r in found if r.title.startswith("Market note")]
    assert [r.title for r in notes] == [f"Market note {n}" for n in range(0, 4 * len(notes), 4)]
    assert len(notes) >= 10 and all(r.tier == query.Tier.OTHER_LANGUAGE for r in notes)
    # 20 results and one more, one row in four: about 84 articles looked up.
    # Counted as the look-up's runs, whichever index it goes through: on
    # these few hundred rows the planner's pick follows the statistics
    # autovacuum last left (after it had vacuumed earlier tests' rolled-back
    # rows away, unanalyzed, the content type's index instead of the unique
    # one; reproduced with rows inserted, rolled back and VACUUM).
    looked_up = [_look_ups(cte) for cte in _ctes(plan)]
    assert 0 < max(looked_up) <= 90


def _look_ups(plan: dict) -> int:
    """How many times ``plan`` (EXPLAIN ANALYZE, JSON) ran the other-language
    tier's look-up of a row's translations (its subplan reads ``o``)."""
    if plan.get("Parent Relationship") == "SubPlan" and _reads(plan, "o"):
        return plan.get("Actual Loops", 0)
    return sum(_look_ups(child) for child in plan.get("Plans", []))


def _reads(plan: dict, alias: str) -> bool:
    return plan.get("Alias") == alias or any(_reads(c, alias) for c in plan.get("Plans", []))


def _ctes(plan: dict) -> list[dict]:
    """The CTEs of ``plan`` (EXPLAIN ANALYZE, JSON), wherever they sit."""
    own = [plan] if str(plan.get("Subplan Name", "")).startswith("CTE ") else []
    return own + [cte for child in plan.get("Plans", []) for cte in _ctes(child)]


@pytest.mark.django_db
def test_a_product_search_asks_once_whether_the_earlier_tiers_are_known_whole(site_vn, in_site):
    """The other-language tier is read on every shelf (one per kind) only
    when the tiers before it are known whole. That question is one CTE that
    every shelf reads: written into each, PostgreSQL planned and ran it once
    a shelf (265 subplans and 3.5 ms of planning for "ca phe" at 100,000
    articles; 111 and 1.4 ms asked once)."""
    with in_site(site_vn):
        search("cashew", language="en", site=site_vn)
        with CaptureQueriesContext(connection) as captured:
            found = search("cashew", language="en", site=site_vn)
        probe = next(q["sql"] for q in captured if "probe0 AS MATERIALIZED" in q["sql"])
        plan = _explain(probe)

    assert found  # the demo's cashew articles
    assert len(kinds()) > 1  # so several shelves are guarded
    assert probe.count("whole0 AS MATERIALIZED") == 1 and "whole1" not in probe
    # The first shelf's probe counted once in the guard, every tier in the
    # same pass (more than the cap? a page and more?): not once a tier and
    # question (two subplans each), nor again for each shelf it guards.
    assert probe.count("FROM probe0 p) c, stop0 s") == 1
    assert "(SELECT count(*) FROM probe0 p WHERE" not in probe
    guards = [cte for cte in _ctes(plan) if cte["Subplan Name"] == "CTE whole0"]
    assert len(guards) == 1 and guards[0]["Actual Loops"] == 1
    # What every tier also requires (public, visible today) is written once
    # a read, not into each tier's condition: 'cà phê' repeated it 32 times.
    reads = probe.count("FROM search_searchdocument d") + probe.count(
        'FROM "search_searchdocument" d'
    )
    # (At most twice a read: before the tiers' CASE and the indexes' OR.)
    assert 0 < probe.count("d.is_public") <= 2 * reads


def test_rows_are_ranked_newest_first_undated_last_then_the_later_id():
    day = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    rows = [(3, day), (9, None), (5, day), (1, day + datetime.timedelta(hours=1)), (4, None)]
    key = sorted(rows, key=lambda row: newest.newest_first(row[1], row[0]))

    assert newest._newest_first(rows) == key == [
        (1, day + datetime.timedelta(hours=1)), (5, day), (3, day), (9, None), (4, None)
    ]  # fmt: skip


def _probes_on_server() -> list[tuple[int, int]]:
    """(generic plans, custom plans) of each probe statement prepared on
    this connection, as the server counts them."""
    with connection.connection.cursor() as raw:  # uncounted
        raw.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE '%% AS WITH %%probe0%%'"
        )
        return raw.fetchall()


@pytest.mark.django_db
def test_the_probe_is_prepared_once_and_finds_under_its_generic_plan_what_it_finds_unprepared(
    site_vn, in_site, small_probe
):
    """One statement for every word of a shape (the words are parameters):
    after its first runs PostgreSQL may keep a generic plan, chosen for the
    words it saw first; each word must still get the pages it gets when the
    SQL is planned for it alone (queries logged: run as written)."""
    words = [RARE, COMMON, MIDDLING] * 4
    with in_site(site_vn):
        _articles()
        with connection.cursor() as cursor:  # PostgreSQL's choice made for it
            cursor.execute("SET plan_cache_mode = force_generic_plan")
        try:
            prepared = [[r.title for r in search(word, language="en")] for word in words]
            plans = _probes_on_server()
            with CaptureQueriesContext(connection):  # logged: the SQL runs as it is
                planned_each_time = [
                    [r.title for r in search(word, language="en")] for word in words
                ]
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET plan_cache_mode")

    assert prepared == planned_each_time
    assert plans, "the probe did not run as a prepared statement"
    assert sum(generic for generic, _custom in plans) >= len(words)


@pytest.mark.django_db
def test_every_page_of_a_search_is_one_prepared_statement(site_vn, in_site, monkeypatch):
    """The page asked for is a parameter, not part of the SQL: written into
    it, each page of each query shape was a statement of its own (~1 MB in
    the server each; review, session 18), and a visitor paging through
    results pushed every page's prepared statements out."""
    # As in production, where the shelf sizes are known (a test's own
    # uncommitted writes would hide them).
    monkeypatch.setattr(query, "has_pending_writes", lambda connection: False)

    def probes() -> set[str]:  # prepared statements outlive a test's transaction
        with connection.connection.cursor() as raw:
            raw.execute(
                "SELECT name FROM pg_prepared_statements WHERE statement LIKE '%% AS WITH %%'"
            )
            return {name for (name,) in raw.fetchall()}

    with in_site(site_vn):
        _articles()
        before = probes()
        shown = [[r.title for r in search(COMMON, language="en", page=n)] for n in (1, 2, 3, 4)]
        new = probes() - before

    assert all(shown) and len({title for page in shown for title in page}) == 80
    assert len(new) == 1


def _rare_reads(sql: str) -> list[str]:
    """What each text-index read of a rare-path statement selects by (the
    WHERE of each ``gN`` CTE)."""
    import re

    return [
        cte.split(" WHERE ", 1)[1] for cte in re.findall(r"AS MATERIALIZED \((.*?) OFFSET 0\)", sql)
    ]


@pytest.mark.django_db
def test_a_word_rare_in_titles_and_texts_is_read_through_one_text_index(
    site_vn, in_site, small_probe
):
    """A title's words are in its document's text, so when both tiers of a
    shelf are rare the titles are picked out of the text's matches, row by
    row, not read again through the title index: at 100,000 articles each
    of those reads cost 2-2.5 ms even when it found nothing (a shelf's long
    posting list walked against the word's, or a prefix's matches in every
    language gathered first: "hat dieu", 海关 read in Vietnamese). The same
    pages, tiers and counts."""
    with in_site(site_vn):
        articles = _articles()
        titled = _rare_titles()
        search(RARE, language="en", site=site_vn)
        with CaptureQueriesContext(connection) as captured:
            found = search(RARE, language="en", site=site_vn)

    rare = [q["sql"] for q in captured if q["sql"].startswith("(WITH g")]
    assert len(rare) == 1
    reads = _rare_reads(rare[0])
    assert reads and all("d.vector @@" in where for where in reads)
    assert not any("title_vector @@" in where for where in reads)
    by_age = sorted(titled, key=lambda a: a.published_at, reverse=True)
    texts = [a.title_en for a in articles if RARE in a.summary_en.split()]
    assert [(r.title, r.tier) for r in found] == [
        *[(a.title_en, query.Tier.TITLE) for a in by_age],
        *[(title, query.Tier.TEXT) for title in texts],
    ]
    assert (found.total, found.capped) == (4, False)


def _rare_titles() -> list[Article]:
    """Two articles, an hour and more old, with RARE in their titles and
    plain summaries, indexed."""
    now = timezone.now()
    titled = Article.objects.bulk_create(
        Article(
            slug=f"rare-title-{n}",
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(hours=1, minutes=100 * n + 50),
            title_en=f"Bench item {RARE} {n}",
            summary_en="Plain words.",
        )
        for n in range(2)
    )
    index_objects(titled)
    return titled


@pytest.mark.django_db
def test_a_title_is_read_through_its_own_index_when_the_query_excludes_words(
    site_vn, in_site, small_probe, monkeypatch
):
    """With a negation ("kelapa" but not "kelapa sawit") a title can match
    where its text, holding the excluded words, does not: the titles are
    then not looked for among the text's matches."""
    from search.vocabulary import Understanding

    monkeypatch.setattr(
        query, "understand", lambda words, language, site: Understanding(f"'{RARE}':* & !'plain'")
    )
    with in_site(site_vn):
        _articles()  # RARE in two summaries, beside "Plain words."
        _rare_titles()
        found = search(RARE, language="en", site=site_vn)

    assert [(r.title, r.tier) for r in found] == [
        (f"Bench item {RARE} {n}", query.Tier.TITLE) for n in range(2)
    ]
    assert (found.total, found.capped) == (2, False)


@pytest.mark.django_db
def test_the_rare_path_of_a_product_named_in_other_languages_plans_no_parallel_workers(
    site_vn, in_site
):
    """Its semi join of a shelf against the product's mentions finds few
    rows or none; when PostgreSQL planned it as a parallel hash join (as
    statistics can make it) the two workers' start cost ~6-8 ms of a
    statement that takes 0.5 ms without them (bench/content.py's "hat
    dieu", its mentions' side empty). Only that statement: the connection's
    setting is as it was before and after it."""
    seen: list[str] = []

    def setting() -> str:
        with connection.connection.cursor() as raw:  # uncounted
            raw.execute("SHOW max_parallel_workers_per_gather")
            return raw.fetchone()[0]

    def watch(execute, sql, params, many, context):
        if sql.startswith("(WITH g"):
            seen.append(setting())
        return execute(sql, params, many, context)

    with in_site(site_vn):
        now = timezone.now()
        created = Article.objects.bulk_create(
            Article(
                slug=f"note-{n}",
                status=Article.Status.PUBLISHED,
                published_at=now - datetime.timedelta(hours=1, minutes=n),
                title_en=f"Market note {n}",
                title_vi=f"Ghi chú thị trường {n}" + (" hạt điều" if n == 300 else ""),
            )
            for n in range(400)
        )
        index_objects(created)
        before = setting()
        with connection.execute_wrapper(watch):
            found = search("cashew", language="en", site=site_vn)
        after = setting()

    assert "Market note 300" in [r.title for r in found]
    assert seen == ["0"]
    assert before == after != "0"
