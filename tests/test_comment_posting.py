"""Posting a comment through the article page: what is published at once, what is held, how the
text is shown, and what is refused (always with what was typed kept, never with a 500)."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Comment
from tests.factories import ArticleFactory
from tests.helpers import member_client, post, started, trusted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rate_limit")]


class TestMembersPosting:
    def test_a_first_comment_is_held_and_its_author_sees_it_marked(self, article):
        client = member_client()
        response = post(client, article, "My hips thank you.")
        assertContains(response, "Your comment is awaiting moderation")
        assertContains(response, "Awaiting moderation: only you can see this")
        assertContains(response, "My hips thank you.")
        comment = Comment.objects.get()
        assert (comment.status, comment.held_reason) == ("pending", "First comment from this member")
        assertNotContains(Client().get(article.get_absolute_url()), "My hips thank you.")

    def test_a_trusted_member_is_published_at_once(self, article):
        client = member_client()
        trusted(client, article)
        response = post(client, article, "Second time round, even better.")
        assertContains(response, "Your comment is published")
        assertContains(Client().get(article.get_absolute_url()), "Second time round, even better.")

    def test_two_links_hold_even_a_trusted_member(self, article):
        client = member_client()
        trusted(client, article)
        post(client, article, "See https://example.org/a and https://example.org/b")
        comment = Comment.objects.latest("id")
        assert (comment.status, comment.held_reason) == ("pending", "2 links")

    def test_one_link_is_fine_and_becomes_a_nofollow_link(self, article):
        client = member_client()
        trusted(client, article)
        post(client, article, "Video: https://example.org/hips")
        assertContains(
            Client().get(article.get_absolute_url()),
            '<a href="https://example.org/hips" rel="nofollow ugc noopener">https://example.org/hips</a>',
            html=True,
        )

    def test_line_breaks_are_kept_and_text_is_escaped(self, article):
        client = member_client()
        trusted(client, article)
        post(client, article, "Line one\nLine two\n\n<b>not bold</b>")
        html = Client().get(article.get_absolute_url()).content.decode()
        assert "<p>Line one<br>Line two</p>" in html
        assert "&lt;b&gt;not bold&lt;/b&gt;" in html


class TestRefusals:
    def test_the_honeypot_refuses_without_saving_or_saying_why(self, article):
        response = post(member_client(), article, "Buy now", website="http://spam.example")
        assertContains(response, "Thanks! Your comment is awaiting moderation.")
        assert not Comment.objects.exists()

    @pytest.mark.parametrize("token", ["fresh", "forged", "missing"])
    def test_a_form_sent_too_fast_or_with_a_forged_time_is_refused_with_the_text_kept(self, article, token):
        value = {"fresh": started(seconds_ago=0.5), "forged": "12345:abc", "missing": ""}[token]
        response = member_client().post(
            f"/comments/article/{article.slug}/", {"text": "Typed with care", "started": value}
        )
        assert response.status_code == 200
        assertContains(response, "Please check your comment and press Post again.")
        assertContains(response, "Typed with care</textarea>")
        assert not Comment.objects.exists()

    def test_a_second_comment_within_15_seconds_is_a_429_with_the_text_kept(self, article, settings):
        settings.COMMENTS = {**settings.COMMENTS, "RATE_SECONDS": 15}
        client = member_client()
        post(client, article, "First")
        response = post(client, article, "Second, typed quickly", follow=False)
        assert response.status_code == 429
        assertContains(response, "You are posting very quickly", status_code=429)
        assertContains(response, "Second, typed quickly</textarea>", status_code=429)
        assert Comment.objects.count() == 1
        other = member_client(name="Bo")  # other members are not slowed down
        assert post(other, article, "Hello", follow=False).status_code == 302

    def test_guests_are_limited_by_address(self, article, settings):
        settings.COMMENTS = {**settings.COMMENTS, "RATE_SECONDS": 15}
        guest = {"name": "Gus", "email": "gus@example.com"}
        assert post(Client(), article, "One", follow=False, **guest).status_code == 302
        assert post(Client(), article, "Two", follow=False, **guest).status_code == 429
        assert (
            post(Client(REMOTE_ADDR="10.0.0.9"), article, "Three", follow=False, **guest).status_code == 302
        )

    def test_closed_comments_refuse_posts_and_show_no_form(self, article):
        article.comments_open = False
        article.save()
        client = member_client()
        page = client.get(article.get_absolute_url())
        assertContains(page, "Comments are closed on this article.")
        assertNotContains(page, 'id="comment-form"')
        response = post(client, article, "Still want to say this")
        assertContains(response, "Comments are closed on this article.")
        assert not Comment.objects.exists()

    def test_comments_close_n_days_after_publication_when_set(self, article, settings):
        settings.COMMENTS = {**settings.COMMENTS, "CLOSE_AFTER_DAYS": 30}
        article.published_at = timezone.now() - datetime.timedelta(days=31)
        article.save()
        assertContains(Client().get(article.get_absolute_url()), "Comments are closed on this article.")
        article.published_at = timezone.now() - datetime.timedelta(days=29)
        article.save()
        assertContains(Client().get(article.get_absolute_url()), 'id="comment-form"')

    @pytest.mark.parametrize(
        "data",
        [
            {"text": ""},
            {"text": "   "},
            {"text": "x" * 5001},
            {"text": "a\x00b"},
        ],
    )
    def test_bad_input_is_refused_with_a_message_never_a_500(self, article, data):
        response = member_client().post(f"/comments/article/{article.slug}/", {**data, "started": started()})
        assert response.status_code == 200
        assertContains(response, 'class="field field--error"')
        assert not Comment.objects.exists()

    @pytest.mark.parametrize("text", ["", "   \n  "])
    def test_an_empty_comment_is_asked_for_words(self, article, text):
        response = member_client().post(
            f"/comments/article/{article.slug}/", {"text": text, "started": started()}
        )
        assertContains(response, "Please write something before posting.")

    def test_drafts_members_only_and_unknown_articles_cannot_be_commented_on(self):
        for article in [ArticleFactory(draft=True), ArticleFactory(members_only=True)]:
            response = post(Client(), article, "Hi", name="Gus", email="gus@example.com", follow=False)
            assert response.status_code == 404
        assert Client().post("/comments/article/nope/", {"text": "x"}).status_code == 404
