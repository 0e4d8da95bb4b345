"""With CACHE_URL, the caches keep one Redis client per server
(web/redis_cache.py): Django's backend made a new ``redis.Redis`` for every
cache operation, and redis-py builds its table of response callbacks anew in
each one."""

import os
import subprocess
import sys

import redis

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
