"""Full-page screenshots of the main pages at desktop and phone widths, for design review.

Run from the project folder: ``.venv/bin/python tools/screenshots.py [page ...]``

It makes a throwaway SQLite database and media folder in a temporary directory, migrates, loads
the demo content, serves the site with ``manage.py runserver`` on a free port, and drives Debian's
Chromium (headless, through Playwright) to save ``docs/screenshots/<page>-<width>.png``. Member
pages are taken signed in as the demo member. Nothing outside the temporary directory and
``docs/screenshots/`` is written.
"""

import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
WIDTHS = (1280, 390)
ACCOUNTS = {  # the demo's own accounts, made by load_demo with debug on
    "member": ("ada@limber.localhost", "stretch-and-breathe"),
    "editor": ("editor@limber.localhost", "stretch-and-breathe"),
}
MAX_BYTES = 1_000_000

# name: (path, who is signed in: None, "member" or "editor")
PAGES = {
    "home": ("/", None),
    "index": ("/stretches/", None),
    "topic": ("/stretches/topics/hip-stretches/", None),
    "article": ("/stretches/hip-stretches/", None),
    "stretch": ("/stretches/library/lying-figure-four/", None),
    "library": ("/stretches/library/", None),
    "player": ("/stretches/routines/hip-floor-sequence/play/", None),
    "player-playing": ("/stretches/routines/hip-floor-sequence/play/", None),
    "routine-card": ("/stretches/routines/hip-floor-sequence/card/", None),
    "author": ("/authors/edie/", None),
    "signup": ("/accounts/signup/", None),
    "not-found": ("/no-such-page/", None),
    "article-member": ("/stretches/hip-stretches/", "member"),
    "members": ("/members/", "member"),
    "practice-log": ("/practice/", "member"),
    "admin-comments": ("/admin/comments/comment/", "editor"),
}
NOT_FOUND = """
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from django.views.defaults import page_not_found

request = RequestFactory().get("/no-such-page/")
request.user = AnonymousUser()
print(page_not_found(request, Http404()).content.decode(), end="")
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args, **kwargs):
    command = [sys.executable, "manage.py", *args]
    return subprocess.run(command, cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603 - our own manage.py


def wait_for(url, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("runserver stopped before it answered")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own local server)
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.3)
    sys.exit(f"runserver did not answer at {url}")


def save(png, path):
    """Write the PNG, quantised with Pillow when it would be over MAX_BYTES."""
    if len(png) > MAX_BYTES:
        image = Image.open(io.BytesIO(png)).convert("RGB")
        buffer = io.BytesIO()
        image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(buffer, "PNG", optimize=True)
        png = buffer.getvalue()
    path.write_bytes(png)
    return len(png)


def log_in(context, base, who):
    email, password = ACCOUNTS[who]
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("form:has(input[name=password]) [type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    if "/accounts/login/" in page.url:
        sys.exit(f"could not log in as {email}")
    page.close()


def shoot(base, names, not_found_html):
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        for width in WIDTHS:
            phone = width < 600
            options = {
                "viewport": {"width": width, "height": 844 if phone else 800},
                "device_scale_factor": 1,
                "is_mobile": phone,
                "has_touch": phone,
                "reduced_motion": "reduce",
            }
            contexts = {None: browser.new_context(**options)}
            for who in sorted({PAGES[name][1] for name in names} - {None}):
                contexts[who] = browser.new_context(**options)
                log_in(contexts[who], base, who)
            for name in names:
                path, who = PAGES[name]
                page = contexts[who].new_page()
                problems = []
                page.on("console", lambda m, p=problems: m.type == "error" and p.append(m.text))
                if name == "not-found":
                    # Debug is on (for the demo accounts), so Django would answer with its own
                    # debug page: show the site's 404 page, rendered by its view, instead.
                    page.route(
                        base + path,
                        lambda route: route.fulfill(
                            status=200, content_type="text/html", body=not_found_html
                        ),
                    )
                page.goto(base + path, wait_until="networkidle")
                page.evaluate("document.fonts.ready")
                # Lazy images load once scrolled to: bring them all in before the picture.
                page.evaluate(
                    "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
                )
                page.wait_for_function("() => Array.from(document.images).every(i => i.complete)")
                page.evaluate(
                    "Promise.all(Array.from(document.images).map(i => i.decode().catch(() => null)))"
                )
                # Scroll through once, so that every picture is painted, then back to the top.
                height = page.evaluate("document.documentElement.scrollHeight")
                for y in range(0, height, options["viewport"]["height"] // 2):
                    page.evaluate(f"window.scrollTo(0, {y})")
                    page.wait_for_timeout(150)
                page.evaluate("window.scrollTo(0, 0)")
                page.wait_for_timeout(200)
                if name == "player-playing":  # the focused mode, a few seconds in, paused
                    page.locator("[data-player-toggle]").click()
                    page.wait_for_timeout(3200)
                    page.locator("[data-player-toggle]").click()
                target = OUT / f"{name}-{width}.png"
                size = save(page.screenshot(full_page=name != "player-playing"), target)
                note = f"  ({len(problems)} console errors: {problems[0][:120]})" if problems else ""
                print(f"{target.relative_to(ROOT)}  {size // 1024} KB{note}")
                page.close()
            for context in contexts.values():
                context.close()
        browser.close()


def main():
    names = sys.argv[1:] or list(PAGES)
    unknown = [n for n in names if n not in PAGES]
    if unknown:
        sys.exit(f"unknown page(s) {', '.join(unknown)}; choose from {', '.join(PAGES)}")
    if not os.path.exists(CHROMIUM):
        sys.exit(f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="limber-shots-") as tmp:
        tmp = Path(tmp)
        env = {
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
            "MEDIA_ROOT": str(tmp / "media"),
            "CACHE_URL": f"filecache://{tmp / 'cache'}",
            "EMAIL_URL": "consolemail://",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "PYTHONUNBUFFERED": "1",
        }
        quiet = {"stdout": subprocess.DEVNULL}
        manage(env, "migrate", "--noinput", **quiet)
        manage(env, "load_demo", **quiet)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(base + "/", server)
            not_found = manage(
                env, "shell", "--no-imports", "-c", NOT_FOUND, capture_output=True, text=True
            ).stdout
            shoot(base, names, not_found)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
