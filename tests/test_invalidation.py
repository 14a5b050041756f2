"""Each change is seen by the very next signed-out reader, on every page showing it, however it
is made: a form, the admin (bulk actions included), the ORM, or time passing."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments import services
from comments.models import Comment
from members.models import User
from pagecache.versions import CONTENT, forget, release
from pagecache.versions import key as version_key
from pagecache.versions import read as versions
from stretches.models import Article
from tests.factories import ArticleFactory, CommentFactory, UserFactory
from tests.helpers import member_client, page, post, warm

pytestmark = pytest.mark.django_db


def assert_everywhere(site, text, pages, present=True):
    for url in pages:
        (assertContains if present else assertNotContains)(page(url), text)


def test_publishing_editing_and_unpublishing_an_article(site):
    warm(site)
    draft = ArticleFactory(title="Brand new stretch", topic=site["topic"], draft=True)
    lists = ["/", "/stretches/", site["topic"].get_absolute_url()]
    assert_everywhere(site, "Brand new stretch", lists, present=False)
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert_everywhere(site, "Brand new stretch", lists)
    draft.title = "Renamed stretch"
    draft.save()
    assert_everywhere(site, "Renamed stretch", lists + [draft.get_absolute_url()])
    draft.status = Article.Status.DRAFT
    draft.save()
    assert_everywhere(site, "Renamed stretch", lists, present=False)
    assert page(draft.get_absolute_url()).status_code == 404


def test_a_scheduled_article_appears_when_its_time_comes(site):
    """No one saves anything at publication time: the cache knows when the next article is due."""
    soon = ArticleFactory(title="Scheduled one", topic=site["topic"], future=True)
    warm(site)
    assertNotContains(page("/"), "Scheduled one")
    token, due = cache.get(version_key(CONTENT))
    assert due == pytest.approx(soon.published_at.timestamp())
    # Time passes: the article's date is now in the past, and so is the stored due time.
    past = timezone.now() - datetime.timedelta(seconds=1)
    models.QuerySet.update(Article.objects.filter(pk=soon.pk), published_at=past)  # nothing saved
    cache.set(version_key(CONTENT), (token, past.timestamp()), None)
    assertContains(page("/"), "Scheduled one")
    assertContains(page(site["topic"].get_absolute_url()), "Scheduled one")


@pytest.mark.parametrize("what", ["section", "stretch", "routine", "topic", "cta"])
def test_editing_any_content_shows_at_once(site, what):
    warm(site)
    article_url = site["article"].get_absolute_url()
    if what == "section":
        section = site["article"].sections.get()
        section.heading = "Edited heading"
        section.save()
        assert_everywhere(site, "Edited heading", [article_url])
    elif what == "stretch":
        site["stretch"].name = "Edited stretch"
        site["stretch"].save()
        assert_everywhere(site, "Edited stretch", [article_url, site["stretch"].get_absolute_url()])
    elif what == "routine":
        step = site["routine"].steps.first()
        step.repetitions = 42
        step.save()
        assert_everywhere(site, "42 ×", [article_url])
    elif what == "topic":
        site["topic"].name = "Edited topic"
        site["topic"].save()
        assert_everywhere(site, "Edited topic", ["/", "/stretches/", article_url])
    else:
        site["cta"].headline = "Edited call"
        site["cta"].save()
        assert_everywhere(site, "Edited call", ["/", article_url])


@pytest.mark.parametrize("verb", ["approve", "reject", "delete"])
def test_comment_moderation_shows_at_once(site, verb):
    article = site["article"]
    author = UserFactory(first_name="Cora", is_staff=False)
    comment = services.post_comment(article=article, author=author, text="Hips feel great")
    if verb != "approve":
        comment = services.approve(comment=comment)
    warm(site)
    url = article.get_absolute_url()
    if verb == "approve":
        assertNotContains(page(url), "Hips feel great")
        services.approve(comment=comment)
        assertContains(page(url), "Hips feel great")
        assertContains(page("/"), "1 comment")
    elif verb == "reject":
        services.reject(comment=comment)
        assertNotContains(page(url), "Hips feel great")
        assertNotContains(page("/"), "1 comment")
    else:
        services.delete_comment(comment=Comment.objects.get(pk=comment.pk), by=author)
        assertNotContains(page(url), "Hips feel great")


def test_admin_edits_show_at_once(site, editor_client):
    warm(site)
    article = site["article"]
    data = {
        "title": "Hip stretches, revised",
        "slug": article.slug,
        "topic": article.topic_id,
        "standfirst": "New standfirst.",
        "status": "published",
        "published_at_0": "2026-01-01",
        "published_at_1": "09:00:00",
        "hero_alt": "",
        "related": [],
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
    }
    response = editor_client.post(reverse("admin:stretches_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    assert_everywhere(site, "Hip stretches, revised", ["/", article.get_absolute_url()])


def test_changes_readers_cannot_see_keep_the_cache(site):
    """Only what signed-out readers see replaces a version: a bio, an email preference, a first
    report or a rejected pending comment leave every cached page in place."""
    ada = UserFactory(first_name="Ada", email="ada@example.com")
    client = Client()
    client.force_login(ada)
    before = dict(versions())
    profile = {"first_name": "Ada", "last_name": "", "display_name": "", "notify_replies": "on"}
    assert client.post("/members/profile/", {**profile, "bio": "I stretch daily."}).status_code == 302
    comment = services.approve(
        comment=services.post_comment(article=site["article"], author=ada, text="Lovely")
    )
    pending = services.post_comment(article=site["article"], author=UserFactory(), text="Hmm")
    after_posting = dict(versions())
    services.report_comment(comment=comment, reporter=UserFactory())
    services.reject(comment=pending)
    assert versions() == after_posting
    assert after_posting["content"] == before["content"]
    assert client.post("/members/profile/", {**profile, "display_name": "Ada L."}).status_code == 302
    assert versions()["content"] != before["content"]  # a public name changed


def test_related_cards_show_new_comment_counts_at_once(site):
    """The related cards sit in the article body's cached fragment but count comments."""
    other = ArticleFactory(title="Lower back basics")
    site["article"].related.add(other)
    member = Client()
    member.force_login(UserFactory(first_name="Bo"))
    url = site["article"].get_absolute_url()
    for reader in (Client(), member):
        assertContains(reader.get(url), "Lower back basics")
        assertNotContains(reader.get(url), "1 comment<")
    comment = services.post_comment(article=other, author=UserFactory(first_name="Cy"), text="Good")
    services.approve(comment=comment)
    for reader in (Client(), member):
        assertContains(reader.get(url), "1 comment<")


def test_a_bulk_delete_in_the_admin_updates_every_page_that_listed_them(site, editor_client):
    doomed = ArticleFactory(title="Soon to go", topic=site["topic"])
    warm(site)
    lists = ["/", "/stretches/", site["topic"].get_absolute_url()]
    assert_everywhere(site, "Soon to go", lists)
    response = editor_client.post(
        reverse("admin:stretches_article_changelist"),
        {"action": "delete_selected", "_selected_action": [doomed.pk], "post": "yes"},
    )
    assert response.status_code == 302 and not Article.objects.filter(pk=doomed.pk).exists()
    assert_everywhere(site, "Soon to go", lists, present=False)


def test_renaming_a_member_in_the_admin_updates_cached_pages(site, admin_client):
    """A member's public name shows as the byline and on their comments."""
    author = UserFactory(username="cora", first_name="Cora", is_staff=True)
    site["article"].author = author
    site["article"].save()
    services.approve(comment=services.post_comment(article=site["article"], author=author, text="Hi all"))
    url = site["article"].get_absolute_url()
    warm(site)
    assertContains(page(url), "Written by Cora ·")
    response = admin_client.post(
        reverse("admin:members_user_change", args=[author.pk]),
        {
            "username": "cora",
            "first_name": "Cora",
            "last_name": "",
            "email": author.email,
            "display_name": "Coralie",
            "bio": "",
            "notify_replies": "on",
            "notify_moderation": "on",
            "is_active": "on",
            "is_staff": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assertContains(page(url), "Written by Coralie ·")
    assertContains(page(url), "<strong>Coralie</strong>")


def test_updates_through_the_orm_show_at_once(site):
    """A shell or a management command changing rows in bulk invalidates like a form."""
    warm(site)
    Article.objects.filter(pk=site["article"].pk).update(title="Renamed in bulk")
    assert_everywhere(site, "Renamed in bulk", ["/", site["article"].get_absolute_url()])
    site["stretch"].__class__.objects.filter(pk=site["stretch"].pk).update(name="Bulk stretch")
    assert_everywhere(site, "Bulk stretch", [site["article"].get_absolute_url()])


def test_a_migration_replaces_every_version():
    """Data migrations change rows without the models' signals: running migrate starts afresh."""
    before = versions()
    call_command("migrate", verbosity=0)
    after = versions()
    assert all(before[scope] != after[scope] for scope in before)


def test_what_only_a_member_sees_shows_to_them_at_once(site, no_rate_limit):
    """Their saved state and their comments awaiting moderation are kept under their own token:
    a change to either is on their very next page, and on nobody else's."""
    ada, other = member_client("Ada"), member_client("Bea")
    url = site["article"].get_absolute_url()
    for reader in (ada, other):
        assertContains(reader.get(url), "☆ Save")
    ada.post(reverse("members:toggle_saved", args=[site["article"].slug]))
    assertContains(ada.get(url), "★ Saved")
    assertContains(other.get(url), "☆ Save")
    post(ada, site["article"], "My first thoughts on this")
    mine = ada.get(url)
    assertContains(mine, "My first thoughts on this")
    assertContains(mine, "Awaiting moderation")
    assertNotContains(other.get(url), "My first thoughts on this")
    comment = Comment.objects.get(text="My first thoughts on this")
    ada.post(reverse("comments:delete", args=[comment.pk]))
    assertNotContains(ada.get(url), "My first thoughts on this")


def test_a_renamed_article_s_comment_links_follow_it(site):
    """The threads' reply and page links carry the article's address."""
    CommentFactory(article=site["article"])
    warm(site)
    site["article"].slug = "hips-renamed"
    site["article"].save()
    html = page("/stretches/hips-renamed/").content.decode()
    assert "/comments/article/hips-renamed/reply/" in html
    assert "/comments/article/hip-stretches/" not in html


def test_deleting_a_held_comment_shows_the_reply_that_answered_it(site):
    """A reply answering a comment that is back in the queue is hidden with it; once that comment
    is gone the reply answers nothing hidden, and shows."""
    top = CommentFactory(article=site["article"], text="Top")
    middle = CommentFactory(article=site["article"], parent=top, text="Middle")
    held = CommentFactory(article=site["article"], parent=middle, text="Held now")
    CommentFactory(article=site["article"], parent=middle, in_reply_to=held, text="The answer")
    Comment.objects.filter(pk=held.pk).update(status=Comment.Status.PENDING)
    url = site["article"].get_absolute_url()
    assertNotContains(page(url), "The answer")
    Comment.objects.get(pk=held.pk).delete()
    assertContains(page(url), "The answer")


def test_a_member_who_deletes_their_held_comment_sees_it_gone(site, no_rate_limit):
    ada = member_client("Ada")
    post(ada, site["article"], "Second thoughts")
    mine = Comment.objects.get(text="Second thoughts")
    CommentFactory(article=site["article"], parent=mine, text="A reply to it")
    url = site["article"].get_absolute_url()
    assertContains(ada.get(url), "Second thoughts")
    ada.post(reverse("comments:delete", args=[mine.pk]))
    response = ada.get(url)
    assertNotContains(response, "Second thoughts")
    assertNotContains(response, reverse("comments:edit", args=[mine.pk]))


def test_renaming_a_member_through_the_orm_updates_cached_pages(site):
    author = UserFactory(first_name="Cora", is_staff=True)
    site["article"].author = author
    site["article"].save()
    url = site["article"].get_absolute_url()
    assertContains(page(url), "Written by Cora ·")
    User.objects.filter(pk=author.pk).update(display_name="Coralie")
    assertContains(page(url), "Written by Coralie ·")


def test_comments_close_by_age_at_their_time_with_nobody_saving(site, settings):
    settings.COMMENTS = {**settings.COMMENTS, "CLOSE_AFTER_DAYS": 2}
    forget()  # as a deploy does, running migrate with the new setting
    url = site["article"].get_absolute_url()
    assertContains(page(url), "Post comment")  # published a day ago: open for one more
    token, due = cache.get(version_key(CONTENT))
    assert due == pytest.approx((site["article"].published_at + datetime.timedelta(days=2)).timestamp())
    past = timezone.now() - datetime.timedelta(days=3)
    models.QuerySet.update(Article.objects.filter(pk=site["article"].pk), published_at=past)  # time passes
    cache.set(version_key(CONTENT), (token, time.time() - 1), None)
    assertContains(page(url), "Comments are closed on this article.")


def test_a_new_release_never_serves_what_the_old_one_kept(site, settings):
    """With pages and fragments in a store shared across deploys, each release has keys of its own."""
    url = site["article"].get_absolute_url()
    page(url)
    assert page(url)["X-Page-Cache"] == "hit"
    release.cache_clear()
    settings.LIMBER = {**settings.LIMBER, "RELEASE": "next-release"}
    try:
        assert page(url)["X-Page-Cache"] == "miss"
    finally:
        release.cache_clear()
