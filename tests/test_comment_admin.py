"""The moderation queue in the admin, for the Moderators group."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from pytest_django.asserts import assertContains, assertNotContains

from comments import services
from comments.models import Comment, ModerationRule
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:comments_comment_changelist")


@pytest.fixture
def comments():
    article = ArticleFactory(title="Hip stretches")
    member = UserFactory(first_name="Ada", email="ada@example.com")
    return {
        "held": CommentFactory(article=article, author=member, text="Held one", pending=True),
        "guest": CommentFactory(
            article=article,
            status="pending",
            text="Guest one",
            guest_name="Gus",
            guest_email="gus@example.com",
        ),
        "live": CommentFactory(article=article, author=member, text="Live one"),
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

    CommentFactory(article=article, status="pending", text="warm-up")
    queue_queries()
    for i in range(3):
        CommentFactory(article=article, status="pending", text=f"p{i}", author=UserFactory())
    few = queue_queries()
    for i in range(40):
        CommentFactory(article=article, status="pending", text=f"q{i}", author=UserFactory())
    assert queue_queries() == few


def test_moderators_cannot_approve_what_a_guest_has_not_confirmed(article, moderator_client):
    guest = services.post_comment(article=article, text="Hi", guest_name="G", guest_email="g@example.com")
    response = moderator_client.post(
        QUEUE + "?status=all",
        {"action": "approve", "_selected_action": [guest.pk]},
        follow=True,
    )
    assertContains(response, "1 skipped: This guest has not confirmed their comment by email yet.")
    assert Comment.objects.get(pk=guest.pk).status == "unconfirmed"


@pytest.mark.parametrize("verb", ["approve", "reject", "mark_spam", "ban_author"])
def test_every_verb_records_who_decided_and_when(moderator_client, moderator, comments, verb):
    before = timezone.now()
    moderator_client.post(QUEUE, {"action": verb, "_selected_action": [comments["held"].pk]})
    held = Comment.objects.get(pk=comments["held"].pk)
    assert held.moderated_by == moderator and held.moderated_at >= before
    response = moderator_client.get(QUEUE, {"status": "all"})
    assertContains(response, "Decided by")
    assertContains(response, f"Mo, {date_format(localtime(held.moderated_at), 'j M Y, H:i')}")


def test_members_bans_names_and_bios_are_in_the_admin_and_bans_can_be_lifted(admin_client):
    banned = UserFactory(first_name="Bo", display_name="Bo B.", bio="I stretch.", comments_banned=True)
    change = reverse("admin:members_user_change", args=[banned.pk])
    form = admin_client.get(change).context["adminform"].form
    assert {"display_name", "bio", "comments_banned"} <= set(form.fields)
    assertContains(admin_client.get(reverse("admin:members_user_changelist")), "Bo B.")
    response = admin_client.post(
        reverse("admin:members_user_changelist"),
        {"action": "unban", "_selected_action": [banned.pk]},
        follow=True,
    )
    assertContains(response, "1 member(s) may comment again.")
    banned.refresh_from_db()
    assert not banned.comments_banned
