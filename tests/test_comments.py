"""Comments, as readers, members and guests use them through the pages."""

import datetime
import io
import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Comment, ModerationRule
from comments.tokens import STARTED_SALT
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def started(seconds_ago=10):
    """A form handed out `seconds_ago` seconds ago, signed as the site does."""
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def member_client(name="Ada", email=None):
    user = UserFactory(first_name=name, email=email or f"{name.lower()}@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def post(client, article, text, parent=None, follow=True, **extra):
    url = f"/comments/article/{article.slug}/" + (f"reply/{parent.pk}/" if parent else "")
    data = {"text": text, "started": started(), "website": "", **extra}
    return client.post(url, data, follow=follow)


def trusted(client, article):
    """Give the member an earlier approved comment."""
    comment = Comment.objects.create(
        article=article, author=client.user, text="Earlier", text_html="<p>Earlier</p>", status="approved"
    )
    return comment


@pytest.fixture
def article():
    return ArticleFactory(title="Hip stretches", slug="hip-stretches")


@pytest.fixture
def emails_sent(django_capture_on_commit_callbacks):
    """Emails go out when the transaction commits; inside a test's transaction, run them now."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def _no_rate_limit_unless_tested(settings):
    settings.COMMENTS = {**settings.COMMENTS, "RATE_SECONDS": 0}


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

    def test_a_moderation_word_holds_and_a_blocklisted_word_goes_to_spam(self, article):
        ModerationRule.objects.create(kind="hold_word", value="cure")
        ModerationRule.objects.create(kind="spam_word", value="casino")
        client = member_client()
        trusted(client, article)
        post(client, article, "This is a CURE for everything")
        post(client, article, "Visit my casino!")
        held, spam = Comment.objects.order_by("-id")[:2][::-1]
        assert (held.status, held.held_reason) == ("pending", "Moderation word: cure")
        assert (spam.status, spam.held_reason) == ("spam", "Blocklisted word: casino")

    def test_blocklisted_email_and_ip_go_to_spam(self, article):
        ModerationRule.objects.create(kind="spam_email", value="Bad@Example.com")
        ModerationRule.objects.create(kind="spam_ip", value="10.1.2.3")
        bad = member_client(email="bad@example.com")
        post(bad, article, "Hello")
        ip_client = member_client(name="Cy")
        ip_client.defaults["REMOTE_ADDR"] = "10.1.2.3"
        post(ip_client, article, "Hi")
        assert list(Comment.objects.values_list("status", flat=True)) == ["spam", "spam"]

    def test_a_banned_member_goes_to_spam(self, article):
        client = member_client()
        client.user.comments_banned = True
        client.user.save()
        post(client, article, "Hello again")
        assert Comment.objects.get().status == "spam"

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


class TestGuests:
    def test_a_guest_confirms_by_email_then_the_comment_enters_moderation(self, article, emails_sent):
        with emails_sent():
            response = post(
                Client(), article, "Lovely routine", name="Gus", email="gus@example.com", notify="on"
            )
        assertContains(response, "we have emailed you a link")
        comment = Comment.objects.get()
        assert comment.status == "unconfirmed"
        assert mail.outbox[-1].to == ["gus@example.com"]
        link = re.search(r"http://testserver(/comments/confirm/\S+)", mail.outbox[-1].body).group(1)
        with emails_sent():
            assertContains(Client().get(link), "awaiting moderation")
        comment.refresh_from_db()
        assert (comment.status, comment.held_reason) == ("pending", "Guest comment")
        Client().get(link)  # a second click changes nothing
        assert Comment.objects.get().status == "pending"

    def test_guest_form_keeps_the_article_page_identical_and_cookie_free(self, article):
        first, second = Client().get(article.get_absolute_url()), Client().get(article.get_absolute_url())
        assert first.content == second.content
        assert not first.cookies
        assertContains(first, "data-guest-form")
        token = Client().get("/comments/token/")
        assert token["Cache-Control"].startswith("max-age=0")
        assert set(token.json()) == {"csrfmiddlewaretoken", "started"}

    def test_a_guest_posting_with_a_fetched_token_passes_csrf(self, article):
        client = Client(enforce_csrf_checks=True)
        token = client.get("/comments/token/").json()
        signed_time = signing.loads(token["started"], salt=STARTED_SALT)
        token["started"] = signing.dumps(signed_time - 10, salt=STARTED_SALT)  # as if 10 s of typing
        response = client.post(
            f"/comments/article/{article.slug}/",
            {**token, "text": "Hello", "name": "Gus", "email": "gus@example.com"},
        )
        assert response.status_code == 302
        assert Comment.objects.get().guest_name == "Gus"
        assert (
            Client(enforce_csrf_checks=True).post(f"/comments/article/{article.slug}/", {}).status_code == 403
        )

    def test_unconfirmed_comments_expire_after_7_days(self, article):
        post(Client(), article, "Old", name="Gus", email="gus@example.com")
        post(Client(REMOTE_ADDR="10.0.0.2"), article, "New", name="Ann", email="ann@example.com")
        Comment.objects.filter(text="Old").update(created_at=timezone.now() - datetime.timedelta(days=8))
        out = io.StringIO()
        call_command("expire_comments", stdout=out)
        assert out.getvalue() == "Deleted 1 unconfirmed guest comment(s).\n"
        assert list(Comment.objects.values_list("text", flat=True)) == ["New"]

    def test_an_expired_confirmation_link_says_so(self, article, settings, emails_sent):
        with emails_sent():
            post(Client(), article, "Hi", name="Gus", email="gus@example.com")
        link = re.search(r"http://testserver(/comments/confirm/\S+)", mail.outbox[-1].body).group(1)
        settings.COMMENTS = {**settings.COMMENTS, "UNCONFIRMED_DAYS": 0}
        # max_age 0: any age at all has expired (signing timestamps are whole seconds)
        response = Client().get(link)
        assertContains(response, "That link has expired", status_code=410)

    def test_guest_comments_can_be_switched_off(self, article, settings):
        settings.COMMENTS = {**settings.COMMENTS, "GUESTS": False}
        page = Client().get(article.get_absolute_url())
        assertContains(page, "to comment.")
        assertNotContains(page, 'id="comment-form"')
        response = post(Client(), article, "Hi", name="Gus", email="gus@example.com")
        assertContains(response, "Please log in to comment.")


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
        comments = [
            Comment.objects.create(article=article, text=f"c{i}", text_html=f"<p>c{i}</p>", status="approved")
            for i in range(5)
        ]
        response = Client().get(f"/comments/{comments[4].pk}/")
        assert response["Location"] == f"/stretches/hip-stretches/?page=3#comment-{comments[4].pk}"
        page = Client().get("/stretches/hip-stretches/?page=3")
        assertContains(page, f'id="comment-{comments[4].pk}"')
        assertContains(page, "Page 3 of 3")
        assert Client().get("/stretches/hip-stretches/?page=999").status_code == 200  # the last page

    def test_comment_counts_beside_articles_in_lists(self, article):
        for status in ["approved", "approved", "pending", "spam"]:
            Comment.objects.create(article=article, text="x", text_html="x", status=status)
        assertContains(Client().get("/"), "2 comments")


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
        Comment.objects.create(
            article=article,
            parent=comment,
            root=comment,
            depth=1,
            text="A reply",
            text_html="<p>A reply</p>",
            status="approved",
        )
        owner.post(f"/comments/{comment.pk}/delete/")
        html = Client().get(article.get_absolute_url()).content.decode()
        assert "This comment was deleted by its author." in html
        assert "A reply" in html and "Earlier" not in html
        lonely = trusted(owner, article)
        owner.post(f"/comments/{lonely.pk}/delete/")
        assert not Comment.objects.filter(pk=lonely.pk).exists()

    def test_three_reports_from_different_members_send_a_comment_back_to_the_queue(self, article):
        comment = trusted(member_client(), article)
        first = member_client(name="R1")
        for _ in range(3):
            first.post(f"/comments/{comment.pk}/report/")  # one member, reported thrice: one report
        comment.refresh_from_db()
        assert comment.status == "approved"
        member_client(name="R2").post(f"/comments/{comment.pk}/report/")
        member_client(name="R3").post(f"/comments/{comment.pk}/report/")
        comment.refresh_from_db()
        assert (comment.status, comment.held_reason) == ("pending", "Reported by 3 members")

    def test_members_cannot_report_their_own_comment(self, article):
        owner = member_client()
        comment = trusted(owner, article)
        response = owner.post(f"/comments/{comment.pk}/report/", follow=True)
        assertContains(response, "You cannot report your own comment.")

    def test_member_area_lists_comments_with_their_status(self, article):
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
