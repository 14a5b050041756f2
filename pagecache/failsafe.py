"""A Redis cache that a Redis outage cannot turn into errors: the site renders from the database
until Redis answers again, and nothing written meanwhile is ever read back stale.

django-redis's own IGNORE_EXCEPTIONS turns a failed call into a miss, which is not enough here:
allauth's rate limits take a lock with `cache.add()`, and an add that always fails makes every
login wait a second and then refuses it; and a write that never reached Redis (a new version
token, a deleted session) leaves the old value there, to be read again once Redis is back. So,
while Redis does not answer:

- reads are misses and writes are dropped, except keys under `LOCAL_PREFIXES` (rate-limit
  counters), kept in this process's memory meanwhile: each worker then limits on its own, so a
  login is neither refused nor unlimited;
- every key written is remembered, and deleted from Redis before anything else once it answers
  (past MAX_UNSENT keys, the cache's whole database is flushed instead), so that what Redis held
  from before the outage is never served after it;
- after a failure Redis is left alone for RETRY_SECONDS, so a server that hangs costs one timeout
  every few seconds, not one per call;
- the failure is logged once a minute, with the number of calls that failed since.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger("limber.cache")


class _Outage:
    """What every thread's backend of one Redis location shares (Django makes one per thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.until = 0.0  # Redis is not asked again before this (time.monotonic())
        self.down = False
        self.unsent = {}  # version -> keys written while Redis did not answer
        self.unsent_count = 0
        self.flush_all = False
        self.failures = 0
        self.logged_at = float("-inf")


_outages = {}
_outages_lock = threading.Lock()


class FailSafeRedisCache(RedisCache):
    RETRY_SECONDS = 2
    LOG_EVERY_SECONDS = 60
    MAX_UNSENT = 10_000

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self._local_prefixes = tuple(options.pop("LOCAL_PREFIXES", ()))
        super().__init__(server, {**params, "OPTIONS": options})
        self._ignore_exceptions = False  # handled here, below
        location = server if isinstance(server, str) else ",".join(server)
        with _outages_lock:
            self._outage = _outages.setdefault(location, _Outage())
        # Shared by the process's threads: LocMemCache keeps its data per name.
        self._local = LocMemCache(f"limber-failsafe:{location}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})

    # What Redis does, or what is done without it.

    def _call(self, name, *args, written=(), version=None, fallback=None, **kwargs):
        outage = self._outage
        if time.monotonic() >= outage.until:
            try:
                if outage.down:
                    self._recover()
                return getattr(super(), name)(*args, version=version, **kwargs)
            except (RedisError, OSError) as error:
                self._failed(error)
        self._remember(written, version)
        return fallback() if fallback else None

    def _local_for(self, key):
        return self._local if self._local_prefixes and key.startswith(self._local_prefixes) else None

    def _failed(self, error):
        outage = self._outage
        with outage.lock:
            outage.until = time.monotonic() + self.RETRY_SECONDS
            outage.down = True
            outage.failures += 1
            if time.monotonic() - outage.logged_at >= self.LOG_EVERY_SECONDS:
                log.warning(
                    "The Redis cache is not answering (%s: %s): serving without it; %d call(s) failed "
                    "since the last report.",
                    type(error).__name__,
                    error,
                    outage.failures,
                )
                outage.failures, outage.logged_at = 0, time.monotonic()

    def _remember(self, keys, version):
        outage = self._outage
        with outage.lock:
            if not keys:
                return
            # Down again, even if another thread has just recovered: the keys remembered now must
            # be deleted by the next call that reaches Redis.
            outage.down = True
            if outage.flush_all:
                return
            pending = outage.unsent.setdefault(version, set())
            before = len(pending)
            pending.update(keys)
            outage.unsent_count += len(pending) - before
            if outage.unsent_count > self.MAX_UNSENT:
                outage.unsent, outage.unsent_count, outage.flush_all = {}, 0, True

    def _recover(self):
        """Redis answers again: first forget what it holds of the keys written without it."""
        outage = self._outage
        with outage.lock:
            if not outage.down:
                return
            unsent, flush_all = outage.unsent, outage.flush_all
            if flush_all:
                super().clear()
            for version, keys in unsent.items():
                super().delete_many(list(keys), version=version)
            outage.unsent, outage.unsent_count, outage.flush_all, outage.down = {}, 0, False, False
        self._local.clear()
        forgotten = (
            "its database flushed" if flush_all else f"{sum(map(len, unsent.values()))} key(s) forgotten"
        )
        log.warning("The Redis cache answers again (%s).", forgotten)

    # The cache API, each call through _call.

    def get(self, key, default=None, version=None, client=None):
        local = self._local_for(key)
        return self._call(
            "get",
            key,
            default,
            version=version,
            client=client,
            fallback=lambda: local.get(key, default, version) if local else default,
        )

    def get_many(self, keys, version=None, client=None):
        keys = list(keys)

        def fallback():
            found = {}
            for key in keys:
                if self._local_for(key) and (value := self._local.get(key, version=version)) is not None:
                    found[key] = value
            return found

        return self._call("get_many", keys, version=version, client=client, fallback=fallback)

    def has_key(self, key, version=None, client=None):
        local = self._local_for(key)
        return self._call(
            "has_key",
            key,
            version=version,
            client=client,
            fallback=lambda: bool(local and local.has_key(key, version)),
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, client=None, **kwargs):
        local = self._local_for(key)
        return self._call(
            "set",
            key,
            value,
            timeout,
            version=version,
            client=client,
            written=[key],
            fallback=lambda: bool(local) and local.set(key, value, timeout, version) is None,
            **kwargs,
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, client=None):
        local = self._local_for(key)
        return self._call(
            "add",
            key,
            value,
            timeout,
            version=version,
            client=client,
            written=[key],
            fallback=lambda: bool(local and local.add(key, value, timeout, version)),
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None, client=None, **kwargs):
        def fallback():
            for key, value in data.items():
                if self._local_for(key):
                    self._local.set(key, value, timeout, version)
            return [key for key in data if not self._local_for(key)]

        return self._call(
            "set_many", data, timeout, version=version, client=client, written=list(data), fallback=fallback
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None, client=None):
        local = self._local_for(key)
        return self._call(
            "touch",
            key,
            timeout,
            version=version,
            client=client,
            written=[key],
            fallback=lambda: bool(local and local.touch(key, timeout, version)),
        )

    def incr(self, key, delta=1, version=None, client=None, **kwargs):
        local = self._local_for(key)

        def fallback():
            if local is None:
                raise ValueError(f"Key '{key}' not found")  # what a missing key answers
            return local.incr(key, delta, version)

        return self._call(
            "incr", key, delta, version=version, client=client, written=[key], fallback=fallback, **kwargs
        )

    def decr(self, key, delta=1, version=None, client=None, **kwargs):
        return self.incr(key, -delta, version=version, client=client, **kwargs)

    def delete(self, key, version=None, prefix=None, client=None):
        local = self._local_for(key)
        return self._call(
            "delete",
            key,
            version=version,
            prefix=prefix,
            client=client,
            written=[key],
            fallback=lambda: bool(local and local.delete(key, version)),
        )

    def delete_many(self, keys, version=None, client=None):
        keys = list(keys)

        def fallback():
            for key in keys:
                if self._local_for(key):
                    self._local.delete(key, version)
            return 0

        return self._call(
            "delete_many", keys, version=version, client=client, written=keys, fallback=fallback
        )

    def clear(self, version=None, client=None):
        self._local.clear()
        if time.monotonic() >= self._outage.until:
            try:
                if self._outage.down:
                    self._recover()
                return super().clear()
            except (RedisError, OSError) as error:
                self._failed(error)
        with self._outage.lock:  # everything it held must go once it answers
            self._outage.unsent, self._outage.unsent_count, self._outage.flush_all = {}, 0, True
            self._outage.down = True
