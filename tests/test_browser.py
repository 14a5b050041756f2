"""The main reader journey in a real Chromium (Debian's), driven by Playwright."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from comments.models import Comment
from stretches.models import Article

SHOTS = Path(__file__).resolve().parent.parent / "test-results"
# serialized_rollback: restore what data migrations made (the Editors group) after each flush.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reader_finds_the_hip_article_and_uses_its_contents(page):
    call_command("load_demo", verbosity=0)
    page.goto("/")
    assert page.locator("h1").inner_text() == "Stretch well, move easier"

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Stretching exercises").click()
    assert page.locator("h1").inner_text() == "Stretching exercises"
    page.locator("#topic-hip-stretches ~ .cards a[href='/stretches/hip-stretches/']").click()
    page.wait_for_url("**/stretches/hip-stretches/")
    assert "Hip" in page.locator("h1").inner_text()

    # The table of contents takes the reader to each section; "Back to contents" brings them back.
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
    page.wait_for_function("() => document.activeElement.id === 'contents'")
    page.wait_for_function("() => Math.abs(document.activeElement.getBoundingClientRect().y) < 50")

    # Two routines with computed times, numbered step cards, every picture decoded.
    summaries = page.locator(".routine__summary").all_inner_texts()
    assert any(s.startswith("4-part sequence, about 6 min") for s in summaries), summaries
    assert len(summaries) == 2
    page.evaluate("() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
    page.wait_for_function("() => [...document.images].every(img => img.complete && img.naturalWidth > 0)")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "hip-stretches.png", full_page=True)
    assert page.console_errors == []


def test_editor_writes_a_draft_previews_it_and_publishes_it(page, settings):
    """The demo editor's journey, through the admin's own widgets (autocomplete included)."""
    settings.DEBUG = True  # load_demo creates the demo editor only with debug on
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False

    page.goto("/admin/")  # the admin signs in through the site's own login page
    page.fill("#id_login", "editor@limber.localhost")
    page.fill("#id_password", "stretch-and-breathe")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    page.goto("/admin/stretches/article/add/")
    page.locator("#id_title").press_sequentially("Hips after a long drive")  # the slug follows
    assert page.input_value("#id_slug") == "hips-after-a-long-drive"
    choose(page, "#id_topic", "Hip")
    page.fill("#id_standfirst", "Three minutes in a lay-by for stiff hips.")
    page.get_by_role("button", name="Add another Section").click()
    page.fill("#id_sections-0-heading", "Why driving stiffens hips")
    page.fill("#id_sections-0-body", "Sitting still keeps the hip flexors **short**.")
    page.get_by_role("button", name="Add another Section").click()
    page.fill("#id_sections-1-heading", "The routine")
    choose(page, "#id_sections-1-routine", "Office")
    page.get_by_role("button", name="Save and continue editing").click()
    assert "was added successfully" in page.locator(".messagelist").inner_text()
    article = Article.objects.get(slug="hips-after-a-long-drive")  # in the order they were written
    headings = [section.heading for section in article.sections.all()]
    assert headings == ["Why driving stiffens hips", "The routine"]

    page.goto("/stretches/hips-after-a-long-drive/")
    assert "This article is a draft" in page.locator(".notice").inner_text()
    assert page.locator(".routine__summary").count() == 1

    reader = page.context.browser.new_context()  # signed out: no editor cookies
    response = reader.new_page().goto(page.url)
    assert response.status == 404
    reader.close()

    page.goto("/admin/stretches/article/")
    page.locator("tr", has_text="Hips after a long drive").locator("input[type=checkbox]").check()
    page.select_option("select[name=action]", "publish")
    page.get_by_role("button", name="Go").click()
    assert "Published 1 article" in page.locator(".messagelist").inner_text()

    page.goto("/stretches/topics/hip-stretches/")
    page.get_by_role("link", name="Hips after a long drive").click()
    assert page.locator(".notice").count() == 0
    assert page.console_errors == []


def choose(page, select_id, text):
    """Pick an option in one of the admin's autocomplete (select2) boxes by typing."""
    page.locator(f"{select_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_a_reader_becomes_a_member_with_an_avatar(page, tmp_path):
    """Sign up as Ada, type the code she is emailed, see the greeting, upload an avatar, log out,
    log back in."""
    from PIL import Image

    avatar = tmp_path / "ada.jpg"
    Image.new("RGB", (640, 480), (231, 111, 81)).save(avatar, "JPEG")
    passphrase = "hips before coffee, every single morning"

    page.goto("/")
    page.locator(".member-box").get_by_role("link", name="Sign up").click()
    page.fill("#id_first_name", "Ada")
    page.fill("#id_email", "ada@example.com")
    page.fill("#id_password1", passphrase)
    page.get_by_role("button", name="Show password").click()  # check the passphrase before sending
    assert page.get_attribute("#id_password1", "type") == "text"
    assert page.get_by_role("button", name="Hide password").is_visible()
    page.get_by_role("button", name="Sign up").click()
    assert "Enter the code we emailed you" in page.locator("h1").inner_text()
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.M).group(1)
    page.fill("#id_code", code)
    page.get_by_role("button", name="Confirm").click()
    assert page.locator(".member-menu__greeting").inner_text() == "Ada"
    assert "Welcome, Ada!" in page.locator(".messages").inner_text()

    page.locator(".member-box summary").click()  # the account menu
    page.get_by_role("link", name="My profile").click()
    page.fill("#id_display_name", "Ada L.")
    page.set_input_files("#id_avatar_upload", str(avatar))
    page.get_by_role("button", name="Save profile").click()
    assert "Your profile is saved." in page.locator(".messages").inner_text()
    assert page.locator("img.avatar").evaluate("img => img.complete && img.naturalWidth") == 256

    page.locator(".member-box summary").click()
    page.get_by_role("button", name="Log out").click()
    assert "Log in" in page.locator(".member-box").inner_text()

    page.get_by_role("link", name="Log in").click()
    page.fill("#id_login", "ada@example.com")
    page.fill("#id_password", passphrase)
    page.get_by_role("button", name="Log in").click()
    assert page.locator(".member-menu__greeting").inner_text() == "Ada"
    assert page.console_errors == []


def test_a_comment_goes_from_member_to_moderator_to_reader(page, settings):
    """A member posts and sees it held; a moderator approves it; a signed-out reader sees it."""
    settings.DEBUG = True  # demo accounts: Ada the member, Edie the editor and moderator
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    settings.COMMENTS = {**settings.COMMENTS, "MIN_FILL_SECONDS": 0}  # the test types faster than a person

    page.goto("/accounts/login/")
    page.fill("#id_login", "ada@limber.localhost")
    page.fill("#id_password", "stretch-and-breathe")
    page.get_by_role("button", name="Log in").click()
    page.goto("/stretches/hip-stretches/#comments")
    page.fill("#comment-form textarea[name=text]", "The office routine saved my afternoon.")
    page.get_by_role("button", name="Post comment").click()
    assert "awaiting moderation" in page.locator(".messages").inner_text()
    held = page.locator(".comment--pending", has_text="The office routine saved my afternoon.")
    assert "Awaiting moderation" in held.inner_text()
    page.locator(".member-box summary").click()  # the account menu
    page.get_by_role("button", name="Log out").click()

    reader = page.context.browser.new_context(base_url=page.url.split("/stretches")[0])
    reader_page = reader.new_page()
    reader_page.goto("/stretches/hip-stretches/")
    assert reader_page.get_by_text("The office routine saved my afternoon.").count() == 0

    page.goto("/admin/")
    page.fill("#id_login", "editor@limber.localhost")
    page.fill("#id_password", "stretch-and-breathe")
    page.get_by_role("button", name="Log in").click()
    assert "awaiting moderation" in page.locator(".limber-pending").inner_text()
    page.locator(".limber-pending a").click()
    row = page.locator("tr", has_text="The office routine saved my afternoon.")
    row.locator("input[type=checkbox]").check()
    page.select_option("select[name=action]", "approve")
    page.get_by_role("button", name="Go").click()
    assert "1 comment(s) approved" in page.locator(".messagelist").inner_text()

    reader_page.reload()
    assert reader_page.get_by_text("The office routine saved my afternoon.").is_visible()
    assert "Ada" in reader_page.locator(".comment", has_text="The office routine").first.inner_text()
    reader.close()
    assert page.console_errors == []


def test_a_guest_writes_a_comment_with_the_token_fetched_on_focus(page, settings):
    """The cached article page has no token; focusing the form fetches one and posting works."""
    call_command("load_demo", verbosity=0)
    settings.COMMENTS = {**settings.COMMENTS, "MIN_FILL_SECONDS": 0}
    page.goto("/stretches/hip-stretches/")
    assert page.context.cookies() == []  # the article page set no cookie
    form = page.locator("#comment-form")
    form.locator("textarea[name=text]").fill("Guest here: lovely clear pictures.")
    form.locator("input[name=name]").fill("Gwen")
    form.locator("input[name=email]").fill("gwen@example.com")
    page.get_by_role("button", name="Post comment").click()
    assert "we have emailed you a link" in page.locator(".messages").inner_text()
    assert Comment.objects.get(guest_name="Gwen").status == "unconfirmed"
    assert page.console_errors == []


CSP_WATCH = """
document.addEventListener("securitypolicyviolation", (event) => {
  (window.cspViolations = window.cspViolations || []).push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_no_page_breaks_the_content_security_policy(page, settings):
    """Every kind of page, the admin's included, under the policy that allows nothing inline."""
    settings.DEBUG = True  # demo accounts
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    page.add_init_script(CSP_WATCH)
    seen = {}

    def visit(path):
        response = page.goto(path)
        page.wait_for_load_state("networkidle")
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        seen[path] = page.evaluate("window.cspViolations || []")

    for path in (
        "/",
        "/stretches/",
        "/stretches/topics/hip-stretches/",
        "/stretches/hip-stretches/",
        "/stretches/library/single-knee-to-chest/",
        "/accounts/signup/",
        "/accounts/login/",
    ):
        visit(path)
    assert page.console_errors == []
    visit("/no-such-page/")
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]
    page.console_errors.clear()
    page.goto("/stretches/hip-stretches/")
    page.locator("#comment-form textarea[name=text]").focus()  # the guest form fetches its token
    page.wait_for_load_state("networkidle")
    seen["article, writing a comment"] = page.evaluate("window.cspViolations || []")
    page.goto("/accounts/login/")
    page.fill("#id_login", "editor@limber.localhost")
    page.fill("#id_password", "stretch-and-breathe")
    page.get_by_role("button", name="Log in").click()
    for path in (
        "/members/",
        "/members/profile/",
        "/admin/",
        "/admin/stretches/article/",
        "/admin/comments/comment/",
    ):
        visit(path)
    article = Article.objects.get(slug="hip-stretches")
    visit(f"/admin/stretches/article/{article.pk}/change/")
    page.locator("#id_topic + .select2").click()  # the autocomplete box draws itself with scripts
    page.keyboard.press("Escape")
    seen["admin change form, after using it"] = page.evaluate("window.cspViolations || []")
    assert {path: found for path, found in seen.items() if found} == {}
    assert page.console_errors == []
