"""The shelf sizes a search keeps per site generation (search.query.shelf_rows):
with them, empty shelves are left out of the statement and small ones read
one way only, with the same results, tiers, counts and pages as when the
statement counts them itself; and a kind's first document is searched as
soon as it is committed."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from cooperation.models import Article
from search import newest, query
from search.models import SearchDocument
from search.query import search
from search.registry import index_objects
from tenants import generations
from tests.factories.opportunities import make_listing


@pytest.fixture
def committed(monkeypatch):
    """As after a commit: nothing pending on the connection, the site's
    generation moved (``committed()`` again after more writes)."""
    monkeypatch.setattr(query, "has_pending_writes", lambda connection: False)

    def commit() -> None:
        generations.bump(connection.schema_name)

    return commit


def _pages(word: str, language: str, site) -> list:
    return [
        ([(r.key, r.tier) for r in found], found.total, found.capped, found.has_next)
        for number in (1, 2, 5, 9)
        for found in (search(word, language=language, page=number, site=site),)
    ]


@pytest.mark.django_db
def test_kept_sizes_give_the_same_pages_as_sizes_counted_in_the_statement(
    site_vn, in_site, committed, monkeypatch
):
    """Articles that name cashew in Vietnamese only: the newest 30 and then
    one in four (the other-language tier, looked up row by row on page 1,
    through the text index with the probe's stop on page 2, read whole on
    page 9), English titles that name a made-up word one in three, and no
    questions."""
    with in_site(site_vn):
        now = timezone.now()
        created = Article.objects.bulk_create(
            Article(
                slug=f"nut-{n}",
                status=Article.Status.PUBLISHED,
                published_at=now - datetime.timedelta(hours=1, minutes=n),
                title_en=f"Market note {n}" + (" zorblat" if n % 3 == 0 else ""),
                title_vi=f"Ghi chú {n}" + (" hạt điều" if n < 30 or n % 4 == 0 else ""),
            )
            for n in range(400)
        )
        index_objects(created)
        SearchDocument.objects.filter(kind="question").delete()
        committed()
        kept = [_pages(word, "en", site_vn) for word in ("cashew", "zorblat", "Market")]
        sizes = query.shelf_rows("en")
        monkeypatch.setattr(query, "shelf_rows", lambda language: None)
        counted = [_pages(word, "en", site_vn) for word in ("cashew", "zorblat", "Market")]

    assert sizes["article"] > 400 and sizes["question"] == 0  # left out of the statement
    assert kept == counted
    assert kept[0][0][2:] == (True, True)  # cashew: more than a page, said so
    assert kept[1][3][1:3] == (134, False)  # zorblat: one note in three, counted exactly


@pytest.mark.django_db
def test_the_first_document_of_a_kind_is_found_once_committed(site_vn, in_site, committed):
    with in_site(site_vn):
        SearchDocument.objects.filter(kind="opportunity").delete()
        committed()
        assert search("quenmir", language="en", site=site_vn).total == 0
        assert query.shelf_rows("en")["opportunity"] == 0  # kept: left out of the statement

        make_listing(texts={"en": ("Quenmir wanted", "Plain offer.")})
        committed()
        found = search("quenmir", language="en", site=site_vn)

    assert [r.title for r in found] == ["Quenmir wanted"]


@pytest.mark.django_db
def test_sizes_are_not_kept_while_the_connection_holds_uncommitted_writes(site_vn, in_site):
    with in_site(site_vn):
        make_listing(texts={"en": ("Quenmir wanted", "Plain offer.")})
        sizes = query.shelf_rows("en")
        found = search("quenmir", language="en", site=site_vn)

    assert sizes is None and [r.title for r in found] == ["Quenmir wanted"]


@pytest.mark.django_db
def test_each_site_keeps_its_own_sizes(site_vn, site_id, in_site, committed):
    with in_site(site_vn):
        make_listing(texts={"en": ("Quenmir wanted", "Plain offer.")})
        committed()
        vn = query.shelf_rows("en")
        assert [r.title for r in search("quenmir", language="en", site=site_vn)] == [
            "Quenmir wanted"
        ]
    with in_site(site_id):
        SearchDocument.objects.filter(kind="opportunity").delete()
        committed()
        other = query.shelf_rows("en")
        assert search("quenmir", language="en", site=site_id).total == 0

    assert other["opportunity"] == 0 < vn["opportunity"]
    assert max(vn.values()) <= newest.SMALL_SHELF + 1


@pytest.mark.django_db
def test_a_small_costly_shelf_read_through_the_index_alone_gives_the_same_pages(
    site_vn, in_site, committed, monkeypatch
):
    """Listings that name cashew in Vietnamese only (the other-language tier,
    a costly shelf): 24 of them, the newest first, so the newest 21 rows
    all match on page 1 and later pages run out. Read through the text index
    alone (a shelf of at most COSTLY_SORTED × 21 rows), the pages are those
    of looking the newest rows up one by one first."""
    with in_site(site_vn):
        for n in range(24):
            make_listing(texts={"vi": (f"Cần mua hạt điều {n}", "Hàng loại một.")})
        committed()
        rows, sorted_rows = query.shelf_rows("en")["opportunity"], newest.COSTLY_SORTED * 21
        read = [_pages("cashew", "en", site_vn), _pages("quenmir", "en", site_vn)]
        monkeypatch.setattr(newest, "COSTLY_SORTED", 0)  # every small shelf looked up first
        looked = [_pages("cashew", "en", site_vn), _pages("quenmir", "en", site_vn)]

    assert rows <= sorted_rows  # read through the text index alone, unless patched
    assert read == looked
    assert len(read[0][0][0]) == 20 and read[0][0][3]  # a full first page, and more
