"""The moderation queue in the admin, for the Moderators group."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Comment, ModerationRule
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:comments_comment_changelist")


@pytest.fixture
def moderator_client():
    user = UserFactory(first_name="Mo", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(user)
    return client


def make(article, status, text, **fields):
    return Comment.objects.create(article=article, status=status, text=text, text_html=text, **fields)


@pytest.fixture
def comments():
    article = ArticleFactory(title="Hip stretches")
    member = UserFactory(first_name="Ada", email="ada@example.com")
    return {
        "held": make(
            article, "pending", "Held one", author=member, held_reason="First comment from this member"
        ),
        "guest": make(article, "pending", "Guest one", guest_name="Gus", guest_email="gus@example.com"),
        "live": make(article, "approved", "Live one", author=member),
    }


def test_the_queue_opens_on_pending_comments_with_why_they_were_held(moderator_client, comments):
    response = moderator_client.get(QUEUE)
    assertContains(response, "Held one")
    assertContains(response, "Guest one")
    assertNotContains(response, "Live one")
    assertContains(response, "First comment from this member")
    assertContains(response, "Gus &lt;gus@example.com&gt; (guest)")
    assertContains(moderator_client.get(QUEUE, {"status": "all"}), "Live one")
    assertContains(moderator_client.get(QUEUE, {"q": "guest"}), "Guest one")


def test_the_pending_count_shows_on_the_admin_index(moderator_client, comments):
    assertContains(
        moderator_client.get("/admin/"), "<strong>2</strong> comments awaiting moderation", html=False
    )


@pytest.mark.parametrize(
    ("action", "status"), [("approve", "approved"), ("reject", "rejected"), ("mark_spam", "spam")]
)
def test_bulk_actions_go_through_the_services(moderator_client, comments, action, status):
    ids = [comments["held"].pk, comments["guest"].pk]
    response = moderator_client.post(QUEUE, {"action": action, "_selected_action": ids}, follow=True)
    assertContains(response, "2 comment(s)")
    assert set(Comment.objects.filter(pk__in=ids).values_list("status", flat=True)) == {status}


def test_ban_author_bans_members_and_blocklists_guests(moderator_client, comments):
    moderator_client.post(
        QUEUE, {"action": "ban_author", "_selected_action": [comments["held"].pk, comments["guest"].pk]}
    )
    comments["held"].author.refresh_from_db()
    assert comments["held"].author.comments_banned
    assert ModerationRule.objects.filter(kind="spam_email", value="gus@example.com").exists()
    assert Comment.objects.get(pk=comments["guest"].pk).status == "spam"


def test_status_cannot_be_edited_by_hand(moderator_client, comments):
    url = reverse("admin:comments_comment_change", args=[comments["held"].pk])
    moderator_client.post(url, {"status": "approved", "text": "changed"})
    comment = Comment.objects.get(pk=comments["held"].pk)
    assert (comment.status, comment.text) == ("pending", "Held one")
    assert moderator_client.get(url).status_code == 200


def test_editors_do_not_moderate_and_moderators_do_not_edit(editor_client, moderator_client, comments):
    assert editor_client.get(QUEUE).status_code == 403
    assert moderator_client.get(reverse("admin:stretches_article_changelist")).status_code == 403
    assert moderator_client.get(reverse("admin:comments_moderationrule_add")).status_code == 200


def test_the_queue_costs_the_same_with_more_comments(moderator_client):
    article = ArticleFactory()

    def queue_queries():
        with CaptureQueriesContext(connection) as queries:
            assert moderator_client.get(QUEUE).status_code == 200
        return len(queries)

    make(article, "pending", "warm-up")
    queue_queries()
    for i in range(3):
        make(article, "pending", f"p{i}", author=UserFactory())
    few = queue_queries()
    for i in range(40):
        make(article, "pending", f"q{i}", author=UserFactory())
    assert queue_queries() == few
