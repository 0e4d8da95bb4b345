"""The generation numbers of a shared cache (Redis), kept in each process
until Redis says one changed: Redis's client-side caching ("tracking"), in
broadcast mode, over one connection of the process's own.

Why: every request reads two numbers (its site's and the public schema's,
tenants/generations.py). Read from Redis (MGET), that was ~84 µs of a
worker's CPU a request, and redis-server's besides, where Django's bare view
takes ~400 µs in all: with CACHE_URL the portal's bare view served 0.72 of
Django's (bench/http.py --redis). Asking the watching connection whether
Redis has sent anything is one poll of its socket, ~3 µs.

Why it stays right:

- The connection asks Redis to report every change to a key under the
  numbers' prefix (``CLIENT TRACKING ON BCAST PREFIX``) before any number is
  kept, so a number read afterwards is reported when it changes, whichever
  process changes it and however (a write, eviction, expiry, FLUSHALL).
- Any report, about any number, makes the process forget every number it
  kept: writes are rare next to reads, and a worker then reads them again
  in one MGET. Nothing is parsed that could be misread.
- A process that moves a number itself forgets them all, and then waits for
  Redis to answer a PING on its watching connection. Redis writes a change's
  reports to every watcher in the pass that follows the change, before it
  reads the next command: once the PING is answered, every worker of the
  host has the report in its socket, read at its next request. The writer's
  reader in another worker never sees the old number.
- Anything wrong with the connection (Redis restarted, a network error, a
  reply that is not a report) forgets everything and closes it; numbers are
  then read from Redis on every request, and the connection is opened again
  a second later. A forked process (a gunicorn worker) and each thread open
  their own.
"""

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable

from redis import ConnectionPool
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

#: Seconds before a connection that failed is tried again.
RETRY_SECONDS = 1.0


class GenerationWatch(threading.local):
    """The numbers this process (thread) has read from one Redis, and the
    connection over which Redis reports their changes."""

    def __init__(self) -> None:
        self._connection = None
        self._place: tuple[int, str, str] | None = None  # (process, URL, prefix)
        self._known: dict[str, int] = {}
        self._retry_at = 0.0

    def numbers(
        self, url: str, prefix: str, keys: list[str], read: Callable[[list[str]], list[int]]
    ) -> list[int]:
        """The numbers under ``keys`` (cache keys, each starting with
        ``prefix`` in Redis, ``url``): kept ones, and those not kept read with
        ``read(keys)`` and kept while Redis reports no change."""
        if not self._watching(url, prefix):
            return read(keys)
        known = self._known
        missing = [key for key in keys if key not in known]
        if missing:
            known.update(zip(missing, read(missing), strict=True))
        return [known[key] for key in keys]

    def moved(self, url: str, prefix: str) -> None:
        """This process has just moved numbers: forget them all, and return
        once Redis has sent every other watcher the report."""
        self._known.clear()
        if self._connection is None or self._place != (os.getpid(), url, prefix):
            return
        try:
            self._connection.send_command("PING")
            # Reports sent before the answer are read with it (and forgotten
            # above already); anything else is not what was asked for.
            if self._connection.read_response() not in (b"PONG", "PONG"):
                raise RedisError("PING was not answered with PONG")
        except (RedisError, OSError):
            self._close("lost while waiting for its own change to be reported")

    def _watching(self, url: str, prefix: str) -> bool:
        place = (os.getpid(), url, prefix)
        if self._place != place:
            # Another Redis, or a connection inherited from the parent
            # process: both sides would read the same socket.
            self._connection = None
            self._known.clear()
            self._place = place
            self._retry_at = 0.0
        if self._connection is None and not self._connect(url, prefix):
            return False
        try:
            while self._connection.can_read(0):
                # A report: read as None. Any reply would be a mistake.
                if self._connection.read_response(push_request=True) is not None:
                    raise RedisError("an unexpected reply on the watching connection")
                self._known.clear()
        except (RedisError, OSError):
            self._close("lost")
            return False
        return True

    def _connect(self, url: str, prefix: str) -> bool:
        if time.monotonic() < self._retry_at:
            return False
        connection = ConnectionPool.from_url(url, protocol=3).make_connection()
        try:
            connection.connect()
            connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", prefix)
            if connection.read_response() not in (b"OK", "OK"):
                raise RedisError("CLIENT TRACKING was refused")
        except (RedisError, OSError):
            connection.disconnect()
            self._retry_at = time.monotonic() + RETRY_SECONDS
            logger.warning(
                "cannot watch generation numbers on %s: read on every request", url, exc_info=True
            )
            return False
        self._known.clear()  # nothing read before the watch began is kept
        self._connection = connection
        return True

    def _close(self, why: str) -> None:
        logger.warning("the connection watching generation numbers was %s", why, exc_info=True)
        self._known.clear()
        with contextlib.suppress(RedisError, OSError):
            self._connection.disconnect()
        self._connection = None
        self._retry_at = time.monotonic() + RETRY_SECONDS


watch = GenerationWatch()
