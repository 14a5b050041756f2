"""Replying in place: "Reply" under a comment opens the form right beneath it where JavaScript
runs (the link still goes to the reply page without it), for members and for guests, whose form
fetches its token when they start writing. Debian's Chromium, driven by Playwright."""

import pytest
from django.core.management import call_command

from comments.models import Comment
from tests.test_browser import CSP_WATCH

# serialized_rollback: restore what data migrations made (the Editors group) after each flush.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # the demo's member account
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    settings.COMMENTS = {**settings.COMMENTS, "MIN_FILL_SECONDS": 0}  # the test types faster than a person
    return Comment.objects.get(article__slug="hip-stretches", parent=None, guest_name="Maya")


def open_reply(page, parent):
    """Click Reply under `parent`; the form opens beneath it with the focus in its text box."""
    link = page.locator(f"#{parent.anchor} > .comment__body a[data-reply-to]")
    assert link.get_attribute("href") == f"/comments/article/hip-stretches/reply/{parent.pk}/"  # without JS
    link.click()
    form = page.locator(f"#{parent.anchor} > form.comment-form--reply")
    form.wait_for()
    page.wait_for_function("() => document.activeElement.matches('form.comment-form--reply textarea')")
    assert form.get_by_role("heading").inner_text() == "Reply to Maya"
    assert link.get_attribute("aria-expanded") == "true"
    return link, form


def test_a_member_replies_in_place_and_sees_the_reply(page, demo):
    page.add_init_script(CSP_WATCH)
    page.goto("/accounts/login/")
    page.fill("#id_login", "ada@limber.localhost")
    page.fill("#id_password", "stretch-and-breathe")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/members/")
    page.goto("/stretches/hip-stretches/#comments")

    link, form = open_reply(page, demo)
    page.keyboard.type("Knees first, then hips: ")
    page.keyboard.press("Escape")  # closes, focus back on the link
    assert form.is_hidden()
    assert link.get_attribute("aria-expanded") == "false"
    page.wait_for_function("() => document.activeElement.matches('a[data-reply-to]')")
    link.click()  # opens again with what was typed
    assert form.locator("textarea").input_value() == "Knees first, then hips: "
    page.keyboard.type("thank you, Maya.")
    form.get_by_role("button", name="Cancel").click()
    assert form.is_hidden()
    link.click()
    assert page.locator("#comment-form").get_by_role("button", name="Post comment").is_visible()
    form.get_by_role("button", name="Post reply").click()

    reply = Comment.objects.get(text="Knees first, then hips: thank you, Maya.")
    assert (reply.parent, reply.author.email) == (demo, "ada@limber.localhost")
    page.wait_for_url(f"**#{reply.anchor}")
    shown = page.locator(f"#{reply.anchor}")
    assert "Knees first, then hips: thank you, Maya." in shown.inner_text()
    # What comments/rules.py decides for a member with no approved comment yet: held.
    if reply.status == Comment.Status.PENDING:
        assert "awaiting moderation" in page.locator(".messages").inner_text()
        assert "Awaiting moderation" in shown.inner_text()
    else:
        assert reply.status == Comment.Status.APPROVED
        assert "Your comment is published" in page.locator(".messages").inner_text()
    page.wait_for_function(f"() => document.activeElement.id === '{reply.anchor}'")  # not the body
    assert page.evaluate("window.cspViolations || []") == []
    assert page.console_errors == []


def test_a_guest_replies_in_place_with_the_token_fetched_when_they_start(page, demo):
    page.add_init_script(CSP_WATCH)
    page.goto("/stretches/hip-stretches/")
    assert page.context.cookies() == []  # the article page set no cookie
    assert page.locator("form input[name=csrfmiddlewaretoken]").count() == 0

    _, form = open_reply(page, demo)
    form.locator("input[name=csrfmiddlewaretoken]").wait_for(state="attached")  # fetched on focus
    assert page.locator("#comment-form input[name=csrfmiddlewaretoken]").count() == 0  # that form's own
    page.keyboard.type("Guest here: the figure-four helped me too.")
    form.get_by_label("Your name").fill("Gwen")
    form.get_by_label("Your email").fill("gwen@example.com")
    form.get_by_role("button", name="Post reply").click()

    page.wait_for_url("**/stretches/hip-stretches/#comments")
    assert "we have emailed you a link" in page.locator(".messages").inner_text()
    reply = Comment.objects.get(guest_name="Gwen")
    assert (reply.parent, reply.status) == (demo, Comment.Status.UNCONFIRMED)
    page.wait_for_function("() => document.activeElement.matches('[data-messages]')")
    assert page.evaluate("window.cspViolations || []") == []
    assert page.console_errors == []
