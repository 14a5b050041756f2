"""Who gets which email about comments, and one-click unsubscribe."""

import re

import pytest
from django.core import mail
from django.test import Client
from pytest_django.asserts import assertContains

from comments import services
from comments.models import Comment
from tests.factories import UserFactory
from tests.helpers import approved, established_member, started

# Emails leave when the transaction commits, so these tests commit for real; serialized_rollback
# restores the Moderators group (a data migration) after each one. TestWithinATransaction's do not.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sent_to(address):
    return [m for m in mail.outbox if address in m.to]


def unsubscribe_link(message):
    return re.search(r"http://testserver(/comments/unsubscribe/\S+)", message.body).group(1)


def test_moderators_hear_about_held_comments(article, moderator):
    member = UserFactory(email="ada@example.com")
    services.post_comment(article=article, author=member, text="First!")
    [message] = sent_to("mo@example.com")
    assert message.subject == "[Limber] A comment is waiting for moderation"
    assert "First comment from this member" in message.body
    assert "http://testserver/admin/comments/comment/" in message.body


def test_authors_hear_when_approved_and_when_someone_replies(article, moderator):
    ada = UserFactory(first_name="Ada", email="ada@example.com")
    comment = services.post_comment(article=article, author=ada, text="Hello")
    mail.outbox.clear()
    services.approve(comment=comment)
    [approved] = sent_to("ada@example.com")
    assert approved.subject == "[Limber] Your comment is published"
    assert approved.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    services.approve(comment=comment)  # approving twice tells nobody twice
    assert len(sent_to("ada@example.com")) == 1

    bo = UserFactory(first_name="Bo", email="bo@example.com", is_staff=True)  # staff: published at once
    services.post_comment(article=article, author=bo, text="Welcome!", parent=comment)
    replies = [m for m in sent_to("ada@example.com") if "replied" in m.subject]
    assert [m.subject for m in replies] == ["[Limber] Bo replied to your comment"]
    assert "Welcome!" in replies[0].body


def test_no_reply_email_for_replying_to_yourself_or_when_preferences_say_no(article):
    ada = UserFactory(email="ada@example.com", is_staff=True, notify_replies=False)
    root = services.post_comment(article=article, author=ada, text="Root")
    bo = UserFactory(email="bo@example.com", is_staff=True)
    services.post_comment(article=article, author=bo, text="Reply", parent=root)
    services.post_comment(article=article, author=ada, text="Self reply", parent=root)
    assert sent_to("ada@example.com") == []


def test_rejected_comments_are_explained_kindly(article):
    ada = UserFactory(email="ada@example.com")
    comment = services.post_comment(article=article, author=ada, text="Hmm")
    services.reject(comment=comment)
    [message] = sent_to("ada@example.com")
    assert "decided not to publish it" in message.body


def test_guests_hear_only_if_they_opted_in(article):
    opted = services.post_comment(
        article=article, text="Yes please", guest_name="G", guest_email="g@example.com", notify=True
    )
    quiet = services.post_comment(
        article=article, text="No thanks", guest_name="Q", guest_email="q@example.com"
    )
    for comment in (opted, quiet):
        services.confirm_guest_comment(comment=comment)
        services.approve(comment=comment)
    assert [m.subject for m in sent_to("g@example.com")] == [
        "[Limber] Please confirm your comment",
        "[Limber] Your comment is published",
    ]
    assert [m.subject for m in sent_to("q@example.com")] == ["[Limber] Please confirm your comment"]


def test_unsubscribe_asks_on_get_and_stops_on_post_without_login(article):
    """A mail scanner that opens the link changes nothing; the page's button, or a mail client's
    one-click POST (no cookies, no CSRF token), unsubscribes, any number of times."""
    ada = UserFactory(email="ada@example.com")
    comment = services.post_comment(article=article, author=ada, text="Hello")
    services.approve(comment=comment)
    message = sent_to("ada@example.com")[-1]
    link = unsubscribe_link(message)
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    for method in ("get", "head"):
        response = getattr(Client(), method)(link)
        assert response.status_code == 200
    assertContains(Client().get(link), "Stop these emails?")
    assertContains(Client().get(link), f'<form method="post" action="{link}">')
    ada.refresh_from_db()
    assert ada.notify_moderation is True, "opening the link changed nothing"

    for _ in range(2):  # clicking again still works
        response = Client(enforce_csrf_checks=True).post(link, {"List-Unsubscribe": "One-Click"})
        assertContains(response, "You're unsubscribed")
    assert "no-cache" in response["Cache-Control"]
    ada.refresh_from_db()
    assert ada.notify_moderation is False and ada.notify_replies is True
    second = services.post_comment(article=article, author=ada, text="Again")
    mail.outbox.clear()
    services.approve(comment=second)
    assert sent_to("ada@example.com") == []


def test_replies_emails_carry_their_own_unsubscribe(article):
    ada, bo = UserFactory(email="ada@example.com"), UserFactory(email="bo@example.com", first_name="Bo")
    parent = approved(article, ada, "Hello")
    mail.outbox.clear()
    approved(article, bo, "Hello yourself", parent=parent)
    (reply,) = [m for m in sent_to("ada@example.com") if "repl" in m.subject.lower()]
    link = unsubscribe_link(reply)
    assert reply.extra_headers["List-Unsubscribe"] == f"<http://testserver{link}>"
    Client().post(link)
    ada.refresh_from_db()
    assert ada.notify_replies is False and ada.notify_moderation is True


def test_guest_unsubscribe_and_forged_links(article):
    comment = services.post_comment(
        article=article, text="Hi", guest_name="G", guest_email="g@example.com", notify=True
    )
    services.confirm_guest_comment(comment=comment)
    services.approve(comment=comment)
    link = unsubscribe_link(sent_to("g@example.com")[-1])
    assert Client().get(link).status_code == 200
    assert Comment.objects.get(pk=comment.pk).notify, "opening the link changed nothing"
    assert Client().post(link).status_code == 200
    assert not Comment.objects.get(pk=comment.pk).notify
    for forged in (link[:-3] + "abc/", "/comments/unsubscribe/not-a-token/"):
        for method in ("get", "post"):
            response = getattr(Client(), method)(forged)
            assert response.status_code == 400
            assertContains(response, "This link is not valid", status_code=400)
    assert Client().put(link).status_code == 405


@pytest.mark.django_db  # in the test's transaction: `emails_sent` runs what would wait for the commit
class TestWithinATransaction:
    def test_names_with_line_breaks_are_refused_and_subjects_are_not_escaped(self, article, emails_sent):
        response = Client().post(
            f"/comments/article/{article.slug}/",
            {
                "text": "Hi",
                "name": "Bo\nBcc: x@evil.example",
                "email": "b@example.com",
                "started": started(),
            },
        )
        assertContains(response, "no line breaks or hidden characters")
        assert not Comment.objects.exists()
        ada = UserFactory(email="ada@example.com", first_name="Ada")
        root = approved(article, ada)
        obrien = UserFactory(first_name="O'Brien & co", email="ob@example.com", is_staff=True)
        with emails_sent():
            services.post_comment(article=article, author=obrien, text="Reply", parent=root)
        assert [m.subject for m in mail.outbox if "ada@example.com" in m.to][-1] == (
            "[Limber] O'Brien & co replied to your comment"
        )

    def test_a_reply_at_full_depth_notifies_the_person_it_answers(self, article, emails_sent):
        a, b, c, d = (UserFactory(first_name=n, email=f"{n}@example.com", is_staff=True) for n in "abcd")
        one = approved(article, a)
        two = approved(article, b, parent=one)
        three = approved(article, c, parent=two)
        mail.outbox.clear()
        with emails_sent():
            reply = services.post_comment(article=article, author=d, text="To C", parent=three)
        assert reply.parent == two and reply.in_reply_to == three
        assert [m.to for m in mail.outbox] == [["c@example.com"]]
        assertContains(Client().get(article.get_absolute_url()), "In reply to c")

    def test_edits_and_re_approvals_do_not_repeat_emails(self, article, emails_sent, moderator):
        ada = UserFactory(first_name="Ada", email="ada@example.com")
        root = approved(article, ada)
        bo = UserFactory(first_name="Bo", email="bo@example.com")
        approved(article, bo, text="Earlier")  # Bo is trusted
        with emails_sent():
            reply = services.post_comment(article=article, author=bo, text="Reply", parent=root)
            for text in ["Reply.", "Reply!", "Reply!!"]:
                services.edit_comment(comment=reply, text=text, editor=bo)
        assert len([m for m in mail.outbox if "replied" in m.subject]) == 1
        mail.outbox.clear()
        with emails_sent():
            held = services.post_comment(
                article=article, author=UserFactory(email="new@example.com"), text="First"
            )
            services.edit_comment(comment=held, text="First, edited", editor=held.author)
        assert len([m for m in mail.outbox if "mo@example.com" in m.to]) == 1
        mail.outbox.clear()
        with emails_sent():
            for reporter in [established_member() for _ in range(3)]:
                services.report_comment(comment=root, reporter=reporter)
            services.approve(comment=root)
        assert [m for m in mail.outbox if "ada@example.com" in m.to] == []
