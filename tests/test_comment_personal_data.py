"""What the site keeps about the people who comment: a member's comments in their member area and
export, what becomes of them when the member leaves, and addresses, forgotten after 30 days."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains

from comments import services
from comments.models import Comment
from tests.factories import CommentFactory
from tests.helpers import PASSWORD, member_client, post, trusted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rate_limit")]


def test_member_area_lists_comments_with_their_status(article):
    client = member_client()
    post(client, article, "Awaiting one")
    response = client.get("/members/")
    assertContains(response, "Awaiting one")
    assertContains(response, "awaiting moderation")


class TestLeaving:
    def test_deleting_an_account_keeps_comments_as_former_member(self, article):
        client = member_client()
        comment = trusted(client, article)
        Comment.objects.filter(pk=comment.pk).update(ip_address="10.0.0.5")
        client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        client.user.set_password(PASSWORD)
        client.user.save()
        client.force_login(client.user)
        client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        client.post("/members/delete/", {"confirm": "on"})
        comment.refresh_from_db()
        assert (comment.author, comment.guest_email, comment.ip_address) == (None, "", None)
        assertContains(Client().get(article.get_absolute_url()), "Former member")

    def test_or_deletes_them_when_asked(self, article):
        client = member_client()
        trusted(client, article)
        client.user.set_password(PASSWORD)
        client.user.save()
        client.force_login(client.user)
        client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        client.post("/members/delete/", {"confirm": "on", "delete_comments": "on"})
        assert not Comment.objects.exists()

    def test_export_includes_comments(self, article):
        client = member_client()
        post(client, article, "For the record")
        data = client.get("/members/export/").json()
        assert data["comments"][0]["text"] == "For the record"
        assert data["comments"][0]["status"] == "pending"


def test_addresses_are_forgotten_after_30_days(article):
    old = CommentFactory(article=article, text="x", ip_address="10.0.0.1")
    new = CommentFactory(article=article, text="y", ip_address="10.0.0.2")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    services.expire_unconfirmed()
    assert Comment.objects.get(pk=old.pk).ip_address is None
    assert Comment.objects.get(pk=new.pk).ip_address == "10.0.0.2"
