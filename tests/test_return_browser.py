"""In a browser: logging in or signing up from a page brings the reader back to it."""

import re

import pytest
from django.core import mail

from tests.helpers import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_log_in_from_an_article_comes_back_to_it(page, member, article):
    page.goto(article.get_absolute_url())
    page.locator(".member-box").get_by_role("link", name="Log in").click()
    page.fill("#id_login", member.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.locator(".member-menu__greeting").inner_text() == "Ada"
    assert page.console_errors == []


def test_sign_up_from_the_comment_form_comes_back_to_it_signed_in(page, article):
    page.goto(article.get_absolute_url())
    page.locator(".comments__join").get_by_role("link", name="sign up").click()
    page.fill("#id_first_name", "Nina")
    page.fill("#id_email", "nina@example.com")
    page.fill("#id_password1", PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.M).group(1)
    page.fill("#id_code", code)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"**{article.get_absolute_url()}#comment-form")
    assert page.locator(".member-menu__greeting").inner_text() == "Nina"
    assert page.locator("#comment-form").is_visible()
    assert page.console_errors == []


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/%5Cevil.example/", "javascript:alert(1)"]
)
def test_a_next_elsewhere_lands_in_the_member_area(page, member, next_url):
    page.goto(f"/accounts/login/?next={next_url}")
    page.fill("#id_login", member.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/members/")
