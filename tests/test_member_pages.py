"""The member area and what membership changes on the site's pages: members-only articles, saved
articles, the profile, the queries a signed-in page costs, and leaving."""

import io
import json
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from comments.models import Comment
from members.models import SavedArticle
from pagecache.versions import read as versions
from tests.factories import (
    ArticleFactory,
    CallToActionFactory,
    CommentFactory,
    RoutineFactory,
    SectionFactory,
    UserFactory,
)
from tests.helpers import PASSWORD, logged_in, member_client

GREETING = '<span class="member-menu__greeting">Ada</span>'  # the header names who is logged in

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def members_article():
    article = ArticleFactory(
        title="The deep hip routine", members_only=True, standfirst="A teaser everyone sees."
    )
    SectionFactory(article=article, heading="Secret heading", body="Only members read this paragraph.")
    SectionFactory(article=article, routine=RoutineFactory(name="Members routine", steps=2))
    return article


class TestAnonymousPagesAreCacheable:
    @pytest.mark.parametrize("page", ["/", "/stretches/", "topic", "article", "members_article", "stretch"])
    def test_two_anonymous_visitors_get_identical_bytes_and_no_cookie(self, page, members_article):
        CallToActionFactory(is_default=True)
        article = SectionFactory(routine=RoutineFactory(steps=1)).article
        url = {
            "topic": article.topic.get_absolute_url(),
            "article": article.get_absolute_url(),
            "members_article": members_article.get_absolute_url(),
            "stretch": article.sections.first().routine.steps.first().stretch.get_absolute_url(),
        }.get(page, page)
        first, second = Client().get(url), Client(REMOTE_ADDR="10.9.8.7", HTTP_USER_AGENT="Other").get(url)
        assert first.status_code == 200
        assert first.content == second.content
        assert not first.cookies and "Set-Cookie" not in first.headers
        assert "csrfmiddlewaretoken" not in first.content.decode()


class TestMembersOnly:
    def test_signed_out_readers_see_the_teaser_and_an_invitation(self, client, members_article):
        response = client.get(members_article.get_absolute_url())
        assertContains(response, "The deep hip routine")
        assertContains(response, "A teaser everyone sees.")
        assertContains(response, "The rest of this article is for members")
        assertContains(response, "/accounts/signup/?next=/stretches/")
        for secret in ["Secret heading", "Only members read this", "Members routine", "On this page"]:
            assertNotContains(response, secret)

    def test_members_read_it_all(self, member, members_article):
        response = logged_in().get(members_article.get_absolute_url())
        assertContains(response, "Only members read this paragraph.")
        assertContains(response, "Members routine")
        assertNotContains(response, "The rest of this article is for members")

    @pytest.mark.parametrize("url", ["/", "/stretches/", "topic", "stretch", "related"])
    def test_lists_show_the_title_and_a_badge_never_the_text(self, client, members_article, url):
        members_article.featured = True
        members_article.save()
        other = ArticleFactory(topic=members_article.topic)
        other.related.add(members_article)
        url = {
            "topic": members_article.topic.get_absolute_url(),
            "stretch": members_article.sections.last().routine.steps.first().stretch.get_absolute_url(),
            "related": other.get_absolute_url(),
        }.get(url, url)
        response = client.get(url)
        assertContains(response, "The deep hip routine")
        assertContains(response, '<span class="badge">Members</span>', html=True)
        assertNotContains(response, "Only members read this")
        assertNotContains(response, "Secret heading")

    def test_the_teaser_costs_no_section_queries(self, client, members_article, django_assert_num_queries):
        versions()
        with django_assert_num_queries(1):  # the article; the teaser loads no text at all
            client.get(members_article.get_absolute_url())

    def test_stretch_pages_list_only_routines_the_reader_may_see(self, member):
        public = RoutineFactory(name="Public routine", steps=1)
        stretch = public.steps.first().stretch
        SectionFactory(article=ArticleFactory(), routine=public)
        for name, kwargs in [("Draft routine", {"draft": True}), ("Members routine", {"members_only": True})]:
            routine = RoutineFactory(name=name)
            routine.steps.create(stretch=stretch, order=1)
            SectionFactory(article=ArticleFactory(**kwargs), routine=routine)
        signed_out = Client().get(stretch.get_absolute_url())
        assertContains(signed_out, "Public routine")
        assertNotContains(signed_out, "Draft routine")
        assertNotContains(signed_out, "Members routine")
        signed_in = logged_in().get(stretch.get_absolute_url())
        assertContains(signed_in, "Members routine")
        assertNotContains(signed_in, "Draft routine")


class TestSavedArticles:
    def test_save_and_unsave_from_the_article_page(self, member):
        article = ArticleFactory(title="Hip flexor basics")
        client = logged_in()
        response = client.get(article.get_absolute_url())
        assertContains(response, "☆ Save")
        response = client.post(reverse("members:toggle_saved", args=[article.slug]), follow=True)
        assertContains(response, "★ Saved")
        assertContains(response, "Saved “Hip flexor basics” to your member area.")
        assertContains(client.get("/members/"), "Hip flexor basics")
        client.post(reverse("members:toggle_saved", args=[article.slug]))
        assert not SavedArticle.objects.exists()

    def test_signed_out_readers_are_invited_to_log_in_to_save(self, client):
        article = ArticleFactory()
        assertContains(
            client.get(article.get_absolute_url()), f"/accounts/login/?next=/stretches/{article.slug}/"
        )
        response = client.post(reverse("members:toggle_saved", args=[article.slug]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_saving_a_draft_or_an_unknown_article_is_404_and_next_cannot_leave_the_site(self, member):
        client = logged_in()
        draft = ArticleFactory(draft=True)
        assert client.post(reverse("members:toggle_saved", args=[draft.slug])).status_code == 404
        assert client.post(reverse("members:toggle_saved", args=["nope"])).status_code == 404
        article = ArticleFactory()
        response = client.post(
            reverse("members:toggle_saved", args=[article.slug]), {"next": "https://evil.example/"}
        )
        assertRedirects(response, article.get_absolute_url(), fetch_redirect_response=False)

    def test_member_pages_need_a_login(self, client):
        for url in ["/members/", "/members/profile/", "/members/export/", "/members/delete/"]:
            response = client.get(url)
            assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


class TestMemberArea:
    def test_every_link_in_the_member_menu_opens(self, member):
        client = logged_in()
        client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        menu = re.search(
            r'<nav class="member-nav".*?</nav>', client.get("/members/").content.decode(), re.S
        ).group(0)
        links = re.findall(r'href="([^"]+)"', menu)
        assert len(links) == 9
        for url in links:
            assert client.get(url).status_code == 200, url

    def test_a_refused_profile_form_does_not_show_unsaved_values_as_saved(self, member):
        client = logged_in()
        response = client.post("/members/profile/", {"first_name": "Zed", "bio": "x" * 501})
        assertContains(response, GREETING)  # the header tells the truth
        assertContains(response, 'value="Zed"')  # the form keeps what was typed
        assertContains(response, "Ensure this value has at most 500 characters")

    def test_profile_names_refuse_control_characters(self):
        client = member_client()
        response = client.post("/members/profile/", {"first_name": "Ada", "display_name": "Ada\r\nBcc: x"})
        assertContains(response, "no line breaks or hidden characters")


class TestQueryCounts:
    """Sessions come from the cache (cached_db), so a signed-in page costs the user row and no more."""

    @pytest.mark.parametrize("count", [1, 15])
    def test_member_area(self, member, django_assert_num_queries, count):
        client = logged_in()
        for article in ArticleFactory.create_batch(count, title="Saved stretch"):
            SavedArticle.objects.create(user=member, article=article)
            CommentFactory(article=article, author=member, text="Mine", status=Comment.Status.PENDING)
        # User, saved articles with topics, comments with articles, and the practice summary: the
        # member's time zone and their sessions by week.
        with django_assert_num_queries(5):
            response = client.get("/members/")
        assert response.content.decode().count(">Saved stretch</a>") == count

    @pytest.mark.parametrize(("sections", "steps"), [(2, 2), (12, 20)])
    def test_a_signed_in_article_page_costs_only_what_is_theirs(self, member, settings, sections, steps):
        CallToActionFactory(is_default=True)
        article = ArticleFactory(sections=sections)
        SectionFactory(article=article, routine=RoutineFactory(steps=steps))
        member_client = logged_in()
        settings.LIMBER = {**settings.LIMBER, "PAGE_CACHE": False}  # compare renders, not cache hits
        Client().get(article.get_absolute_url())  # warm the shared fragments, for readers
        member_client.get(article.get_absolute_url())  # and for members
        with CaptureQueriesContext(connection) as anonymous:
            Client().get(article.get_absolute_url())
        anonymous_count = len(anonymous)  # now: the next request clears the query log
        with CaptureQueriesContext(connection) as signed_in:
            assertContains(member_client.get(article.get_absolute_url()), GREETING)
        assert anonymous_count == 0  # the article and its parts are kept per version (test_queries.py)
        # The user. Whether they saved it and whether they have comments of their own there are
        # kept until their own token changes; without comments there, they share the cached
        # threads with every other member.
        assert len(signed_in) == anonymous_count + 1

    def test_profile_page(self, member, django_assert_num_queries):
        """The profile page shows the member's own details, in one query."""
        client = logged_in()
        with django_assert_num_queries(1):
            response = client.get("/members/profile/")
        assertContains(response, "<h1>My profile</h1>", html=True, status_code=200)
        assertContains(response, 'value="Ada"')
        assertContains(response, 'value="Lovelace"')
        assertContains(response, "Save profile")


class TestLeaving:
    def test_export_contains_everything_the_site_holds(self, member):
        client = logged_in()
        client.post(
            "/members/profile/",
            {
                "first_name": "Ada",
                "last_name": "Lovelace",
                "display_name": "Ada L.",
                "bio": "Hips!",
                "avatar_upload": SimpleUploadedFile("a.png", png(), "image/png"),
            },
        )
        article = ArticleFactory(title="Saved one")
        SavedArticle.objects.create(user=member, article=article)
        type(member).objects.filter(pk=member.pk).update(time_zone="Europe/Berlin")
        response = client.get("/members/export/")
        assert response["Content-Disposition"].startswith('attachment; filename="limber-export-')
        assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
        data = json.loads(response.content)
        assert data["account"]["email"] == "ada@example.com"
        assert data["account"]["first_name"] == "Ada"
        assert data["account"]["last_name"] == "Lovelace"
        assert data["email_addresses"] == [{"email": "ada@example.com", "verified": True, "primary": True}]
        assert data["profile"]["display_name"] == "Ada L."
        assert data["profile"]["bio"] == "Hips!"
        assert data["profile"]["time_zone"] == "Europe/Berlin"
        assert data["profile"]["avatar"].startswith("http://testserver/media/avatars/")
        assert data["saved_articles"][0]["title"] == "Saved one"
        assert len(data["sessions"]) == 1
        assert set(data) == {
            "exported_at",
            "account",
            "email_addresses",
            "profile",
            "saved_articles",
            "sessions",
            "comments",
            "practice_sessions",
            "reminders",
        }

    def test_deletion_asks_for_the_password_again(self, member):
        client = logged_in()  # even straight after logging in
        response = client.get("/members/delete/")
        assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
        response = client.post(response["Location"], {"password": PASSWORD}, follow=True)
        assertContains(response, "Delete my account for good")

    def test_deletion_leaves_no_row_and_no_file_that_identifies_the_member(self, member, settings):
        client = logged_in()
        other_device = logged_in()
        client.post(
            "/members/profile/",
            {"first_name": "Ada", "avatar_upload": SimpleUploadedFile("a.png", png(), "image/png")},
        )
        SavedArticle.objects.create(user=member, article=ArticleFactory())
        assert any((settings.MEDIA_ROOT / "avatars").iterdir())
        client.post("/accounts/reauthenticate/", {"password": PASSWORD})  # asked for it again
        response = client.post("/members/delete/", {})
        assertContains(response, "This field is required.")  # the confirmation box
        response = client.post("/members/delete/", {"confirm": "on"}, follow=True)
        assertContains(response, "Your account and everything in it has been deleted.")
        assertContains(response, "Member login")
        assert not User.objects.filter(pk=member.pk).exists()
        assert not EmailAddress.objects.filter(email="ada@example.com").exists()
        assert not SavedArticle.objects.exists()
        assert not UserSession.objects.exists()
        assert list((settings.MEDIA_ROOT / "avatars").iterdir()) == []
        assert not other_device.get("/members/").wsgi_request.user.is_authenticated

    def test_deletion_also_removes_admin_history_and_unfinished_code_logins(self, member):
        LogEntry.objects.create(  # a moderator once edited this account in the admin
            user=UserFactory(is_staff=True),
            content_type=ContentType.objects.get_for_model(member),
            object_id=str(member.pk),
            object_repr=str(member),
            action_flag=CHANGE,
        )
        stranger = Client()
        stranger.post("/accounts/login/code/", {"email": "ada@example.com"})  # never finished
        assert any("ada@example.com" in str(s.get_decoded()) for s in Session.objects.all())
        client = logged_in()
        client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        client.post("/members/delete/", {"confirm": "on"})
        assert not LogEntry.objects.filter(object_id=str(member.pk), content_type__model="user").exists()
        for session in Session.objects.all():
            decoded = str(session.get_decoded())
            assert "ada@example.com" not in decoded and f"'{member.pk}'" not in decoded


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def test_what_is_kept_of_an_article_holds_nothing_private_about_its_author():
    """The article row is kept in the fragments cache: of its author, only what the page shows."""
    author = UserFactory(first_name="Cora", email="cora@example.com", bio="Private notes", is_staff=True)
    article = ArticleFactory(author=author)
    Client().get(article.get_absolute_url())
    kept = [value for value in caches["fragments"]._cache.values() if b"cora@example.com" in value]
    assert kept == []
    assert not any(
        b"pbkdf2" in v or b"md5$" in v or b"Private notes" in v for v in caches["fragments"]._cache.values()
    )
