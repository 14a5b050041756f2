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

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
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
