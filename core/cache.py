"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache call, and
building one registers a few hundred response callbacks: about as much time as the call itself
(the page cache and the memo read the cache on every request). So each backend (Django makes one
per thread) keeps one per pool; a ``redis.Redis`` takes a connection from its pool for each
command, so even a shared one would be safe.
"""

import time

from django.core.cache.backends import redis as django_redis

# While the cache server is down every request meets it; its traceback is logged once a minute.
OUTAGE_LOG_SECONDS = 60
_outage_logged = {}


class RedisCacheClient(django_redis.RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(index)
        if client is None:
            client = clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


def report_outage(logger, message):
    """Log ``message`` with the current exception's traceback, at most once every
    OUTAGE_LOG_SECONDS per message and process (the requests in between log it at DEBUG), so an
    outage reads as one line a minute instead of one per request."""
    now = time.monotonic()
    last = _outage_logged.get(message)
    if last is not None and now - last < OUTAGE_LOG_SECONDS:
        logger.debug(message, exc_info=True)
        return
    _outage_logged[message] = now
    logger.exception(message)
