"""The site's three caches, from CACHE_URL, PAGE_CACHE_URL and FRAGMENT_CACHE_URL (and their
size bounds), as config/settings.py sets them."""

REDIS_BACKENDS = ("django_redis.cache.RedisCache", "django.core.cache.backends.redis.RedisCache")


def caches_config(env, base_dir):
    caches = {
        # Sessions' cached copies, login rate limits and the version tokens: shared by every worker.
        "default": env.cache_url("CACHE_URL", default=f"filecache://{base_dir / '.cache' / 'django'}"),
        # Whole signed-out pages, in a store of their own, so that filling it can never evict what
        # "default" holds. Keys carry the version tokens, so a store per process is never stale.
        "pages": env.cache_url("PAGE_CACHE_URL", default="locmemcache://limber-pages"),
        # Rendered fragments (article bodies, comment threads), kept in each process the same way.
        "fragments": env.cache_url("FRAGMENT_CACHE_URL", default="locmemcache://limber-fragments"),
    }
    if caches["default"]["BACKEND"].endswith("FileBasedCache"):
        # Django's default of 300 entries would let a flood of requests evict the login rate-limit
        # counters that live here. Culling removes a tenth at a time, oldest-first by file order.
        caches["default"].setdefault("OPTIONS", {}).update({"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 10})
    # Redis may go away: each Redis cache then answers misses (allauth's rate-limit counters and the
    # CSP report counter are kept in each process meanwhile) and forgets, once Redis is back, what was
    # written without it (pagecache/failsafe.py). Short timeouts: a hung server must not hang the site.
    for alias, config in caches.items():
        if config["BACKEND"] in REDIS_BACKENDS:
            config["BACKEND"] = "pagecache.failsafe.FailSafeRedisCache"
            options = config.setdefault("OPTIONS", {})
            options.setdefault("SOCKET_CONNECT_TIMEOUT", 0.5)
            options.setdefault("SOCKET_TIMEOUT", 1)
            if alias == "default":
                options.setdefault(
                    "LOCAL_PREFIXES", ["allauth:rl:", "limber:csp-reports:", "limber:error-mail:"]
                )
    # Their size bounds in each process (the least recently used entries go first when one is
    # full); on Redis, the bound is that server's maxmemory.
    for alias, entries in (("pages", "PAGE_CACHE_ENTRIES"), ("fragments", "FRAGMENT_CACHE_ENTRIES")):
        if caches[alias]["BACKEND"].endswith(("LocMemCache", "FileBasedCache")):
            caches[alias].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", env.int(entries, default=500))
    return caches
