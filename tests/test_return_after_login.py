"""Logging in or signing up brings the reader back to the page (and the form) they were on."""

import pytest
from django.core import mail
from django.test import Client
from pytest_django.asserts import assertContains

from tests.helpers import PASSWORD
from tests.test_accounts import code_in, confirm, login

pytestmark = pytest.mark.django_db
FORM = "#comment-form"


def test_login_returns_to_the_article_at_its_comment_form(member, article):
    client = Client()
    back = article.get_absolute_url() + FORM
    response = login(client, path=f"/accounts/login/?next={back.replace('#', '%23')}")
    assert response.redirect_chain[-1][0] == back
    assert response.wsgi_request.user == member


def test_sign_up_and_its_code_return_to_the_comment_form(article):
    client = Client()
    back = article.get_absolute_url() + FORM
    response = client.post(
        "/accounts/signup/",
        {"first_name": "Nina", "email": "nina@example.com", "password1": PASSWORD, "next": back},
        follow=True,
    )
    assertContains(response, "Enter the code we emailed you")
    response = confirm(client, code_in(mail.outbox[-1]))
    assert response.redirect_chain[-1][0] == back
    assert response.wsgi_request.user.email == "nina@example.com"


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        "http://testserver/members/profile/",
    ],
)
def test_a_next_that_is_not_a_path_here_lands_in_the_member_area(member, next_url):
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302 and response["Location"] == "/members/"


def test_without_a_next_the_login_page_takes_the_same_site_page_it_came_from(article):
    """No script ran (so the header's link has no ?next=): the browser's Referer names the page."""
    here = article.get_absolute_url()
    response = Client().get("/accounts/login/", HTTP_REFERER=f"http://testserver{here}")
    assertContains(response, f'<input type="hidden" name="next" value="{here}">', html=True)
    response = Client().get("/accounts/signup/", HTTP_REFERER=f"https://evil.example{here}")
    assert response.status_code == 200 and 'name="next"' not in response.content.decode()


def test_the_signed_out_article_is_the_same_bytes_for_everyone_and_sets_no_cookie(article):
    first, second = Client().get(article.get_absolute_url()), Client().get(article.get_absolute_url())
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert not first.cookies and not second.cookies and "Set-Cookie" not in second
    assertContains(first, "data-keep-place>Log in</a>")
    assertContains(first, f"/accounts/signup/?next={article.get_absolute_url()}%23comment-form")
