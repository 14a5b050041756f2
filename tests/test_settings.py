"""Production settings refuse to start half-configured, and say which variable to set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start(**env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "EMAIL_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env_overrides})
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DJANGO_DEBUG": "0"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "s" * 50}, "DJANGO_ALLOWED_HOSTS"),
        ({}, "DJANGO_SECRET_KEY"),  # debug is off unless asked for
        (
            {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "s" * 50, "DJANGO_ALLOWED_HOSTS": "limber.example"},
            "EMAIL_URL",
        ),
    ],
)
def test_production_refuses_to_start_without_secret_or_hosts(env, variable):
    result = start(**env)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"Limber refuses to start: set {variable} (required when DJANGO_DEBUG is off)."
    ]


def test_production_starts_when_both_are_set():
    result = start(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="s" * 50,
        DJANGO_ALLOWED_HOSTS="limber.example",
        EMAIL_URL="smtp://mail.example:25",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_settings_come_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.OUTBOX['EMAIL_BACKEND'], "
        "s.MEDIA_ROOT, s.ALLOWED_HOSTS, s.DEBUG)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://u@db.example:5432/limber",
        CACHE_URL="redis://127.0.0.1:6379/3",
        EMAIL_URL="smtp://mail.example:25",
        MEDIA_ROOT="/srv/limber-media",
        DJANGO_ALLOWED_HOSTS="a.example,b.example",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "pagecache.failsafe.FailSafeRedisCache",
        "django.core.mail.backends.smtp.EmailBackend",
        "/srv/limber-media",
        "['a.example',",
        "'b.example']",
        "True",
    ], result.stderr


def test_sqlite_is_tuned_for_a_web_server(settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("this run uses PostgreSQL")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5


def test_the_default_cache_is_shared_and_keeps_enough_entries_for_rate_limits():
    """Login rate limits live in the default cache: a file cache every worker shares, big enough
    that a flood of other keys cannot evict the counters."""
    code = (
        "import django; django.setup(); from django.core.cache import caches; c = caches['default']; "
        "print(type(c).__name__, c._max_entries, c._cull_frequency)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL"))}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DJANGO_DEBUG="1")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["FileBasedCache", "100000", "10"], result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DJANGO_ADMINS", "nobody", "DJANGO_ADMINS must be addresses"),
        ("TASKS_BACKEND", "celery", "TASKS_BACKEND must be one of database, rq, immediate"),
    ],
)
def test_a_mistyped_setting_stops_the_site_with_a_line_that_says_so(variable, value, message):
    result = start(DJANGO_DEBUG="1", **{variable: value})
    assert result.returncode != 0
    assert message in result.stderr.strip().splitlines()[-1]


def test_tasks_run_as_they_are_queued_only_in_tests():
    """In production that would send mail inside requests with no retry: check --deploy says so."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "EMAIL_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="s" * 50,
        DJANGO_ALLOWED_HOSTS="limber.example",
        EMAIL_URL="smtp://mail.example:25",
        TASKS_BACKEND="immediate",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "outbox.E001" in result.stderr
