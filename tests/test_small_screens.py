"""The site on a phone: no page scrolls sideways at 320 px (WCAG 1.4.10, reflow), and the header's
Menu opens and closes from the keyboard. Debian's Chromium, driven by Playwright."""

import pytest
from django.core.management import call_command

from stretches.models import Article, AuthorProfile, Routine, Stretch, Topic
from tests.test_browser import CSP_WATCH

# serialized_rollback: restore what data migrations made (the Editors group) after each flush.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # the demo's member and editor accounts
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False


def log_in(page, email):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", "stretch-and-breathe")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, email


def test_no_page_scrolls_sideways_at_320_px(page, demo):
    """Every kind of page, the admin's included, fits a 320 px screen."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.add_init_script(CSP_WATCH)
    hip = Article.objects.get(slug="hip-stretches")
    routine = Routine.objects.filter(steps__isnull=False).first().get_absolute_url()
    signed_out = [
        "/",
        hip.get_absolute_url(),
        Topic.objects.first().get_absolute_url(),
        "/stretches/topics/",
        "/stretches/library/",
        "/stretches/library/?position=floor",
        Stretch.objects.first().get_absolute_url(),
        routine,
        f"{routine}play/",
        f"{routine}card/",
        "/search/?q=hip",
        f"/authors/{AuthorProfile.objects.first().slug}/",
        "/accounts/login/",
        "/accounts/signup/",
    ]
    member = ["/members/", "/practice/"]
    editor = ["/admin/", "/admin/comments/comment/", f"/admin/stretches/article/{hip.pk}/history/"]
    wide, violations = {}, {}

    def visit(paths):
        for path in paths:
            response = page.goto(path)
            assert response.status == 200, path
            page.evaluate("document.fonts.ready")
            if overflow := page.evaluate(SIDEWAYS):
                wide[path] = overflow
            if found := page.evaluate("window.cspViolations || []"):
                violations[path] = found

    visit(signed_out)
    log_in(page, "ada@limber.localhost")
    visit(member)
    log_in(page, "editor@limber.localhost")
    visit(editor)
    assert wide == {}, "pixels of sideways scroll at 320 px"
    assert violations == {}
    assert page.console_errors == []


def test_escape_closes_the_phone_menu_and_returns_to_its_button(page, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    page.add_init_script(CSP_WATCH)
    page.goto("/")
    menu = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Main")
    assert nav.is_hidden()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    nav.get_by_role("link", name="Stretch library").wait_for()
    nav.get_by_role("link", name="Topics").focus()  # a keyboard user inside the open menu

    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    nav.wait_for(state="hidden")
    page.wait_for_function("() => document.activeElement.matches('[data-nav-toggle]')")

    page.keyboard.press("Enter")  # open again from its button, and close from there
    assert menu.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.matches('[data-nav-toggle]')")
    assert page.evaluate("window.cspViolations || []") == []
    assert page.console_errors == []
