"""Whether sign-up and password reset tell, by how long they take, that an address has an account.

Part of `make bench` (or alone: `.venv/bin/python bench/enumeration.py`). In this process, on a
throwaway SQLite database, with the production settings that matter here: the real password
hasher, and mail queued for the worker as in production. For each form, PAIRS pairs of requests,
one for an address that has an account and one for a new address, in alternating order; prints
both medians and passes when they are within 20% of each other. Rate limits are off, so that
the figures are the forms' own work. Takes about half a minute.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = 20
TOLERANCE = 0.20


def setup(folder):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3",
        CACHE_URL="locmemcache://bench",
        EMAIL_URL="memorymail://",
        MEDIA_ROOT=f"{folder}/media",
        DJANGO_LOG_LEVEL="ERROR",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ACCOUNT_RATE_LIMITS = False
    call_command("migrate", verbosity=0)


def timed(client, url, data):
    started = time.perf_counter()
    response = client.post(url, data)
    elapsed = time.perf_counter() - started
    assert response.status_code in (200, 302), (url, response.status_code)
    return elapsed * 1000


def measure(name, url, data_for):
    from django.test import Client

    taken, new = [], []
    for n in range(PAIRS):
        pair = [("taken", f"member{n}@bench.example"), ("new", f"newcomer{n}@bench.example")]
        for kind, email in pair if n % 2 else reversed(pair):
            (taken if kind == "taken" else new).append(timed(Client(), url, data_for(email, n)))
    a, b = statistics.median(taken), statistics.median(new)
    ok = abs(a - b) <= TOLERANCE * max(a, b)
    print(f"| {name} | {a:.1f} | {b:.1f} | {abs(a - b) / max(a, b):.0%} | {'ok' if ok else 'TELLS'} |")
    return ok


def main():
    with tempfile.TemporaryDirectory() as folder:
        setup(folder)
        from allauth.account.models import EmailAddress

        from members.models import User

        for n in range(PAIRS):
            user = User.objects.create_user(f"member{n}", f"member{n}@bench.example", "an old passphrase")
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        print(f"{PAIRS} pairs each, median ms, same process and database:\n")
        print("| form | address has an account | new address | difference | |")
        print("|---|---:|---:|---:|---|")
        results = [
            measure(
                "sign-up",
                "/accounts/signup/",
                lambda email, n: {"email": email, "password1": f"a new passphrase {n}", "first_name": "Bo"},
            ),
            measure("password reset", "/accounts/password/reset/", lambda email, n: {"email": email}),
        ]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
