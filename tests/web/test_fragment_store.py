"""The kept fragments' per-process store (web/fragment_store.py): bounded,
least recently used out first, nothing read past its time to live, and a
commit on another connection ends every fragment of the site."""

import io
import threading

import time_machine
from django.db import connections
from django.test import Client
from django_tenants.utils import schema_context

from cooperation.models import Article
from web.fragment_store import FragmentStore
from web.fragment_store import fragments as kept_fragments

VN = "cn-vn.localhost"


def test_nothing_is_read_past_its_time_to_live():
    store = FragmentStore()
    with time_machine.travel(1_000_000, tick=False) as clock:
        store.set("a", "<li>a</li>", timeout=60)
        clock.shift(59)
        assert store.get("a") == "<li>a</li>"
        assert store.get_many(["a"]) == {"a": "<li>a</li>"}
        clock.shift(1)
        assert store.get("a") is None
        assert store.get_many(["a"]) == {}
    assert len(store) == 0 and store.size == 0


def test_the_bounds_hold_and_the_least_recently_used_go_first():
    store = FragmentStore(max_entries=3, max_bytes=10_000)
    for name in "abc":
        store.set(name, name * 100, timeout=60)
    store.get("a")  # now the most recently used
    store.set("d", "d" * 100, timeout=60)
    assert sorted(store) == ["a", "c", "d"]

    for n in range(1000):  # memory stays flat, whatever is kept
        store.set(f"k{n}", "x" * 3000, timeout=60)
    assert len(store) <= 3 and store.size <= 10_000
    store.set("huge", "x" * 20_000, timeout=60)  # larger than the whole store
    assert "huge" not in store and len(store) > 0


def test_strings_are_kept_as_they_are_other_values_as_copies():
    store = FragmentStore()
    html = "<li>cà phê</li>"
    store.set("html", html, timeout=60)
    store.set("pair", (True, False), timeout=60)
    shown = [1, 2]
    store.set("list", shown, timeout=60)
    shown.append(3)
    store.get("list").append(4)

    assert store.get("html") is html
    assert store.get("pair") == (True, False)
    assert store.get("list") == [1, 2]


def test_a_commit_on_another_connection_ends_the_sites_fragments(site_vn):
    def in_another_connection(title: str | None) -> None:
        # Its own connection, in autocommit: the write is committed at once
        # and moves the generation, as another worker's would.
        def run() -> None:
            try:
                with schema_context(site_vn.schema_name):
                    Article.objects.filter(pk=shown.pk).update(title_en=title)
            finally:
                connections.close_all()

        thread = threading.Thread(target=run)
        thread.start()
        thread.join()

    with schema_context(site_vn.schema_name):
        shown = Article.objects.published().exclude(title_en=None).exclude(title_en="").first()

    def page() -> str:
        response = Client().get("/en/news/", HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")
        return response.content.decode()

    assert shown.title_en in page()
    before = set(kept_fragments)
    try:
        in_another_connection("Changed on another connection")
        after = page()
    finally:
        in_another_connection(shown.title_en)

    assert "Changed on another connection" in after
    assert shown.title_en not in after
    # Every fragment the page read was made again, under new keys.
    assert len(set(kept_fragments) - before) >= len(before) > 0


def test_clear_page_cache_ends_every_kept_fragment_in_every_process(site_vn):
    # It moves the generations (every process reads them), not this store.
    from django.core.management import call_command

    def fresh() -> None:
        response = Client().get("/en/news/", HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")
        assert response.status_code == 200

    fresh()
    before = set(kept_fragments)
    call_command("clear_page_cache", stdout=io.StringIO())
    fresh()

    assert len(set(kept_fragments) - before) >= len(before) > 0
