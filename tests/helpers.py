"""Plain helpers the test modules share (fixtures live in conftest.py)."""

import io
import os
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from comments import services
from comments.tokens import STARTED_SALT
from tests.factories import CommentFactory, UserFactory


def page(url, **headers):
    """The page as a new signed-out reader gets it."""
    return Client(**headers).get(url)


def site_urls(site):
    """One page of each public kind, for the `site` fixture."""
    return [
        "/",
        "/stretches/",
        "/stretches/topics/",
        "/stretches/library/",
        site["topic"].get_absolute_url(),
        site["article"].get_absolute_url(),
        site["stretch"].get_absolute_url(),
    ]


def warm(site):
    """Every page of the site in the page cache."""
    for url in site_urls(site):
        page(url)
        assert page(url)["X-Page-Cache"] == "hit", url


def started(seconds_ago=10):
    """A comment form handed out `seconds_ago` seconds ago, signed as the site does."""
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


# Members and comments

PASSWORD = "correct horse battery staple"  # every UserFactory member's password


def logged_in(email="ada@example.com"):
    """A browser that signed in through the login page (so sessions are recorded like in real life)."""
    client = Client()
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def established_member(**fields):
    """A member whose reports count: a confirmed address and a published comment of their own."""
    user = UserFactory(verified=True, **fields)
    CommentFactory(author=user, text="An earlier comment of mine")
    return user


def member_client(name="Ada", email=None):
    """A browser signed in as a new member called `name`, whose address is verified; `.user` is them."""
    user = UserFactory(first_name=name, email=email or f"{name.lower()}@example.com", verified=True)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def post(client, article, text, parent=None, follow=True, **extra):
    """The comment form (a reply's, given `parent`) sent as a browser sends it, after typing."""
    url = f"/comments/article/{article.slug}/" + (f"reply/{parent.pk}/" if parent else "")
    data = {"text": text, "started": started(), "website": "", **extra}
    return client.post(url, data, follow=follow)


def trusted(client, article):
    """Give the member an earlier approved comment."""
    return CommentFactory(article=article, author=client.user, text="Earlier")


def approved(article, author, text="Hello", parent=None):
    """A comment posted through the services as a member posts one, then approved by a moderator."""
    comment = services.post_comment(article=article, author=author, text=text, parent=parent)
    return services.approve(comment=comment)


# Uploads and hostile markup


def uploaded_png(name="p.png"):
    """A small real PNG, as a browser uploads it."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# The site's own scripts (static/js/): every other script in a page was injected.
_JS = Path(__file__).resolve().parent.parent / "static" / "js"
OUR_SCRIPTS = {f"/static/js/{path.relative_to(_JS).as_posix()}" for path in _JS.rglob("*.js")}
# The site's public address in tests that check addresses built from it (the `public_site` fixture).
PUBLIC_SITE = "https://limber.example"


class TagCollector(HTMLParser):
    """Every tag or attribute in a page that could run something, other than the site's own scripts
    and its structured data."""

    def __init__(self):
        super().__init__()
        self.bad = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"iframe", "svg", "style", "object", "embed"}:
            self.bad.append(tag)
        # Structured data is a data block: browsers never run it.
        data_block = attrs.get("type") == "application/ld+json" and "src" not in attrs
        if tag == "script" and attrs.get("src") not in OUR_SCRIPTS and not data_block:
            self.bad.append("script")
        for name, value in attrs.items():
            if name.startswith("on") or (name == "style"):
                self.bad.append(f"{tag}[{name}]")
            if name in {"href", "src"} and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.bad.append(f"{tag}[{name}={value}]")


def assert_no_injected_markup(html):
    collector = TagCollector()
    collector.feed(html)
    assert collector.bad == []


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def axe_source():
    """axe-core's script (from `npm ci`): the tests that need it skip without it, except where
    LIMBER_REQUIRE_VNU=1 says the npm tools must run (CI)."""
    if not AXE.is_file():
        reason = f"axe-core is not installed at node_modules/axe-core/{AXE.name} (npm ci)"
        if os.environ.get("LIMBER_REQUIRE_VNU") == "1":
            pytest.fail(reason + ", and LIMBER_REQUIRE_VNU=1 says the npm tools must run")
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")
