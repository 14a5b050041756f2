"""Comment behaviour a review found wanting, kept right."""

import datetime
import threading

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments import services
from comments.models import Comment, ModerationRule
from tests.factories import ArticleFactory, UserFactory
from tests.test_comments import member_client, post, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(title="Hip stretches")


@pytest.fixture
def emails(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def approved(article, author, text="Hello", parent=None, emails=None):
    comment = services.post_comment(article=article, author=author, text=text, parent=parent)
    return services.approve(comment=comment)


def test_names_with_line_breaks_are_refused_and_subjects_are_not_escaped(article, emails):
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
    with emails():
        services.post_comment(article=article, author=obrien, text="Reply", parent=root)
    assert [m.subject for m in mail.outbox if "ada@example.com" in m.to][-1] == (
        "[Limber] O'Brien & co replied to your comment"
    )


def test_profile_names_refuse_control_characters():
    client = member_client()
    response = client.post("/members/profile/", {"first_name": "Ada", "display_name": "Ada\r\nBcc: x"})
    assertContains(response, "no line breaks or hidden characters")


def test_guest_emails_longer_than_the_database_column_are_refused(article):
    response = Client().post(
        f"/comments/article/{article.slug}/",
        {"text": "Hi", "name": "Gus", "email": "g" * 250 + "@example.com", "started": started()},
    )
    assert response.status_code == 200
    assertContains(response, "Ensure this value has at most 254 characters")


def test_a_reply_at_full_depth_notifies_the_person_it_answers(article, emails):
    a, b, c, d = (UserFactory(first_name=n, email=f"{n}@example.com", is_staff=True) for n in "abcd")
    one = approved(article, a)
    two = approved(article, b, parent=one)
    three = approved(article, c, parent=two)
    mail.outbox.clear()
    with emails():
        reply = services.post_comment(article=article, author=d, text="To C", parent=three)
    assert reply.parent == two and reply.in_reply_to == three
    assert [m.to for m in mail.outbox] == [["c@example.com"]]
    assertContains(Client().get(article.get_absolute_url()), "In reply to c")


def test_long_rule_values_do_not_overflow_the_reason(article):
    ModerationRule.objects.create(kind="hold_word", value="w" * 200)
    member = member_client()
    trusted = Comment.objects.create(
        article=article, author=member.user, text="x", text_html="x", status="approved"
    )
    assert trusted.pk
    post(member, article, "Contains " + "w" * 200)
    assert len(Comment.objects.latest("id").held_reason) == 200


def test_edits_and_re_approvals_do_not_repeat_emails(article, emails, settings):
    moderator = UserFactory(email="mo@example.com", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    ada = UserFactory(first_name="Ada", email="ada@example.com")
    root = approved(article, ada)
    bo = UserFactory(first_name="Bo", email="bo@example.com")
    approved(article, bo, text="Earlier")  # Bo is trusted
    with emails():
        reply = services.post_comment(article=article, author=bo, text="Reply", parent=root)
        for text in ["Reply.", "Reply!", "Reply!!"]:
            services.edit_comment(comment=reply, text=text, editor=bo)
    assert len([m for m in mail.outbox if "replied" in m.subject]) == 1
    mail.outbox.clear()
    with emails():
        held = services.post_comment(
            article=article, author=UserFactory(email="new@example.com"), text="First"
        )
        services.edit_comment(comment=held, text="First, edited", editor=held.author)
    assert len([m for m in mail.outbox if "mo@example.com" in m.to]) == 1
    mail.outbox.clear()
    with emails():
        for reporter in [UserFactory() for _ in range(3)]:
            services.report_comment(comment=root, reporter=reporter)
        services.approve(comment=root)
    assert [m for m in mail.outbox if "ada@example.com" in m.to] == []


def test_an_edit_does_not_undo_a_report_hold_nor_a_typo_fix_lose_trust(article):
    ada = UserFactory()
    only = approved(article, ada, text="Only comment")
    fixed = services.edit_comment(comment=only, text="Only comment, typo fixed", editor=ada)
    assert fixed.status == "approved"
    for reporter in [UserFactory() for _ in range(3)]:
        services.report_comment(comment=fixed, reporter=reporter)
    edited = services.edit_comment(comment=fixed, text="Nicer now", editor=ada)
    assert (edited.status, edited.held_reason) == ("pending", "Reported by 3 members")


def test_re_approval_clears_reports(article):
    comment = approved(article, UserFactory())
    for reporter in [UserFactory() for _ in range(3)]:
        services.report_comment(comment=comment, reporter=reporter)
    services.approve(comment=comment)
    services.report_comment(comment=comment, reporter=UserFactory())
    assert Comment.objects.get(pk=comment.pk).status == "approved"


def test_a_deleted_placeholder_cannot_be_reported(article):
    owner = member_client()
    root = Comment.objects.create(
        article=article, author=owner.user, text="x", text_html="x", status="approved"
    )
    Comment.objects.create(
        article=article, parent=root, root=root, depth=1, text="r", text_html="r", status="approved"
    )
    owner.post(f"/comments/{root.pk}/delete/")
    assert member_client(name="Bo").post(f"/comments/{root.pk}/report/").status_code == 404


def test_banning_a_former_member_touches_only_that_comment(article):
    former = Comment.objects.create(article=article, text="x", text_html="x", status="approved")
    other = Comment.objects.create(article=article, text="y", text_html="y", status="pending")
    services.ban_author(comment=former)
    assert Comment.objects.get(pk=former.pk).status == "spam"
    assert Comment.objects.get(pk=other.pk).status == "pending"
    assert not ModerationRule.objects.exists()


def test_a_banned_members_published_comments_go_to_spam_too(article):
    ada = UserFactory()
    first, second = approved(article, ada), approved(article, ada, text="Again")
    services.ban_author(comment=second)
    assert set(Comment.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {
        "spam"
    }


def test_moderators_cannot_approve_what_a_guest_has_not_confirmed(article, editor_client):
    guest = services.post_comment(article=article, text="Hi", guest_name="G", guest_email="g@example.com")
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(moderator)
    response = client.post(
        reverse("admin:comments_comment_changelist") + "?status=all",
        {"action": "approve", "_selected_action": [guest.pk]},
        follow=True,
    )
    assertContains(response, "1 skipped: This guest has not confirmed their comment by email yet.")
    assert Comment.objects.get(pk=guest.pk).status == "unconfirmed"


def test_addresses_are_forgotten_after_30_days(article):
    old = Comment.objects.create(
        article=article, text="x", text_html="x", status="approved", ip_address="10.0.0.1"
    )
    new = Comment.objects.create(
        article=article, text="y", text_html="y", status="approved", ip_address="10.0.0.2"
    )
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    services.expire_unconfirmed()
    assert Comment.objects.get(pk=old.pk).ip_address is None
    assert Comment.objects.get(pk=new.pk).ip_address == "10.0.0.2"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_rate_limit_holds_under_a_burst(settings):
    """Eight posts at the same instant from one member: exactly one gets the slot."""
    settings.COMMENTS = {**settings.COMMENTS, "RATE_SECONDS": 15}
    results, barrier = [], threading.Barrier(8)

    def attempt():
        barrier.wait()
        try:
            results.append(services.take_posting_slot(key="user:42"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]


def test_a_comment_sent_back_to_moderation_takes_its_replies_out_of_every_count(article):
    ada, bo, cy = (UserFactory(first_name=name) for name in ("Ada", "Bo", "Cy"))
    root = approved(article, ada, "Top comment")
    middle = approved(article, bo, "Middle reply", parent=root)
    leaf = approved(article, cy, "Leaf reply", parent=middle)
    reader = Client()
    assertContains(reader.get("/stretches/"), "3 comments")
    assertContains(reader.get(article.get_absolute_url()), "Leaf reply")

    for name in ("Di", "Ed", "Flo"):  # three members report the middle reply
        services.report_comment(comment=middle, reporter=UserFactory(first_name=name))
    middle.refresh_from_db()
    assert middle.status == Comment.Status.PENDING

    page = reader.get(article.get_absolute_url())
    assertContains(page, "Top comment")
    assertNotContains(page, "Middle reply")
    assertNotContains(page, "Leaf reply")
    listing = reader.get("/stretches/")
    assertContains(listing, "1 comment<")  # what the page shows, not the three approved rows
    assert reader.get(leaf.get_absolute_url()).status_code == 404
    reply_url = f"/comments/article/{article.slug}/reply/{leaf.pk}/"
    assert member_client("Gus").get(reply_url).status_code == 404
    # Approved again, the thread comes back whole.
    services.approve(comment=middle)
    assertContains(reader.get(article.get_absolute_url()), "Leaf reply")
    assertContains(reader.get("/stretches/"), "3 comments")
