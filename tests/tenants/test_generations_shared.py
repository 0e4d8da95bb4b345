"""Generation numbers on Redis (CACHE_URL), against a real redis-server: a
change made by any process, or a number Redis lost, is seen by the next
read. (Whatever a process may one day keep of them to save the round trip
must keep these; session 25 tried Redis's client-side caching and took it
out: see #14's notes.)"""

import os
import threading

import redis

from tenants import generations
from tests.servers import redis_server

SCHEMA = "site_watched"
OTHER = "site_other"


def in_another_thread(work) -> None:
    """``work()`` as another worker would run it: its own cache client (per
    thread, as it is per process)."""
    failures = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # re-raised in the test's thread
            failures.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive()
    if failures:
        raise failures[0]


def test_a_write_in_another_process_is_seen_by_the_next_read(on_redis):
    before = generations.current(SCHEMA)

    in_another_thread(lambda: generations.bump(SCHEMA))

    after = generations.current(SCHEMA)
    assert after[0] > before[0]
    assert after[1] == before[1]
    in_another_thread(lambda: generations.bump(generations.PUBLIC))
    assert generations.current(OTHER)[1] > before[1]
    assert generations.current(SCHEMA) == (after[0], generations.current(OTHER)[1])


def test_this_process_sees_its_own_write_at_once(on_redis):
    before = generations.current(SCHEMA)

    generations.bump(SCHEMA)

    assert generations.current(SCHEMA)[0] > before[0]


def test_a_number_redis_lost_is_not_kept(on_redis):
    """Evicted, expired or flushed: Redis names the key (or all keys)."""
    before = generations.current(SCHEMA)
    redis.Redis.from_url(on_redis).flushall()

    after = generations.current(SCHEMA)

    assert after[0] != before[0]
    assert after[0] == generations.current(SCHEMA)[0]


def test_numbers_are_read_again_after_redis_restarts(settings, tmp_path):
    with redis_server(tmp_path) as url:
        settings.CACHES = {"default": {"BACKEND": "web.redis_cache.RedisCache", "LOCATION": url}}
        generations.current(SCHEMA)  # made: Redis reports the new keys, read once more
        before = generations.current(SCHEMA)
    with redis_server(tmp_path) as again:
        assert again == url
        # The watch's connection was closed with the first server: what it
        # kept may be out of date (a write it could not hear of).
        redis.Redis.from_url(url).set(
            generations.cache.make_key(generations._key(SCHEMA)), before[0] + 7
        )

        assert generations.current(SCHEMA)[0] == before[0] + 7


def test_a_forked_worker_keeps_no_number_its_parent_read(on_redis):
    """Gunicorn forks its workers from a process that may have read numbers:
    a child reading its parent's watch would miss what the parent took off
    their shared connection."""
    before = generations.current(SCHEMA)
    ready_read, ready_write = os.pipe()
    answer_read, answer_write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover — the child reports through the pipe
        try:
            os.read(ready_read, 1)
            number = generations.current(SCHEMA)[0]
            os.write(answer_write, str(number).encode())
        finally:
            os._exit(0)
    in_another_thread(lambda: generations.bump(SCHEMA))
    moved = generations.current(SCHEMA)[0]  # the parent reads the news first
    os.write(ready_write, b"x")
    seen_by_child = int(os.read(answer_read, 100))
    os.waitpid(child, 0)

    assert moved > before[0]
    assert seen_by_child == moved
