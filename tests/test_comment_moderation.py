"""Moderation of comments: the rules that hold a comment or send it to spam, reports from members
that send one back to the queue, and bans."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from comments import services
from comments.models import Comment, ModerationRule
from tests.factories import CommentFactory, ModerationRuleFactory, UserFactory
from tests.helpers import approved, established_member, member_client, post, trusted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rate_limit")]


class TestRules:
    def test_a_moderation_word_holds_and_a_blocklisted_word_goes_to_spam(self, article):
        ModerationRuleFactory(kind="hold_word", value="cure")
        ModerationRuleFactory(kind="spam_word", value="casino")
        client = member_client()
        trusted(client, article)
        post(client, article, "This is a CURE for everything")
        post(client, article, "Visit my casino!")
        held, spam = Comment.objects.order_by("-id")[:2][::-1]
        assert (held.status, held.held_reason) == ("pending", "Moderation word: cure")
        assert (spam.status, spam.held_reason) == ("spam", "Blocklisted word: casino")

    def test_blocklisted_email_and_ip_go_to_spam(self, article):
        ModerationRuleFactory(kind="spam_email", value="Bad@Example.com")
        ModerationRuleFactory(kind="spam_ip", value="10.1.2.3")
        bad = member_client(email="bad@example.com")
        post(bad, article, "Hello")
        ip_client = member_client(name="Cy")
        ip_client.defaults["REMOTE_ADDR"] = "10.1.2.3"
        post(ip_client, article, "Hi")
        assert list(Comment.objects.values_list("status", flat=True)) == ["spam", "spam"]

    def test_long_rule_values_do_not_overflow_the_reason(self, article):
        ModerationRuleFactory(kind="hold_word", value="w" * 200)
        member = member_client()
        earlier = CommentFactory(article=article, author=member.user, text="x")
        assert earlier.pk
        post(member, article, "Contains " + "w" * 200)
        assert len(Comment.objects.latest("id").held_reason) == 200


class TestReports:
    def test_three_reports_from_different_members_send_a_comment_back_to_the_queue(self, article):
        comment = trusted(member_client(), article)
        first = member_client(name="R1")
        trusted(first, article)  # reports count from members with a published comment of their own
        for _ in range(3):
            first.post(f"/comments/{comment.pk}/report/")  # one member, reported thrice: one report
        comment.refresh_from_db()
        assert comment.status == "approved"
        for name in ("R2", "R3"):
            reporter = member_client(name=name)
            trusted(reporter, article)
            reporter.post(f"/comments/{comment.pk}/report/")
        comment.refresh_from_db()
        assert (comment.status, comment.held_reason) == ("pending", "Reported by 3 members")

    def test_fresh_accounts_cannot_hide_a_comment(self, article):
        """Reports from members without a confirmed address, or without a published comment of
        their own, are kept for moderators but send nothing back."""
        comment = trusted(member_client(), article)
        for n in range(3):
            services.report_comment(comment=comment, reporter=UserFactory())  # unconfirmed
            member_client(name=f"New{n}").post(f"/comments/{comment.pk}/report/")  # never published
        comment.refresh_from_db()
        assert comment.status == "approved" and comment.reports.count() == 6

    def test_a_moderators_report_sends_a_comment_back_at_once(self, article, moderator):
        comment = trusted(member_client(), article)
        services.report_comment(comment=comment, reporter=moderator)
        comment.refresh_from_db()
        assert (comment.status, comment.held_reason) == ("pending", "Reported by a moderator")

    def test_reporting_asks_first_and_only_members_see_the_link(self, article):
        comment = trusted(member_client(), article)
        report_url = f"/comments/{comment.pk}/report/"
        reader = member_client(name="R1")
        assertContains(reader.get(article.get_absolute_url()), f'href="{report_url}"')
        assertNotContains(Client().get(article.get_absolute_url()), f'href="{report_url}"')
        assertContains(reader.get(report_url), "Report this comment?")
        assert not comment.reports.exists()

    def test_members_cannot_report_their_own_comment(self, article):
        owner = member_client()
        comment = trusted(owner, article)
        response = owner.post(f"/comments/{comment.pk}/report/", follow=True)
        assertContains(response, "You cannot report your own comment.")

    def test_re_approval_clears_reports(self, article):
        comment = approved(article, UserFactory())
        for reporter in [established_member() for _ in range(3)]:
            services.report_comment(comment=comment, reporter=reporter)
        services.approve(comment=comment)
        services.report_comment(comment=comment, reporter=established_member())
        assert Comment.objects.get(pk=comment.pk).status == "approved"

    def test_a_deleted_placeholder_cannot_be_reported(self, article):
        owner = member_client()
        root = CommentFactory(article=article, author=owner.user, text="x")
        CommentFactory(article=article, parent=root, text="r")
        owner.post(f"/comments/{root.pk}/delete/")
        assert member_client(name="Bo").post(f"/comments/{root.pk}/report/").status_code == 404


class TestBans:
    def test_a_banned_member_goes_to_spam(self, article):
        client = member_client()
        client.user.comments_banned = True
        client.user.save()
        post(client, article, "Hello again")
        assert Comment.objects.get().status == "spam"

    def test_banning_a_former_member_touches_only_that_comment(self, article):
        # Rows with neither an author nor a guest address: what a deleted member leaves behind.
        former = Comment.objects.create(article=article, text="x", text_html="x", status="approved")
        other = Comment.objects.create(article=article, text="y", text_html="y", status="pending")
        services.ban_author(comment=former)
        assert Comment.objects.get(pk=former.pk).status == "spam"
        assert Comment.objects.get(pk=other.pk).status == "pending"
        assert not ModerationRule.objects.exists()

    def test_a_banned_members_published_comments_go_to_spam_too(self, article):
        ada = UserFactory()
        first, second = approved(article, ada), approved(article, ada, text="Again")
        services.ban_author(comment=second)
        assert set(Comment.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {
            "spam"
        }


def test_comments_on_an_article_readers_cannot_open_cannot_be_reported(article):
    comment = trusted(member_client(), article)
    article.status = article.Status.DRAFT
    article.save()
    reader = member_client(name="R1")
    assert reader.get(f"/comments/{comment.pk}/report/").status_code == 404
    assert reader.post(f"/comments/{comment.pk}/report/").status_code == 404


def test_a_ban_records_who_sent_each_of_the_authors_comments_to_spam(article, moderator):
    author = UserFactory()
    held, earlier = (CommentFactory(article=article, author=author, pending=True) for _ in range(2))
    services.ban_author(comment=held, moderator=moderator)
    earlier.refresh_from_db()
    assert (earlier.status, earlier.moderated_by) == ("spam", moderator)
    assert earlier.moderated_at is not None
