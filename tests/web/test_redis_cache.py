"""With CACHE_URL, the caches keep one Redis client per server
(web/redis_cache.py): Django's backend made a new ``redis.Redis`` for every
cache operation, and redis-py builds its table of response callbacks anew in
each one."""

import os
import subprocess
import sys

import redis
import time_machine

from tests.servers import redis_server
from web.page_store import RedisPages
from web.redis_cache import RedisCache


def _counting_clients(monkeypatch) -> list:
    made = []
    original = redis.Redis.__init__

    def counted(self, *args, **kwargs):
        made.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counted)
    return made


def test_one_client_serves_every_operation_of_a_cache(tmp_path, monkeypatch):
    made = _counting_clients(monkeypatch)
    with redis_server(tmp_path) as url:
        cache = RedisCache(url, {"KEY_PREFIX": "t"})
        cache.set("visits", 1)
        assert cache.add("visits", 5) is False
        assert cache.incr("visits") == 2
        assert cache.get_many(["visits", "nobody"]) == {"visits": 2}
        cache.set_many({"a": "x", "b": ("y", 3)})
        assert (cache.get("a"), cache.get("b")) == ("x", ("y", 3))
        assert cache.delete("visits") is True
        assert cache.get("visits", "gone") == "gone"
        cache.clear()
        assert cache.get("a") is None
    assert len(made) == 1


def test_the_stored_pages_cache_keeps_its_client_too(tmp_path, monkeypatch):
    made = _counting_clients(monkeypatch)
    with redis_server(tmp_path) as url:
        pages = RedisPages(url, {"KEY_PREFIX": "pages"})
        for number in range(20):
            pages.set(f"page:{number}", {"parts": [b"<p>", b"</p>"]}, 60)
            assert pages.get(f"page:{number}") == {"parts": [b"<p>", b"</p>"]}
    assert len(made) == 1


def test_a_client_kept_before_a_fork_works_in_the_child(tmp_path):
    """gunicorn forks its workers: a client made in the parent must not
    share its sockets with a child (redis-py's pool reconnects in a new
    process)."""
    with redis_server(tmp_path) as url:
        cache = RedisCache(url, {})
        cache.set("before", "the fork")
        pid = os.fork()
        if pid == 0:  # the child: its answer is its exit status
            try:
                read = cache.get("before") == "the fork"
                cache.set("child", "wrote")
                os._exit(0 if read else 1)
            except BaseException:
                os._exit(2)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert (cache.get("child"), cache.get("before")) == ("wrote", "the fork")


def test_with_cache_url_the_settings_use_the_kept_clients():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;"
            " print(settings.CACHES['default']['BACKEND']);"
            " print(settings.CACHES['pages']['BACKEND'])",
        ],
        env={"DJANGO_SETTINGS_MODULE": "portal.settings", "CACHE_URL": "redis://127.0.0.1:1/0"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["web.redis_cache.RedisCache", "web.page_store.RedisPages"]


def test_a_worker_reads_its_stored_pages_from_its_own_memory(tmp_path, redis_commands):
    """Stored pages' keys hold the generations, read from Redis on every
    request: a copy in the worker's memory is ended by a write as surely as
    the shared one, and costs no round trip to read."""
    with redis_server(tmp_path) as url:
        worker, other_worker = RedisPages(url, {}), RedisPages(url, {})
        page = {"status": 200, "parts": [b"<p>page</p>"]}
        worker.set("page:1", page, 60)
        redis_commands.clear()  # from here on

        assert worker.get("page:1") == page
        assert redis_commands == []
        assert other_worker.get("page:1") == page  # stored by another worker
        assert other_worker.get("page:1") == page
        assert redis_commands == ["GET"]


def test_a_stored_page_lives_no_longer_in_a_workers_memory_than_in_redis(tmp_path):
    """A page's life ends at the site's next scheduled change
    (web.page_cache._until): the copy another worker takes from Redis ends
    with it, not a full life after it was read."""
    with redis_server(tmp_path) as url, time_machine.travel(1_900_000_000, tick=False) as clock:
        RedisPages(url, {}).set("page:1", {"parts": [b"x"]}, 30)
        clock.shift(20)
        reader = RedisPages(url, {})
        assert reader.get("page:1") == {"parts": [b"x"]}
        clock.shift(11)  # 31 s after it was stored (Redis itself keeps real time)
        assert reader.get("page:1", "gone") == "gone"


def test_deleting_or_clearing_stored_pages_reaches_the_workers_copy(tmp_path):
    with redis_server(tmp_path) as url:
        pages = RedisPages(url, {})
        pages.set("page:1", "one", 60)
        pages.set("page:2", "two", 60)
        pages.delete("page:1")
        assert pages.get("page:1") is None
        pages.clear()
        assert pages.get("page:2") is None
        assert RedisPages(url, {}).get("page:2") is None


def test_pages_stored_by_the_previous_release_and_by_this_one_never_meet(tmp_path):
    """During a rolling deploy both releases share Redis: the previous one
    stored a page as it is, this one with the moment it ends. Neither reads
    the other's (the previous release would have failed on this one's)."""
    from django.core.cache.backends.redis import RedisCache as PreviousPages

    with redis_server(tmp_path) as url:
        previous, current = (
            PreviousPages(url, {"KEY_PREFIX": "pages"}),
            RedisPages(url, {"KEY_PREFIX": "pages"}),
        )
        previous.set("page:1", {"status": 200, "parts": [b"old"]}, 60)
        current.set("page:2", {"status": 200, "parts": [b"new"]}, 60)

        assert current.get("page:1") is None
        assert previous.get("page:2") is None


def test_a_stored_value_not_in_the_pages_format_is_a_miss_not_an_error(tmp_path):
    with redis_server(tmp_path) as url:
        pages = RedisPages(url, {"KEY_PREFIX": "pages"})
        raw = RedisCache(url, {"KEY_PREFIX": "pages", "VERSION": RedisPages.FORMAT})
        raw.set("page:1", {"status": 200, "parts": [b"x"]}, 60)  # not (end, page)
        assert pages.get("page:1", "missed") == "missed"
