"""Django's Redis cache backend, keeping one client per server.

Django's ``RedisCacheClient.get_client`` makes a new ``redis.Redis`` for
every cache operation, and redis-py builds its table of ~165 response
callbacks anew in each (redis/redis-py#3624): 56 µs of CPU a client on this
machine (timeit), where a GET round trip to a local Redis is ~127 µs of wall
time. A page served from the page cache makes three or four such operations
(the site's address, the generations, the stored page): with CACHE_URL, the
deployment DEPLOY.md describes, the benchmark's bare view served 1,650
requests a second against 4,700 for Django's own (bench/http.py).

A ``redis.Redis`` is meant to be shared: it takes a connection from its pool
for each command, from any thread, and the pool opens new connections in a
forked process (gunicorn's workers) rather than use its parent's.
"""

from django.core.cache.backends import redis as django_redis


class KeptClients(django_redis.RedisCacheClient):
    """Django's client, handing out one ``redis.Redis`` per connection pool."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        # Pools live as long as this object (Django keeps them in _pools),
        # so their ids are never reused while this is.
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with :class:`KeptClients`."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = KeptClients
