"""Threads of replies: how deep they nest, where permalinks lead, what a comment sent back to
moderation takes with it, and long threads (the article page shows the first replies, the
thread's own pages the rest)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from comments import services
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory
from tests.helpers import approved, established_member, member_client, post, trusted

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(settings):
    settings.COMMENTS = {**settings.COMMENTS, "REPLIES_SHOWN": 3, "REPLIES_PER_PAGE": 4}


def reply(parent, text, author=None, approve=True):
    """A reply posted as a member posts one (so a reply to a full-depth comment is attached
    beside it and says whom it answers), then approved by a moderator."""
    author = author or UserFactory(first_name=text.split()[0].replace("Reply", "Person"))
    comment = services.post_comment(article=parent.article, author=author, text=text, parent=parent)
    return services.approve(comment=comment) if approve else comment


@pytest.fixture
def thread(small_pages):
    """A top comment with eight replies: the first answers it, each other one the one before.
    Pages are small (3 replies on the article page, 4 on each of the thread's pages)."""
    article = ArticleFactory(title="Hip stretches")
    root = services.approve(
        comment=services.post_comment(
            article=article, author=UserFactory(first_name="Ada"), text="Top comment"
        )
    )
    replies, parent = [], root
    for n in range(1, 9):
        parent = reply(parent, f"Reply{n} here")
        replies.append(parent)
    return article, root, replies


def texts(response):
    return re.findall(r"<p>(Reply\d)", response.content.decode())


def test_the_article_page_shows_a_threads_first_replies_and_links_to_the_rest(thread):
    article, root, replies = thread
    page = Client().get(article.get_absolute_url())
    assertContains(page, "Top comment")
    assert texts(page) == ["Reply1", "Reply2", "Reply3"]
    assertContains(page, f'<a href="/comments/thread/{root.pk}/">See all 8 replies</a>', html=True)


def test_a_short_thread_has_no_see_all_link(thread):
    article, root, replies = thread
    Comment.objects.filter(pk__in=[r.pk for r in replies[3:]]).update(status="rejected")
    page = Client().get(article.get_absolute_url())
    assert texts(page) == ["Reply1", "Reply2", "Reply3"]
    assertNotContains(page, "See all")


def test_the_thread_pages_show_every_reply_once_in_order(thread):
    article, root, replies = thread
    first = Client().get(f"/comments/thread/{root.pk}/")
    assertContains(first, "<h1", count=1)
    assertContains(first, "Replies to Ada")
    assertContains(first, "Top comment")
    assert texts(first) == ["Reply1", "Reply2", "Reply3", "Reply4"]
    assertContains(first, "Page 1 of 2")
    assertContains(first, f'href="{article.get_absolute_url()}#comment-{root.pk}"')
    second = Client().get(f"/comments/thread/{root.pk}/?page=2")
    assertContains(second, "Top comment")  # the comment being answered heads every page
    assert texts(second) == ["Reply5", "Reply6", "Reply7", "Reply8"]
    # Reply5 answers Reply4, which is on the page before: the page says so and links to it.
    assertContains(
        second,
        f'<p class="comment__meta">In reply to <a href="/comments/{replies[3].pk}/">Person4</a></p>',
        html=True,
    )


def test_permalinks_find_a_reply_on_the_article_or_on_its_threads_page(thread):
    article, root, replies = thread
    client = Client()
    assert client.get(f"/comments/{replies[1].pk}/")["Location"] == (
        f"{article.get_absolute_url()}#comment-{replies[1].pk}"
    )
    assert client.get(f"/comments/{replies[4].pk}/")["Location"] == (
        f"/comments/thread/{root.pk}/?page=2#comment-{replies[4].pk}"
    )
    assert client.get(f"/comments/{replies[3].pk}/")["Location"] == (
        f"/comments/thread/{root.pk}/#comment-{replies[3].pk}"
    )


def test_a_members_own_pending_reply_shows_only_to_them(thread):
    article, root, replies = thread
    bo = member_client("Bo")
    assert reply(replies[-1], "Reply9 pending", author=bo.user, approve=False).status == "pending"
    path = f"/comments/thread/{root.pk}/?page=3"
    assert texts(bo.get(path)) == ["Reply9"]
    assertContains(bo.get(path), "Awaiting moderation")
    assert texts(Client().get(path)) == ["Reply5", "Reply6", "Reply7", "Reply8"]  # page 3 is past the end


def test_thread_pages_that_must_not_show_are_not_found(thread):
    article, root, replies = thread
    client = Client()
    assert client.get(f"/comments/thread/{replies[0].pk}/").status_code == 404  # not a top comment
    article.members_only = True
    article.save()
    assert client.get(f"/comments/thread/{root.pk}/").status_code == 404
    assert member_client("Cy").get(f"/comments/thread/{root.pk}/").status_code == 200
    article.members_only = False
    article.save()
    Comment.objects.filter(pk=root.pk).update(status="pending")
    assert client.get(f"/comments/thread/{root.pk}/").status_code == 404
    for junk in ("0", "-1", "abc", "9" * 30, "%00"):
        Comment.objects.filter(pk=root.pk).update(status="approved")
        assert client.get(f"/comments/thread/{root.pk}/?page={junk}").status_code == 200, junk


def test_signed_out_thread_pages_are_the_same_for_everyone_and_set_no_cookie(thread):
    article, root, replies = thread
    first, second = (Client().get(f"/comments/thread/{root.pk}/") for _ in range(2))
    assert first.content == second.content
    assert not first.cookies and not second.cookies


@pytest.mark.parametrize("signed_in", [False, True])
def test_thread_pages_cost_the_same_queries_at_8_and_40_replies(thread, signed_in, django_assert_num_queries):
    article, root, replies = thread
    client = member_client("Di") if signed_in else Client()
    client.get(f"/comments/thread/{root.pk}/")  # warm-up (session, content types)
    counted = 5 if signed_in else 4  # (member: + the user; sessions come from the cache)
    with django_assert_num_queries(counted):
        client.get(f"/comments/thread/{root.pk}/?page=2")
    parent = replies[-1]
    for n in range(32):
        parent = reply(parent, f"Later{n} reply")
    with django_assert_num_queries(counted):
        response = client.get(f"/comments/thread/{root.pk}/?page=5")
    assertContains(response, "Page 5 of 10")


def test_the_thread_is_built_as_the_site_builds_it(thread):
    """Replies past full depth hang beside what they answer; they say whom they answer."""
    article, root, replies = thread
    assert [r.depth for r in replies] == [1, 2, 2, 2, 2, 2, 2, 2]
    assert {r.parent_id for r in replies[1:]} == {replies[0].pk}
    assert [r.in_reply_to_id for r in replies[2:]] == [r.pk for r in replies[1:-1]]


def test_a_reply_answering_a_comment_sent_back_to_moderation_is_hidden_with_it(thread):
    article, root, replies = thread
    for name in ("Di", "Ed", "Flo"):
        services.report_comment(comment=replies[2], reporter=established_member(first_name=name))
    reader = Client()
    page = reader.get(f"/comments/thread/{root.pk}/")
    # Reply3 is held, and Reply4, which answered it, goes with it. Later replies stay: they
    # answer comments that are still public.
    assert texts(page) == ["Reply1", "Reply2", "Reply5", "Reply6"]
    assertNotContains(page, "Person3")
    assertContains(reader.get("/stretches/"), "7 comments")  # all but Reply3 and Reply4
    assert reader.get(f"/comments/{replies[3].pk}/").status_code == 404


def test_a_members_pending_reply_under_a_held_comment_shows_nowhere_but_their_area(thread):
    article, root, replies = thread
    bo = member_client("Bo")
    mine = reply(replies[0], "Reply9 mine", author=bo.user, approve=False)
    assert texts(bo.get(f"/comments/thread/{root.pk}/?page=3")) == ["Reply9"]
    for name in ("Di", "Ed", "Flo"):
        services.report_comment(comment=replies[0], reporter=established_member(first_name=name))
    for path in (article.get_absolute_url(), f"/comments/thread/{root.pk}/"):
        page = bo.get(path)
        assert texts(page) == [], path
        assertNotContains(page, "Person1")
    assert bo.get(f"/comments/{mine.pk}/").status_code == 404
    assertContains(bo.get("/members/"), "Reply9 mine")


def test_article_page_queries_stay_the_same_as_a_long_thread_grows(thread, django_assert_num_queries):
    article, root, replies = thread
    client = member_client("Di")  # a member's comment section is rendered for them every time
    client.get(article.get_absolute_url())  # warm-up (session, content types, article fragments)
    with CaptureQueriesContext(connection) as before:
        client.get(article.get_absolute_url())
    counted = len(before)  # read now: the next request empties Django's query log
    parent = replies[-1]
    for n in range(32):
        parent = reply(parent, f"Later{n} reply")
    client.get(article.get_absolute_url())  # rebuilds the related-articles fragment, once per version
    with django_assert_num_queries(counted):
        response = client.get(article.get_absolute_url())
    assertContains(response, "See all 40 replies")
    assert texts(response) == ["Reply1", "Reply2", "Reply3"]


@pytest.mark.usefixtures("no_rate_limit")
class TestThreads:
    def test_replies_nest_to_the_configured_depth_with_badges(self, article):
        editor = UserFactory(first_name="Edie", is_staff=True)
        article.author = editor
        article.save()
        reader = member_client()
        root = trusted(reader, article)
        mod = Client()
        mod.force_login(editor)
        post(mod, article, "Moderator here", parent=root)
        level1 = Comment.objects.latest("id")
        post(mod, article, "Deeper", parent=level1)
        level2 = Comment.objects.latest("id")
        post(mod, article, "Deeper still", parent=level2)
        level3 = Comment.objects.latest("id")
        assert [level1.depth, level2.depth, level3.depth] == [1, 2, 2]  # max depth 3: 0, 1, 2
        assert level3.parent == level1
        html = Client().get(article.get_absolute_url()).content.decode()
        assert html.count('class="badge badge--moderator">Moderator</span>') == 3
        assert html.count('<span class="badge">Author</span>') == 3

    def test_permalinks_find_the_right_page(self, article, settings):
        settings.COMMENTS = {**settings.COMMENTS, "PER_PAGE": 2}
        comments = [CommentFactory(article=article, text=f"c{i}") for i in range(5)]
        response = Client().get(f"/comments/{comments[4].pk}/")
        assert response["Location"] == f"/stretches/hip-stretches/?page=3#comment-{comments[4].pk}"
        page = Client().get("/stretches/hip-stretches/?page=3")
        assertContains(page, f'id="comment-{comments[4].pk}"')
        assertContains(page, "Page 3 of 3")
        assert Client().get("/stretches/hip-stretches/?page=999").status_code == 200  # the last page

    def test_comment_counts_beside_articles_in_lists(self, article):
        for status in ["approved", "approved", "pending", "spam"]:
            CommentFactory(article=article, text="x", status=status)
        assertContains(Client().get("/"), "2 comments")


def test_a_comment_sent_back_to_moderation_takes_its_replies_out_of_every_count(article):
    ada, bo, cy = (UserFactory(first_name=name) for name in ("Ada", "Bo", "Cy"))
    root = approved(article, ada, "Top comment")
    middle = approved(article, bo, "Middle reply", parent=root)
    leaf = approved(article, cy, "Leaf reply", parent=middle)
    reader = Client()
    assertContains(reader.get("/stretches/"), "3 comments")
    assertContains(reader.get(article.get_absolute_url()), "Leaf reply")

    for name in ("Di", "Ed", "Flo"):  # three members report the middle reply
        services.report_comment(comment=middle, reporter=established_member(first_name=name))
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


def test_the_reply_page_names_who_it_answers_once_and_its_button_says_reply(article):
    """One heading ("Reply to Maya"), a "Post reply" button; the article's own form still says
    "Post comment", and each Reply link says whom it answers for the script that opens it in place."""
    maya = approved(article, UserFactory(first_name="Maya"), text="Knees first.")
    response = member_client().get(f"/comments/article/{article.slug}/reply/{maya.pk}/")
    html = response.content.decode()
    assert re.findall(r"<h[1-6][^>]*>([^<]*)</h[1-6]>", html).count("Reply to Maya") == 1
    assertContains(response, "<h1>Reply to Maya</h1>", html=True)
    assertContains(
        response, '<button type="submit" class="button button--primary">Post reply</button>', html=True
    )
    assertNotContains(response, "Post comment")
    page = member_client("Bo").get(article.get_absolute_url())
    assertContains(page, "Post comment")
    assertContains(page, f'<a href="/comments/article/{article.slug}/reply/{maya.pk}/" data-reply-to="Maya">')
