"""What a query means in the vocabulary (search.vocabulary.understand), kept
between searches until the vocabulary changes."""

import time
import unittest.mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from search.models import ProductTerm
from search.vocabulary import choices, understand
from tests.factories.articles import make_article


@pytest.mark.django_db
def test_a_synonym_an_editor_adds_is_understood_by_the_next_search(site_vn, in_site):
    with in_site(site_vn):
        before = understand(["zorbnut"], "en", site_vn)
        ProductTerm.objects.create(product_id="0801", language="en", text="zorbnut")
        after = understand(["zorbnut"], "en", site_vn)
        ProductTerm.objects.filter(text="zorbnut").get().delete()
        gone = understand(["zorbnut"], "en", site_vn)

    assert before.codes == [] and gone.codes == []
    assert after.codes == ["0801"] and "zorbnut" in after.words


@pytest.mark.django_db
def test_a_synonym_written_anyhow_is_understood_once_committed(
    site_vn, in_site, django_capture_on_commit_callbacks
):
    """Written by another worker, a command or plain SQL (no model signal):
    its commit moves the vocabulary's generation for every process."""
    with in_site(site_vn):
        assert understand(["zorbnut"], "en", site_vn).codes == []  # kept by this worker
        assert "zorbnut" not in str(choices("en", site_vn))
        with django_capture_on_commit_callbacks(execute=True), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ProductTerm._meta.db_table} SET text = 'Zorbnut',"
                " vector = to_tsvector('simple', 'zorbnut'), phrase = 'zorbnut'"
                " WHERE product_id = '0801' AND language = 'en' AND kind = 'name'"
            )
        after = understand(["zorbnut"], "en", site_vn)
        names = str(choices("en", site_vn))

    assert after.codes == ["0801"]
    assert "Zorbnut" in names


@pytest.mark.django_db
def test_the_vocabulary_is_kept_across_the_sites_other_writes(
    site_vn, in_site, django_capture_on_commit_callbacks
):
    """Any committed write moves the site's generation; the vocabulary has its
    own, moved only by writes to its tables: a registration or an article no
    longer makes every worker read ~1,200 products and their names again
    (~2.5 ms of the first news list after a write, bench/http.py --profile
    --after-write)."""
    with in_site(site_vn):
        understand(["cashew"], "en", site_vn)
        choices("en", site_vn)
        with django_capture_on_commit_callbacks(execute=True):
            make_article(slug="unrelated", texts={"en": "Unrelated news"})
        with CaptureQueriesContext(connection) as read:
            understood = understand(["cashew"], "en", site_vn)
            grouped = choices("en", site_vn)

    assert understood.codes and grouped
    assert [query["sql"] for query in read.captured_queries] == []


@pytest.mark.django_db
def test_what_a_transaction_wrote_to_the_vocabulary_is_not_kept_for_others(
    site_vn, in_site, django_capture_on_commit_callbacks
):
    """Read before its commit, a new name is this connection's alone: kept,
    it would be shown to every reader if the transaction rolled back."""
    with in_site(site_vn):
        choices("en", site_vn)
        with transaction.atomic():
            ProductTerm.objects.filter(product_id="0801", language="en", kind="name").update(
                text="Rolled back name"
            )
            assert "Rolled back name" in str(choices("en", site_vn))
            transaction.set_rollback(True)
        names = str(choices("en", site_vn))

    assert "Rolled back name" not in names


@pytest.mark.django_db
def test_many_searches_do_not_push_other_entries_out_of_the_default_cache(site_vn, in_site):
    from django.core.cache import cache

    # The default cache (300 entries without CACHE_URL) holds the sign-in and
    # form rate limits: a visitor's stream of searches must not evict them.
    cache.set("a-rate-limit-count", 3, 600)
    with in_site(site_vn):
        for number in range(320):
            understand([f"zorb{number}"], "en", site_vn)

    assert cache.get("a-rate-limit-count") == 3


class _RecordingRouter:
    """Routes nothing; notes the models whose reads asked for a database."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def db_for_read(self, model, **hints):
        self.asked.append(model._meta.label)


@pytest.mark.django_db
def test_what_is_kept_of_the_vocabulary_is_read_from_the_primary(site_vn, in_site, monkeypatch):
    """Kept until the vocabulary's number moves, it must not come from a
    replica that lags behind that number (tenants.replica routes visitors'
    reads there)."""
    from django.db import router

    recording = _RecordingRouter()
    monkeypatch.setitem(router.__dict__, "routers", [recording, *router.routers])
    with in_site(site_vn):
        understand(["cashew"], "en", site_vn)
        choices("en", site_vn)

    assert [label for label in recording.asked if label.startswith("search.")] == []


@pytest.mark.django_db
def test_the_kept_vocabulary_is_read_again_after_a_while_whatever_missed_its_number(
    site_vn, in_site
):
    """A write the watcher cannot see (COPY, which goes past Django's
    connection) does not move the vocabulary's number: what is kept lives
    CHOICES_TIMEOUT at most, as the cache entry it replaced did."""
    from search import vocabulary

    with in_site(site_vn):
        choices("en", site_vn)
        understand(["cashew"], "en", site_vn)
        with CaptureQueriesContext(connection) as soon:
            choices("en", site_vn)
        later = time.monotonic() + vocabulary.CHOICES_TIMEOUT + 1
        with (
            unittest.mock.patch.object(vocabulary.time, "monotonic", return_value=later),
            CaptureQueriesContext(connection) as late,
        ):
            choices("en", site_vn)
            understand(["cashew"], "en", site_vn)

    assert len(soon) == 0
    assert any("search_productcode" in query["sql"] for query in late.captured_queries)
    assert any("search_productterm" in query["sql"] for query in late.captured_queries)
