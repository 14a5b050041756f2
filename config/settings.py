"""Limber's settings: every value that differs between machines comes from the environment.

Variables (all optional in development, see README.md):
DJANGO_DEBUG, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, CACHE_URL, EMAIL_URL,
MEDIA_ROOT, DJANGO_SERVE_MEDIA, DJANGO_SECURE_SSL_REDIRECT, DEFAULT_FROM_EMAIL.
"""

import sys
from email.utils import getaddresses
from pathlib import Path

import environ
from csp.constants import NONE, SELF

from config.cache_settings import caches_config
from config.log_settings import logging_config
from web.clients import trusted_proxies

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)


def _required_in_production(name, value):
    """Refuse to start with debug off unless `name` is set: one line, no traceback."""
    if not value:
        sys.exit(f"Limber refuses to start: set {name} (required when DJANGO_DEBUG is off).")
    return value


if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-development-only-key")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = _required_in_production("DJANGO_SECRET_KEY", env.str("DJANGO_SECRET_KEY", default=""))
    ALLOWED_HOSTS = _required_in_production(
        "DJANGO_ALLOWED_HOSTS", env.list("DJANGO_ALLOWED_HOSTS", default=[])
    )

INSTALLED_APPS = [
    "pagecache",
    "redirects",
    "images",
    "web",
    "privacy",
    "members",
    "stretches",
    "desk",
    "search",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",  # allauth's "signed-in devices" page uses it
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.usersessions",
    "comments",
    "practice",
    "demo",
    "outbox",
    "operations",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "reversion",
]

MIDDLEWARE = [
    "operations.request_ids.RequestIdMiddleware",  # first: every response and log line has its id
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise and the page cache, so static files and cache hits carry them too.
    "web.headers.CSPMiddleware",
    "web.headers.SecurityHeadersMiddleware",
    "operations.request_size.RequestSizeMiddleware",  # a 413 before anything reads the body
    "desk.signout.ClearStorageOnSignOutMiddleware",  # signing out forgets the desk's copies
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files precompressed: above gzip
    # Compresses each response for the readers who accept it, cache hits included: above the page
    # cache, which keeps plain bodies (and weak ETags, that match either encoding).
    "django.middleware.gzip.GZipMiddleware",
    "pagecache.middleware.PageCacheMiddleware",  # signed-out pages, before sessions and the database
    "redirects.middleware.RedirectMiddleware",  # a 404 at an address that moved becomes a 301
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.NextFromRefererMiddleware",
    "members.middleware.MemberTimeZoneMiddleware",  # after authentication: it reads the member's zone
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: a SQLite file in the project by default, PostgreSQL (or anything else) by URL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tuned for a web server: readers never wait for a writer (WAL), writers queue politely
    # instead of failing with "database is locked" (IMMEDIATE + busy timeout).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        }
    )
# Reuse connections between requests (each server thread keeps its own), checked before use:
# opening one costs more than most queries, on SQLite (the file and its pragmas) as on PostgreSQL.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "members.User"

CACHES = caches_config(env, BASE_DIR)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
LOCALE_PATHS = [BASE_DIR / "locale"]  # the site's own words for allauth's pages and emails
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Django serves uploaded media itself when debug is on, or when asked (a single machine with no
# web server in front). Behind nginx, let nginx serve MEDIA_ROOT instead.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=DEBUG)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"},
}

FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000  # articles with many sections in one admin form

# Printing email to the console is for development only: in production reset links and login
# codes must not end up in the logs.
EMAIL_CONFIG = env.email_url_config(
    env.str("EMAIL_URL", default="consolemail://")
    if DEBUG
    else _required_in_production("EMAIL_URL", env.str("EMAIL_URL", default=""))
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Limber <hello@limber.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[Limber] "  # error reports to ADMINS
# Every email goes on the task queue; the worker sends it with the backend EMAIL_URL names, and
# tries again later (30 s, 1 min, 2 min, … up to an hour apart) while the mail server is down.
EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)  # seconds: a mail server that hangs is retried later
OUTBOX = {
    "EMAIL_BACKEND": EMAIL_CONFIG["EMAIL_BACKEND"],
    "ATTEMPTS": env.int("OUTBOX_ATTEMPTS", default=10),  # about three hours of retries in all
    "FIRST_RETRY_SECONDS": 30,
    # A task running longer than this lost its worker (killed mid-send): the next worker takes it.
    "LEASE_SECONDS": env.int("OUTBOX_LEASE_SECONDS", default=300),
}

# Background tasks: in the database by default (`manage.py db_worker` runs them); with
# TASKS_BACKEND=rq, in Redis (RQ_URL), for several machines (`manage.py rqworker default`).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",  # tests only
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    sys.exit(f"Limber refuses to start: TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {
        "default": {
            "URL": env.str("RQ_URL", default="redis://127.0.0.1:6379/2"),
            "QUEUE_CLASS": "outbox.queues.RetryingQueue",  # a lost worker's mail is retried
        }
    }

# Accounts (django-allauth). Rate limits live in the default cache, which every worker shares.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:area"
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupDetailsForm"
# New members confirm their address with a code typed on the page right after sign-up: every
# member's address is real, and sign-up never tells whether an address already has an account.
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_USER_DISPLAY = "members.adapter.user_display"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Limber] "  # every email the site sends starts with it
ACCOUNT_SESSION_REMEMBER = None  # the member chooses "Remember me"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell members when their password or email changes
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300

# Content-Security-Policy: the site's own files and nothing inline, on every page, the admin's
# included; video frames only from the click-to-load player's two providers. Browsers report
# what it blocks to /csp-report/, which logs it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "report-uri": "/csp-report/",
    }
}

# Security: strict by default in production, relaxed only where a variable says so.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Secure cookies stay on behind a TLS proxy that redirects by itself; only a plain-HTTP
    # local run (a benchmark, say) turns them off, explicitly.
    SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading commits the domain for years: an operator's decision, not a default.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Who hears about server errors (DJANGO_ADMINS="Ada <ada@example.com>, Bo <bo@example.com>"):
# Django mails them the traceback, through the task queue like every email.
_admins = getaddresses([env.str("DJANGO_ADMINS", default="")])
ADMINS = [(name or address, address) for name, address in _admins if name or address]
if any("@" not in address for _, address in ADMINS):
    sys.exit("Limber refuses to start: DJANGO_ADMINS must be addresses, e.g. 'Ada <ada@example.com>'.")
LOGGING = logging_config(env.str("DJANGO_LOG_LEVEL", default="INFO"))

# Site-wide choices that are not secrets.
LIMBER = {
    # How often an article is checked again by a reviewer ("Next review due" on every article).
    "REVIEW_INTERVAL_MONTHS": env.int("LIMBER_REVIEW_INTERVAL_MONTHS", default=12),
    # Seconds an average repetition spends moving into and out of a stretch, on top of its hold.
    "REP_TRANSITION_SECONDS": 2,
    # Whether new members may sign up (close it during a spam wave).
    "SIGNUP_OPEN": env.bool("LIMBER_SIGNUP_OPEN", default=True),
    # Where links in emails sent outside a request (moderation results, replies) point.
    "SITE_URL": env.str("LIMBER_SITE_URL", default="http://127.0.0.1:8000").rstrip("/"),
    # Whole signed-out pages in the cache (turned off only to measure full renders).
    "PAGE_CACHE": env.bool("LIMBER_PAGE_CACHE", default=True),
    # How long a shared cache (nginx, a CDN) may keep a signed-out page before asking again. The
    # site's own cache is never stale; a proxy in front may be this many seconds behind.
    "SHARED_MAX_AGE": env.int("LIMBER_SHARED_MAX_AGE", default=1),
    "EMAIL_SUBJECT_PREFIX": ACCOUNT_EMAIL_SUBJECT_PREFIX,
    # The proxies in front of the site (nginx on this machine: 127.0.0.1), whose X-Forwarded-For
    # says who the reader is. Nobody else's is believed.
    "TRUSTED_PROXIES": trusted_proxies(env.list("LIMBER_TRUSTED_PROXIES", default=[])),
    # A monitor sending "Authorization: Bearer <this>" sees /healthz's details from anywhere.
    "HEALTHZ_TOKEN": env.str("LIMBER_HEALTHZ_TOKEN", default=""),
    # Names the running code in cached pages' keys (a git commit, say); left empty, the site works
    # it out from its own files.
    "RELEASE": env.str("LIMBER_RELEASE", default=""),
}

# The apps' own choices (reader comments, the practice log and reminders).
from config.app_settings import COMMENTS, PRACTICE  # noqa: E402, F401 - read after .env is

# In development WhiteNoise serves straight from the app folders, picking up edits.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
