"""Guests comment without an account: on a cookie-free page with a fetched token, confirming by
email before a moderator sees the comment; unconfirmed comments expire."""

import datetime
import io
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Comment
from comments.tokens import STARTED_SALT
from tests.helpers import member_client, post, started

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rate_limit")]


class TestGuests:
    def test_a_guest_confirms_by_email_then_the_comment_enters_moderation(self, article, emails_sent):
        with emails_sent():
            response = post(
                Client(), article, "Lovely routine", name="Gus", email="gus@example.com", notify="on"
            )
        assertContains(response, "we have emailed you a link")
        comment = Comment.objects.get()
        assert comment.status == "unconfirmed"
        assert mail.outbox[-1].to == ["gus@example.com"]
        link = re.search(r"http://testserver(/comments/confirm/\S+)", mail.outbox[-1].body).group(1)
        with emails_sent():
            assertContains(Client().get(link), "awaiting moderation")
        comment.refresh_from_db()
        assert (comment.status, comment.held_reason) == ("pending", "Guest comment")
        Client().get(link)  # a second click changes nothing
        assert Comment.objects.get().status == "pending"

    def test_guest_form_keeps_the_article_page_identical_and_cookie_free(self, article):
        first, second = Client().get(article.get_absolute_url()), Client().get(article.get_absolute_url())
        assert first.content == second.content
        assert not first.cookies
        assertContains(first, "data-guest-form")
        token = Client().get("/comments/token/")
        assert token["Cache-Control"].startswith("max-age=0")
        assert set(token.json()) == {"csrfmiddlewaretoken", "started"}

    def test_a_guest_posting_with_a_fetched_token_passes_csrf(self, article):
        client = Client(enforce_csrf_checks=True)
        token = client.get("/comments/token/").json()
        signed = signing.loads(token["started"], salt=STARTED_SALT)
        token["started"] = signing.dumps(
            {**signed, "t": signed["t"] - 10}, salt=STARTED_SALT
        )  # 10 s of typing
        response = client.post(
            f"/comments/article/{article.slug}/",
            {**token, "text": "Hello", "name": "Gus", "email": "gus@example.com"},
        )
        assert response.status_code == 302
        assert Comment.objects.get().guest_name == "Gus"
        assert (
            Client(enforce_csrf_checks=True).post(f"/comments/article/{article.slug}/", {}).status_code == 403
        )

    def test_guest_emails_longer_than_the_database_column_are_refused(self, article):
        response = Client().post(
            f"/comments/article/{article.slug}/",
            {"text": "Hi", "name": "Gus", "email": "g" * 250 + "@example.com", "started": started()},
        )
        assert response.status_code == 200
        assertContains(response, "Ensure this value has at most 254 characters")

    def test_unconfirmed_comments_expire_after_7_days(self, article):
        post(Client(), article, "Old", name="Gus", email="gus@example.com")
        post(Client(REMOTE_ADDR="10.0.0.2"), article, "New", name="Ann", email="ann@example.com")
        Comment.objects.filter(text="Old").update(created_at=timezone.now() - datetime.timedelta(days=8))
        out = io.StringIO()
        call_command("expire_comments", stdout=out)
        assert out.getvalue() == "Deleted 1 unconfirmed guest comment(s).\n"
        assert list(Comment.objects.values_list("text", flat=True)) == ["New"]

    def test_an_expired_confirmation_link_says_so(self, article, settings, emails_sent):
        with emails_sent():
            post(Client(), article, "Hi", name="Gus", email="gus@example.com")
        link = re.search(r"http://testserver(/comments/confirm/\S+)", mail.outbox[-1].body).group(1)
        settings.COMMENTS = {**settings.COMMENTS, "UNCONFIRMED_DAYS": 0}
        # max_age 0: any age at all has expired (signing timestamps are whole seconds)
        response = Client().get(link)
        assertContains(response, "That link has expired", status_code=410)

    def test_guest_comments_can_be_switched_off(self, article, settings):
        settings.COMMENTS = {**settings.COMMENTS, "GUESTS": False}
        page = Client().get(article.get_absolute_url())
        assertContains(page, "to comment.")
        assertNotContains(page, 'id="comment-form"')
        response = post(Client(), article, "Hi", name="Gus", email="gus@example.com")
        assertContains(response, "Please log in to comment.")


class TestAbuse:
    def test_a_start_token_serves_one_comment(self, article, no_rate_limit):
        """The signed time a form was handed out is spent by the comment it sends: sending it
        again, as a bot replaying one form would, posts nothing."""
        client = member_client("Ada")
        token = started()
        first = client.post(f"/comments/article/{article.slug}/", {"text": "Once", "started": token})
        assert first.status_code == 302
        again = client.post(f"/comments/article/{article.slug}/", {"text": "Twice", "started": token})
        assertContains(again, "Please check your comment and press Post again.")
        assertContains(again, "Twice")  # kept for the person to send again, with a new token
        assert list(Comment.objects.values_list("text", flat=True)) == ["Once"]

    def test_a_fourth_confirmation_to_one_address_within_an_hour_sends_nothing(
        self, article, no_rate_limit, emails_sent
    ):
        for n in range(4):
            with emails_sent():
                response = Client(REMOTE_ADDR=f"203.0.113.{n}").post(
                    f"/comments/article/{article.slug}/",
                    {
                        "text": f"Hello {n}",
                        "name": "Gus",
                        "email": "victim@example.com",
                        "started": started(),
                    },
                )
        assert len(mail.outbox) == 3
        assertContains(response, "already emailed several confirmation links for that address")
        assertContains(response, "Hello 3")
        assert Comment.objects.count() == 3

    def test_one_reader_cannot_have_many_addresses_emailed_either(self, article, no_rate_limit, emails_sent):
        for n in range(4):
            with emails_sent():
                Client(REMOTE_ADDR="203.0.113.7").post(
                    f"/comments/article/{article.slug}/",
                    {"text": "Hi", "name": "Gus", "email": f"person{n}@example.com", "started": started()},
                )
        assert len(mail.outbox) == 3

    @pytest.mark.parametrize(
        ("name", "greeting"),
        [
            ("Gus", "Hello Gus,"),
            ("Visit http://evil.example now", "Hello,"),
            ("win at www.evil.example", "Hello,"),
            ("mail me: me@evil.example", "Hello,"),
            ("evil.рф", "Hello,"),
            ("evil．com", "Hello,"),
            ("203.0.113.9", "Hello,"),
            ("Dr. Ada", "Hello Dr. Ada,"),
            ("A" * 60, "Hello " + "A" * 29 + "…,"),
        ],
    )
    def test_confirmation_emails_greet_by_a_short_name_and_carry_nothing_the_guest_wrote(
        self, article, emails_sent, name, greeting
    ):
        with emails_sent():
            Client().post(
                f"/comments/article/{article.slug}/",
                {
                    "text": "Buy now http://spam.example",
                    "name": name,
                    "email": "a@example.com",
                    "started": started(),
                },
            )
        body = mail.outbox[0].body
        assert body.startswith(greeting)
        assert "spam.example" not in body and "Buy now" not in body


def test_one_home_on_ipv6_cannot_hop_addresses_past_the_limit(article, no_rate_limit, emails_sent):
    """A home or a phone has a whole IPv6 /64 to itself: it counts as one reader."""
    for n in range(4):
        with emails_sent():
            Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}").post(
                f"/comments/article/{article.slug}/",
                {"text": "Hi", "name": "Gus", "email": f"person{n}@example.com", "started": started()},
            )
    assert len(mail.outbox) == 3
