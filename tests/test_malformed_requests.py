"""Requests no form of ours would send: a clear answer, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories import ArticleFactory
from tests.helpers import logged_in, uploaded_png

pytestmark = pytest.mark.django_db
CSRF = "k" * 32


def checked_client(**extra):
    """A browser whose CSRF cookie the site checks, as it does in production."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False, **extra)
    client.cookies["csrftoken"] = CSRF
    return client


@pytest.mark.parametrize("charset", ["utf-16", "latin-1", "utf-32", "cp500"])
def test_a_form_in_another_charset_gets_a_400_in_the_sites_look(charset):
    article = ArticleFactory()
    for url in (f"/comments/article/{article.slug}/", "/accounts/login/", "/accounts/signup/"):
        response = checked_client().post(
            url,
            f"csrfmiddlewaretoken={CSRF}&text=hi",
            content_type=f"application/x-www-form-urlencoded; charset={charset}",
        )
        assert response.status_code == 400, url
        assertContains(response, "We couldn't read that request", status_code=400)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("topic", "abc"),
        ("topic", "1.5"),
        ("topic", "99999999999999999999999"),
        ("related", "abc"),
        ("call_to_action", "1.5"),
        ("sections-0-routine", "abc"),
    ],
)
def test_a_non_number_in_an_admin_choice_box_is_an_invalid_choice(editor_client, field, value):
    article = ArticleFactory(sections=1)
    section = article.sections.get()
    data = {
        "title": "Typed with care",
        "slug": article.slug,
        "topic": article.topic_id,
        "standfirst": "S",
        "status": "published",
        "published_at_0": "2026-01-01",
        "published_at_1": "09:00:00",
        "sections-TOTAL_FORMS": "1",
        "sections-INITIAL_FORMS": "1",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        "sections-0-id": section.pk,
        "sections-0-article": article.pk,
        "sections-0-order": "0",
        "sections-0-heading": "H",
        "sections-0-body": "b",
        field: value,
    }
    response = editor_client.post(reverse("admin:stretches_article_change", args=[article.pk]), data)
    assertContains(response, "Please correct the error below.")
    assertContains(response, "Typed with care")  # what the editor typed is drawn again


def test_an_avatar_whose_name_is_too_long_says_so(member):
    client = logged_in()
    profile = {"first_name": "Ada", "last_name": "", "display_name": "", "bio": ""}
    response = client.post(
        "/members/profile/", {**profile, "avatar_upload": uploaded_png("p" * 240 + ".png")}
    )
    assertContains(response, "That file&#x27;s name is too long")
    assertContains(response, 'value="Ada"')


def test_a_file_name_too_long_to_read_gets_a_400_that_says_why(member):
    """Django reads at most 1,024 bytes of a file part's headers: past that the form never runs."""
    boundary, name = "limber", "p" * 1000 + ".png"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{CSRF}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="avatar_upload"; filename="{name}"\r\n'
            f"Content-Type: image/png\r\n\r\n"
        ).encode()
        + uploaded_png().read()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    client = checked_client()
    client.force_login(member)
    response = client.post(
        "/members/profile/", body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assertContains(response, "The name of the file you chose is too long", status_code=400)
