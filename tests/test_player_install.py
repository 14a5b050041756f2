"""The site installs to a home screen: Chromium itself finds nothing missing (the manifest, its
icons, the service worker), the check Lighthouse's installability audit made before Lighthouse
retired it. In a profile of its own: Chromium never offers to install from a private window,
which is what Playwright's ordinary contexts are."""

import os

import pytest

from tests.conftest import CHROMIUM
from tests.test_player_browser import routine

__all__ = ["routine"]  # the fixture, shared with the player's other browser tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_chromium_finds_the_play_page_installable(live_server, routine, tmp_path, monkeypatch):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("LIMBER_REQUIRE_BROWSER"):
            pytest.fail(f"Debian's Chromium is not installed at {CHROMIUM}")
        pytest.skip(f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path / "profile", executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = context.new_page()
            errors = []
            page.on("console", lambda message: message.type == "error" and errors.append(message.text))
            page.goto(f"{live_server.url}/stretches/routines/{routine.slug}/play/")
            page.evaluate("() => navigator.serviceWorker.ready")
            session = context.new_cdp_session(page)
            manifest = session.send("Page.getAppManifest")
            assert manifest["errors"] == [] and manifest["url"].endswith("/manifest.webmanifest")
            assert session.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
            assert errors == []
        finally:
            context.close()
