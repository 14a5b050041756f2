"""Signed-out pages are served whole from the cache, and never stale after a change."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments import services
from comments.models import Comment
from pages.versions import NEXT_CHANGE as NEXT_PUBLISH
from stretches.models import Article
from tests.factories import (
    ArticleFactory,
    CallToActionFactory,
    CommentFactory,
    RoutineFactory,
    SectionFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def page(url, **headers):
    return Client(**headers).get(url)


@pytest.fixture
def site():
    topic = TopicFactory(name="Hip stretches", slug="hips")
    routine = RoutineFactory(name="Floor sequence", steps=2)
    article = ArticleFactory(title="Hip stretches", slug="hip-stretches", topic=topic, featured=True)
    SectionFactory(article=article, heading="Why hips matter", routine=routine)
    cta = CallToActionFactory(headline="Try the daily routine", is_default=True)
    return {
        "topic": topic,
        "routine": routine,
        "article": article,
        "cta": cta,
        "stretch": routine.steps.first().stretch,
    }


def urls(site):
    return [
        "/",
        "/stretches/",
        site["topic"].get_absolute_url(),
        site["article"].get_absolute_url(),
        site["stretch"].get_absolute_url(),
    ]


def warm(site):
    for url in urls(site):
        page(url)
        assert page(url)["X-Page-Cache"] == "hit", url


def test_signed_out_pages_are_served_whole_without_the_database(site, django_assert_num_queries):
    warm(site)
    for url in urls(site):
        with django_assert_num_queries(0):
            response = page(url)
        assert response["X-Page-Cache"] == "hit"
        assert not response.cookies
        assert "public" in response["Cache-Control"] and "s-maxage=1" in response["Cache-Control"]
        assert "max-age=0" in response["Cache-Control"]
        assert "stale-while-revalidate=60" in response["Cache-Control"]
        assert response["Vary"] == "Cookie"


def test_a_matching_etag_gets_a_304_without_rendering(site, django_assert_num_queries, monkeypatch):
    url = site["article"].get_absolute_url()
    etag = page(url)["ETag"]
    monkeypatch.setattr("stretches.views.render", lambda *a, **k: pytest.fail("rendered"))
    with django_assert_num_queries(0):
        response = page(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag and response.content == b""
    assert page(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_members_never_get_a_cached_page_and_theirs_is_private(site):
    warm(site)
    member = UserFactory(first_name="Ada")
    client = Client()
    client.force_login(member)
    for url in urls(site):
        response = client.get(url)
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assertContains(response, "Welcome, Ada!")
    assertNotContains(page("/"), "Welcome, Ada!")  # nor does anyone get theirs


def test_pages_with_a_message_or_odd_query_strings_are_not_stored(site, settings):
    settings.COMMENTS = {**settings.COMMENTS, "PER_PAGE": 2}
    for text in ("One", "Two", "Three"):  # two pages of threads
        CommentFactory(article=site["article"], text=text)
    url = site["article"].get_absolute_url()
    assert "X-Page-Cache" not in page(url + "?utm_source=x")
    assert "X-Page-Cache" not in Client(HTTP_COOKIE="messages=abc").get(url)
    assert page(url + "?page=2")["X-Page-Cache"] == "miss"  # a page the site links to
    for odd in ("?page=3", "?page=x00001", "?page=1", "?page=2&page=2", "?page=02"):
        response = page(url + odd)
        assert response.status_code == 200 and "X-Page-Cache" not in response, odd


def test_page_responses_are_never_cached_when_they_set_a_cookie(site):
    response = page("/accounts/login/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


# Invalidation: each change is seen by the very next signed-out reader, on every page showing it.


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
    assert cache.get(NEXT_PUBLISH) == pytest.approx(soon.published_at.timestamp())
    # Time passes: the article's date is now in the past, and so is the stored due time.
    past = timezone.now() - datetime.timedelta(seconds=1)
    Article.objects.filter(pk=soon.pk).update(published_at=past)
    cache.set(NEXT_PUBLISH, past.timestamp(), None)
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
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
    }
    response = editor_client.post(reverse("admin:stretches_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    assert_everywhere(site, "Hip stretches, revised", ["/", article.get_absolute_url()])


def test_changes_readers_cannot_see_keep_the_cache(site):
    """Only what signed-out readers see replaces a version: a bio, an email preference, a first
    report or a rejected pending comment leave every cached page in place."""
    from pages.versions import read as versions

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
