"""The main reader journey in a real Chromium (Debian's), driven by Playwright."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parent.parent / "test-results"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(live_server, settings, monkeypatch):
    if not os.path.exists(CHROMIUM):
        reason = f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("LIMBER_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
    # itself are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.SERVE_MEDIA = True
    with sync_playwright() as playwright:
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
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1200, "height": 800}, reduced_motion="reduce"
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("pageerror", lambda e: page.console_errors.append(str(e)))
        yield page
        context.close()
        browser.close()


def test_reader_finds_the_hip_article_and_uses_its_contents(page):
    call_command("load_demo", verbosity=0)
    page.goto("/")
    assert page.locator("h1").inner_text() == "Stretch well, move easier"

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Stretching exercises").click()
    assert page.locator("h1").inner_text() == "Stretching exercises"
    page.locator("#topic-hip-stretches ~ .cards a[href='/stretches/hip-stretches/']").click()
    page.wait_for_url("**/stretches/hip-stretches/")
    assert "Hip" in page.locator("h1").inner_text()

    # The table of contents takes the reader to each section; "back to top" brings them back.
    toc_links = page.locator("#contents a")
    assert toc_links.count() >= 5
    last = toc_links.nth(toc_links.count() - 1)
    target = last.get_attribute("href")
    last.click()
    page.wait_for_url(f"**/stretches/hip-stretches/{target}")
    page.wait_for_function("() => window.scrollY > 1000")
    heading = page.locator(f"{target} h2")
    assert heading.is_visible()
    box = heading.bounding_box()
    assert 0 <= box["y"] < 200, box  # the section's heading is at the top of the window

    page.locator(f"{target} .back-to-top a").click()
    page.wait_for_function("() => window.scrollY < 50")

    # Two routines with computed times, numbered step cards, every picture decoded.
    summaries = page.locator(".routine__summary").all_inner_texts()
    assert any(s.startswith("4-part sequence, about 6 min") for s in summaries), summaries
    assert len(summaries) == 2
    page.evaluate("() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
    page.wait_for_function("() => [...document.images].every(img => img.complete && img.naturalWidth > 0)")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "hip-stretches.png", full_page=True)
    assert page.console_errors == []
