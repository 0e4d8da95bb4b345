"""The kept fragments' store: this process's memory, bounded, least recently
used first out, each entry with its time to live.

Kept fragments (``web/templatetags/fragments.py``) are keyed by the site's
and the public schema's generations (``web.page_cache.fragment_scope``),
which every committed write moves for every process (``tenants.generations``):
a copy in one process's memory can outlive a change no more than a shared one
can, so there is nothing to gain from sharing them, and much to lose. A list
page reads 26–29 fragments; through Django's memory cache each read cost
~15–25 µs (the key checked character by character, a lock, unpickling), and
with ``CACHE_URL`` each was a round trip to Redis. Here a read is a dict look-up under
a lock, and HTML is kept as the string it is. Used with or without
``CACHE_URL``.

Bounds: :data:`MAX_ENTRIES` entries and :data:`MAX_BYTES` bytes of values
per process (DEPLOY.md); past either, the least recently used go first. An
entry is never read after its time to live (the life the page cache allows:
``PAGE_CACHE_SECONDS``, capped by the site's next scheduled change), by the
wall clock as Django's caches count it.
"""

import datetime
import pickle
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator

#: At most this many fragments per process (as the memory cache held before).
MAX_ENTRIES = 6000
#: At most this many bytes of kept values per process (``sys.getsizeof`` of
#: each string; an item of a list is ~1–3 kB, a page's header ~10 kB).
MAX_BYTES = 24 * 1024 * 1024

#: Values kept as they are: nothing can change them in place. Anything else
#: is kept pickled, so each reader gets its own copy, as from a cache.
_IMMUTABLE = (str, int, float, bool, datetime.date, datetime.time, datetime.timedelta)


class _Pickled(bytes):
    """A value kept pickled (not a plain ``bytes`` value)."""


def _frozen(value: object) -> bool:
    if isinstance(value, _IMMUTABLE) or value is None:
        return True
    return type(value) is tuple and all(_frozen(item) for item in value)


class FragmentStore:
    """A bounded per-process store with a time to live per entry."""

    def __init__(self, *, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        # key -> (expires at, value, size): least recently used first.
        self._entries: OrderedDict[str, tuple[float, object, int]] = OrderedDict()
        self._bytes = 0
        # Threads of one process (runserver, tests) share the store.
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    @property
    def size(self) -> int:
        """Bytes of the values kept."""
        return self._bytes

    def __iter__(self) -> Iterator[str]:
        """The keys held (expired ones too, until read or pushed out)."""
        with self._lock:
            return iter(list(self._entries))

    def get(self, key: str, default: object = None) -> object:
        now = time.time()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return default
            if entry[0] <= now:
                self._drop(key)
                return default
            self._entries.move_to_end(key)
        value = entry[1]
        return pickle.loads(value) if type(value) is _Pickled else value

    def get_many(self, keys: Iterable[str]) -> dict[str, object]:
        found: dict[str, object] = {}
        now = time.time()
        entries = self._entries
        with self._lock:
            for key in keys:
                entry = entries.get(key)
                if entry is None:
                    continue
                if entry[0] <= now:
                    self._drop(key)
                    continue
                entries.move_to_end(key)
                found[key] = entry[1]
        for key, value in found.items():
            if type(value) is _Pickled:
                found[key] = pickle.loads(value)
        return found

    def set(
        self, key: str, value: object, timeout: float | None = None, *, until: float | None = None
    ) -> None:
        """Keep ``value`` for ``timeout`` seconds, or ``until`` a moment
        (seconds since the epoch); nothing if that is not ahead."""
        expires = time.time() + timeout if until is None else until
        if expires <= time.time():
            self.delete(key)
            return
        if not _frozen(value):
            value = _Pickled(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        size = sys.getsizeof(value) + sys.getsizeof(key)
        if size > self.max_bytes:
            self.delete(key)  # never kept: it would push out everything else
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (expires, value, size)
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _key, (_expires, _value, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def delete(self, key: str) -> None:
        with self._lock:
            if key in self._entries:
                self._drop(key)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        # Under the lock.
        self._bytes -= self._entries.pop(key)[2]


#: This process's kept fragments.
fragments = FragmentStore()
#: This process's kept rows and counts: a detail page's object, a list's
#: page of rows and its count (``kept_value(..., store=kept_rows)``). Apart
#: from the fragments: anyone can make new list addresses (a parameter
#: more), whose rows must not push the pages' fragments out. A row or a
#: page of keys is ~1–3 kB pickled.
kept_rows = FragmentStore(max_entries=3000, max_bytes=8 * 1024 * 1024)
