"""Members' own comments: edited within 15 minutes and checked again, deleted at any time (replies
stay under a placeholder), and never edited or deleted by anyone else."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains

from comments import services
from comments.models import Comment
from tests.factories import CommentFactory, UserFactory
from tests.helpers import approved, established_member, member_client, post, trusted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rate_limit")]


class TestOwnComments:
    def test_edit_within_15_minutes_is_checked_again(self, article):
        client = member_client()
        trusted(client, article)
        post(client, article, "Typo hree")
        comment = Comment.objects.latest("id")
        assert comment.status == "approved"
        client.post(
            f"/comments/{comment.pk}/edit/", {"text": "Typo here, see http://a.example http://b.example"}
        )
        comment.refresh_from_db()
        assert (comment.status, comment.held_reason, comment.edited_at is not None) == (
            "pending",
            "2 links",
            True,
        )
        Comment.objects.filter(pk=comment.pk).update(
            created_at=timezone.now() - datetime.timedelta(minutes=16)
        )
        response = client.post(f"/comments/{comment.pk}/edit/", {"text": "Too late"}, follow=True)
        assertContains(response, "Comments can be edited for 15 minutes after posting.")
        assert Comment.objects.get(pk=comment.pk).text.startswith("Typo here")

    def test_an_edit_does_not_undo_a_report_hold_nor_a_typo_fix_lose_trust(self, article):
        ada = UserFactory()
        only = approved(article, ada, text="Only comment")
        fixed = services.edit_comment(comment=only, text="Only comment, typo fixed", editor=ada)
        assert fixed.status == "approved"
        for reporter in [established_member() for _ in range(3)]:
            services.report_comment(comment=fixed, reporter=reporter)
        edited = services.edit_comment(comment=fixed, text="Nicer now", editor=ada)
        assert (edited.status, edited.held_reason) == ("pending", "Reported by 3 members")

    def test_others_cannot_edit_or_delete(self, article):
        owner = member_client()
        comment = trusted(owner, article)
        other = member_client(name="Bo")
        assert other.post(f"/comments/{comment.pk}/edit/", {"text": "Hacked"}).status_code == 404
        assert other.post(f"/comments/{comment.pk}/delete/").status_code == 404
        assert Comment.objects.get(pk=comment.pk).text == "Earlier"

    def test_delete_keeps_replies_under_a_placeholder(self, article):
        owner = member_client()
        comment = trusted(owner, article)
        CommentFactory(article=article, parent=comment, text="A reply")
        owner.post(f"/comments/{comment.pk}/delete/")
        html = Client().get(article.get_absolute_url()).content.decode()
        assert "This comment was deleted by its author." in html
        assert "A reply" in html and "Earlier" not in html
        lonely = trusted(owner, article)
        owner.post(f"/comments/{lonely.pk}/delete/")
        assert not Comment.objects.filter(pk=lonely.pk).exists()

    def test_delete_asks_first_from_the_link_under_the_comment(self, article):
        owner = member_client()
        comment = trusted(owner, article)
        delete_url = f"/comments/{comment.pk}/delete/"
        assertContains(owner.get(article.get_absolute_url()), f'href="{delete_url}"')
        response = owner.get(delete_url)
        assertContains(response, "Delete your comment?")
        assertContains(response, "Earlier")
        assert Comment.objects.filter(pk=comment.pk).exists()
        assert member_client(name="Bo").get(delete_url).status_code == 404
