import asyncio
import os

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connections
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories import (
    ArticleFactory,
    CallToActionFactory,
    RoutineFactory,
    SectionFactory,
    TopicFactory,
    UserFactory,
)
from tests.helpers import PUBLIC_SITE

# Hypothesis: 200 examples a test in CI (HYPOTHESIS_PROFILE=ci, or CI set as CI services set it),
# 25 elsewhere, so that `make test` stays quick; the same inputs on every run either way.
hypothesis_settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,  # a failure can be run again
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
hypothesis_settings.register_profile("dev", parent=hypothesis_settings.get_profile("ci"), max_examples=25)
_in_ci = os.environ.get("CI", "") not in ("", "0", "false")
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _in_ci else "dev"))


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a throwaway folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _mail_through_the_queue(settings):
    """Django's test set-up sends mail straight to `mail.outbox`; here it goes the site's way, on
    the task queue (run as it is queued), to a worker that delivers to `mail.outbox`."""
    settings.EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
    settings.OUTBOX = {**settings.OUTBOX, "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}


@pytest.fixture(autouse=True)
def _fresh_caches():
    for alias in ("default", "pages", "fragments"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages", "fragments"):
        caches[alias].clear()


def _staff_in(group, **fields):
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    """A member of the Editors group, as created by the data migration."""
    return _staff_in("Editors", username="edna", first_name="Edna")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def site(db):
    """A small site: a topic, an article with a routine of two stretches, a default call to action."""
    topic = TopicFactory(name="Hip stretches", slug="hips")
    routine = RoutineFactory(name="Floor sequence", steps=2)
    article = ArticleFactory(title="Hip stretches", slug="hip-stretches", topic=topic, featured=True)
    SectionFactory(article=article, heading="Why hips matter", routine=routine)
    cta = CallToActionFactory(headline="Try the daily routine", is_default=True)
    return {
        "topic": topic,
        "routine": routine,
        "article": article,
        "cta": cta,
        "stretch": routine.steps.first().stretch,
    }


@pytest.fixture
def article(db):
    """An article to comment on. Its slug is the `site` fixture's article's: use one or the other."""
    return ArticleFactory(title="Hip stretches", slug="hip-stretches")


@pytest.fixture
def member(db):
    """Ada, a member with a verified address; `helpers.logged_in()` signs her in."""
    return UserFactory(
        username="ada", email="ada@example.com", first_name="Ada", last_name="Lovelace", verified=True
    )


@pytest.fixture
def moderator(db):
    """A member of the Moderators group, who works the queue and is told about held comments."""
    return _staff_in("Moderators", first_name="Mo", email="mo@example.com")


@pytest.fixture
def moderator_client(moderator):
    """A browser signed in as the moderator: a client of its own, so it can sit beside `editor_client`."""
    client = Client()
    client.force_login(moderator)
    return client


@pytest.fixture
def emails_sent(django_capture_on_commit_callbacks):
    """Emails go out when the transaction commits; inside a test's transaction, run them now."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def public_site(settings):
    """The site at its public address (LIMBER_SITE_URL), as every absolute address is built from."""
    settings.LIMBER = {**settings.LIMBER, "SITE_URL": PUBLIC_SITE}
    return PUBLIC_SITE


@pytest.fixture
def no_rate_limit(settings):
    """Comments may follow one another at once; tests of the rate limit set their own."""
    settings.COMMENTS = {**settings.COMMENTS, "RATE_SECONDS": 0}


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def _chromium():
    """Debian's Chromium, launched once per test process (each xdist worker has its own); every
    test gets a new context of it (the `page` fixture), so no cookies or storage are shared."""
    if not os.path.exists(CHROMIUM):
        reason = f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("LIMBER_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    )
    loop = asyncio.get_running_loop()  # Playwright's, marked running after each call
    # Between browser tests the other tests must not see Playwright's loop as running, or the
    # ORM refuses them as async code: hide it, and mark it running again before each use.
    asyncio.events._set_running_loop(None)
    yield browser, loop
    asyncio.events._set_running_loop(loop)
    browser.close()
    playwright.stop()
    asyncio.events._set_running_loop(None)


@pytest.fixture
def page(_chromium, live_server, settings, monkeypatch):
    """A page in Debian's Chromium over `live_server`, driven by Playwright (the browser tests)."""
    browser, loop = _chromium
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
    # itself are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.SERVE_MEDIA = True
    asyncio.events._set_running_loop(loop)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1200, "height": 800}, reduced_motion="reduce"
    )
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("pageerror", lambda e: page.console_errors.append(str(e)))
        yield page
    finally:
        for opened in browser.contexts:  # this one, and any a test opened beside it
            opened.close()
        # ORM calls made while Playwright's loop runs get connections of their own (Django's
        # connections are context-local): close them while it still looks running, or the test
        # database stays in use and cannot be dropped at the end.
        connections.close_all()
        asyncio.events._set_running_loop(None)
        connections.close_all()
