"""Settings for the test suite: the real settings, with test-only values where a secret is needed.

DATABASE_URL and CACHE_URL still come from the environment, so the same suite runs on SQLite and
on PostgreSQL with Redis (see .ci/run).
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("CACHE_URL", "locmemcache://limber-tests")
os.environ.setdefault("EMAIL_URL", "memorymail://")
os.environ.setdefault("LIMBER_SITE_URL", "http://testserver")
# Tasks run as they are queued, unless a test puts them in the database for a real worker.
os.environ.setdefault("TASKS_BACKEND", "immediate")


def _own_redis_databases():
    """Under pytest-xdist each worker gets Redis databases of its own (the given number plus four
    per worker: gw0 keeps 7, gw1 gets 11), so one worker's flush never empties another's cache or
    queue. Written back to the environment, once: servers the tests start inherit the numbers."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or os.environ.get("LIMBER_TEST_REDIS_WORKER") == worker:
        return
    os.environ["LIMBER_TEST_REDIS_WORKER"] = worker
    os.environ.setdefault("RQ_URL", "redis://127.0.0.1:6379/2")  # the tests' own default
    for name in ("CACHE_URL", "PAGE_CACHE_URL", "FRAGMENT_CACHE_URL", "RQ_URL"):
        url = os.environ.get(name, "")
        base, _, number = url.rpartition("/")
        if url.startswith(("redis://", "rediss://")) and number.isdigit():
            os.environ[name] = f"{base}/{int(number) + 4 * int(worker[2:])}"


_own_redis_databases()

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
PICTURE_WEBP_METHOD = 0  # the fastest WebP encoding: the demo's pictures are made in many tests
STORAGES = {
    **STORAGES,  # noqa: F405
    # No collectstatic before tests: serve from the app folders, with the same URLs as debug.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A real file, not memory: WAL, IMMEDIATE transactions and the busy timeout are what the
    # concurrency tests exercise, exactly as in production.
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"limber-test-{os.getpid()}.sqlite3")
    }
