"""core/cache.py: Django's Redis cache with a shared client, on the real Redis server."""

import threading
import uuid

import pytest
import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from core.cache import RedisCache

URL = "redis://127.0.0.1:6379/2"


@pytest.fixture
def cache():
    try:
        redis.Redis.from_url(URL).ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis must run at {URL} (DEVELOPERS.md: it does on this machine and in CI)")
    backend = RedisCache(URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield backend
    # Only this test's keys: others may share the database.
    client = redis.Redis.from_url(URL)
    for key in client.scan_iter(f"{backend.key_prefix}:*"):
        client.delete(key)


def test_it_behaves_as_djangos(cache):
    theirs = DjangoRedisCache(URL, {"KEY_PREFIX": cache.key_prefix})
    cache.set("a", {"value": [1, "۲"]}, 30)
    assert theirs.get("a") == {"value": [1, "۲"]}
    assert cache.add("a", "other") is False
    assert cache.add("b", 1) is True
    assert cache.incr("b") == 2
    cache.set_many({"c": 3, "d": 4})
    assert cache.get_many(["c", "d", "missing"]) == {"c": 3, "d": 4}
    assert cache.delete("c") is True
    assert cache.get("c", "gone") == "gone"
    assert cache.touch("d", 60) is True


def test_one_client_per_pool(cache):
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client(write=False) is cache._cache.get_client(write=False)

    wrong = []

    def work(n):
        for i in range(50):
            cache.set(f"k{n}-{i}", i)
            if cache.get(f"k{n}-{i}") != i:
                wrong.append((n, i))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
    assert cache.get_many([f"k{n}-49" for n in range(8)]) == {f"k{n}-49": 49 for n in range(8)}
