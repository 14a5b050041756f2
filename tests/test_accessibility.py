"""Every kind of page passes axe-core's checks (WCAG A and AA, and its best practices) as
Chromium renders it: Debian's Chromium, driven by Playwright.

axe-core comes from the npm package `axe-core` (pinned in package.json, installed by `npm ci`).
Without it, or without Chromium, the tests skip and say why, unless LIMBER_REQUIRE_VNU=1 (as in
CI, where the HTML checker must run too) or LIMBER_REQUIRE_BROWSER=1.
"""

import io
import re

import pytest
import reversion
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image
from reversion.models import Version

from comments.models import Comment
from stretches.models import Article, AuthorProfile, Stretch, Topic
from tests import helpers
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.helpers import PASSWORD

# serialized_rollback: restore what data migrations made (the Editors group) after each flush.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def axe_source():
    return helpers.axe_source()


def photo(name, width=1600, height=900):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (15, 118, 110)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def demo(settings):
    """The demo site (its author profiles and member account need debug on while it loads), and a
    members-only article with pictures."""
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    article = ArticleFactory(
        title="Hip care for members",
        slug="members-hips",
        topic=Topic.objects.first(),
        members_only=True,
        hero_image=photo("members.jpg"),
        hero_alt="A person stretching on a mat",
    )
    SectionFactory(article=article, heading="Before you start")
    SectionFactory(article=article, heading="The stretches")
    return {"members_only": article}


def violations(page, axe_source, **rules):
    """axe-core's violations on the page as it is now, one line each; `rules` turns rules on or
    off by id (`target_size=True`)."""
    page.evaluate(axe_source)  # run through the DevTools protocol: the page's CSP does not apply
    options = {"resultTypes": ["violations"]}
    if rules:
        options["rules"] = {name.replace("_", "-"): {"enabled": on} for name, on in rules.items()}
    found = page.evaluate("(options) => axe.run(document, options).then(r => r.violations)", options)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {targets(v)}" for v in found]


def targets(violation):
    """Where: a node's target is a list of selectors, one per frame (or shadow root) down to it."""
    return "; ".join(" >> ".join(map(str, node["target"])) for node in violation["nodes"])


def check(page, axe_source, url, expected_status=200):
    response = page.goto(url)
    assert response.status == expected_status, url
    return [f"{url}: {line}" for line in violations(page, axe_source)]


def public_urls(demo):
    article = Article.objects.live().filter(members_only=False, sections__routine__isnull=False).first()
    stretch = Stretch.objects.exclude(image="").first()
    topic = Topic.objects.first()
    urls = [
        "/",
        "/stretches/",
        "/stretches/topics/",
        topic.get_absolute_url(),
        "/stretches/library/",
        stretch.get_absolute_url(),
        article.get_absolute_url(),
        demo["members_only"].get_absolute_url(),  # signed out: what members get, offered
        "/search/?q=hip",
        "/accounts/login/",
        "/accounts/signup/",
    ]
    profile = AuthorProfile.objects.first()
    if profile is not None:
        urls.append(f"/authors/{profile.slug}/")
    routine = article.sections.exclude(routine=None).first().routine
    urls += [routine.get_absolute_url(), f"{routine.get_absolute_url()}card/"]  # the player has its own test
    thread = Comment.objects.filter(article=article, parent=None, status="approved").first()
    if thread is not None:
        urls.append(f"/comments/thread/{thread.pk}/")
    return urls


def test_every_kind_of_page_signed_out_has_no_accessibility_violations(page, axe_source, demo):
    found = []
    for url in public_urls(demo):
        found += check(page, axe_source, url)
    found += check(page, axe_source, "/stretches/no-such-page/", expected_status=404)
    assert not found, "axe-core found:\n" + "\n".join(found)


def test_the_member_area_has_no_accessibility_violations(page, axe_source, demo):
    UserFactory(username="mia", email="mia@example.com", first_name="Mia", verified=True)
    page.goto("/accounts/login/")
    page.fill("#id_login", "mia@example.com")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/members/")
    found = check(page, axe_source, "/members/")
    found += check(page, axe_source, "/practice/")
    found += check(page, axe_source, "/practice/reminders/")
    found += check(page, axe_source, demo["members_only"].get_absolute_url())  # the whole article
    assert not found, "axe-core found:\n" + "\n".join(found)


def test_the_code_page_and_a_new_members_reminders_have_no_accessibility_violations(page, axe_source, demo):
    """Signed up, at the page for the emailed code; then, confirmed, reminders with no zone yet."""
    page.goto("/accounts/signup/")
    page.fill("#id_first_name", "Nina")
    page.fill("#id_email", "nina@example.com")
    page.fill("#id_password1", PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    found = [f"/accounts/confirm-email/: {line}" for line in violations(page, axe_source)]
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.M).group(1)
    page.fill("#id_code", code)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/members/")
    found += check(page, axe_source, "/practice/reminders/")
    assert not found, "axe-core found:\n" + "\n".join(found)


def test_the_editors_desk_has_no_accessibility_violations(page, axe_source, demo):
    """The change pages with the live preview open (Django's own widgets included), the history
    and the compare view, as the demo editor has them."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("/admin/")
    page.fill("#id_login", "editor@limber.localhost")
    page.fill("#id_password", "stretch-and-breathe")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    hip = Article.objects.get(slug="hip-stretches")
    routine = hip.sections.exclude(routine=None).first().routine
    found = []
    for url in (
        f"/admin/stretches/article/{hip.pk}/change/",
        f"/admin/stretches/stretch/{Stretch.objects.first().pk}/change/",
        f"/admin/stretches/routine/{routine.pk}/change/",
    ):
        page.goto(url)
        preview = page.frame_locator(".desk-preview iframe")
        preview.locator("h1").first.wait_for()  # the preview is open and drawn
        found += [f"{url}: {line}" for line in violations(page, axe_source)]
    with reversion.create_revision():  # a second revision, to compare with the first
        hip.title += ", again"
        hip.save()
    newer, older = Version.objects.get_for_object(hip)
    found += check(page, axe_source, f"/admin/stretches/article/{hip.pk}/history/")
    compare = f"/admin/stretches/article/{hip.pk}/history/compare/?from={older.pk}&to={newer.pk}"
    found += check(page, axe_source, compare)
    found += check(page, axe_source, "/admin/stretches/article/problems/")
    assert not found, "axe-core found:\n" + "\n".join(found)


def test_the_focused_skip_link_covers_nothing(page, axe_source, demo):
    """Focused, the skip link sits clear of the logo link (target size and spacing, WCAG 2.5.8)."""
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto("/")
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Skip to main content")
        assert page.evaluate("document.activeElement.classList.contains('skip-link')")
        skip_box, logo_box = skip.bounding_box(), page.locator(".brand").bounding_box()
        assert skip_box["y"] + skip_box["height"] <= logo_box["y"], (width, skip_box, logo_box)
        found = violations(page, axe_source, target_size=True)
        assert not found, f"axe-core found at {width} px:\n" + "\n".join(found)


def test_the_moderation_queue_has_no_accessibility_violations_in_either_theme(page, axe_source, demo):
    """The queue in the site's admin theme: its filter links (the chosen one too) read clearly in
    the light and the dark theme, chosen by the system or by the admin's toggle."""
    page.goto("/admin/")
    page.fill("#id_login", "editor@limber.localhost")
    page.fill("#id_password", "stretch-and-breathe")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    found = []
    for scheme, theme in (("light", "auto"), ("dark", "auto"), ("light", "dark"), ("dark", "light")):
        page.emulate_media(color_scheme=scheme)
        page.goto("/admin/comments/comment/")
        page.evaluate("(theme) => localStorage.setItem('theme', theme)", theme)
        page.reload()
        page.wait_for_function("(theme) => document.documentElement.dataset.theme === theme", arg=theme)
        assert page.locator("#changelist-filter li.selected a", has_text="Pending moderation").is_visible()
        found += [f"{scheme} system, {theme} theme: {line}" for line in violations(page, axe_source)]
    assert not found, "axe-core found:\n" + "\n".join(found)
