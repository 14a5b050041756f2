"""Old addresses keep working: a changed slug leaves a permanent redirect to the new address,
chains collapse, nothing loops, whatever is shown at an address wins, and editors keep the list."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from redirects.models import Redirect
from stretches.models import Article
from tests.factories import ArticleFactory, RoutineFactory, SectionFactory, StretchFactory, TopicFactory

pytestmark = pytest.mark.django_db


class _FormFields(HTMLParser):
    """What a browser sends for one form of a page, as it stands: inputs, checked boxes, selected
    options and text areas (no files: an empty file field leaves the stored one)."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        kind = attrs.get("type", "text")
        if tag == "input" and name and kind not in ("file", "submit", "button", "image"):
            if kind not in ("checkbox", "radio") or "checked" in attrs:
                self.data.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.data.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def change_in_admin(client, obj, **changes):
    """Open the object's admin change page, change some fields, save, as an editor does."""
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    page = client.get(url)
    assert page.status_code == 200
    fields = _FormFields(f"{meta.model_name}_form")
    fields.feed(page.content.decode())
    data = {}
    for name, value in fields.data:
        data.setdefault(name, []).append(value)
    data.update({name: [value] for name, value in changes.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    obj.refresh_from_db()
    return obj


def reader_gets(path, **query):
    return Client().get(path, query)


def assert_moved(old, new):
    """One 301 from `old`, straight to `new`, which is shown."""
    response = reader_gets(old)
    assert response.status_code == 301, (old, response.status_code)
    assert response["Location"] == new
    assert reader_gets(new).status_code == 200


@pytest.fixture
def article():
    """A public article with a routine and two sections, as editors write them."""
    article = ArticleFactory(title="Hip openers", slug="hip-openers", sections=1)
    SectionFactory(article=article, heading="The routine", routine=RoutineFactory(steps=2))
    return article


def test_changing_an_article_slug_in_the_admin_sends_the_old_address_to_the_new_one(editor_client, article):
    """The old address answers 301 to the new one; the article keeps its sections."""
    change_in_admin(editor_client, article, slug="hip-openers-for-runners")
    assert article.sections.count() == 2
    assert_moved("/stretches/hip-openers/", "/stretches/hip-openers-for-runners/")
    assert Redirect.objects.get().old_path == "/stretches/hip-openers/"


def test_saving_without_changing_the_slug_records_nothing(editor_client, article):
    change_in_admin(editor_client, article, title="Hip openers, revised")
    assert not Redirect.objects.exists()


def test_two_renames_send_the_first_address_straight_to_the_last(editor_client, article):
    """A → B → C: A answers one 301 to C, not a chain of two."""
    change_in_admin(editor_client, article, slug="hips-b")
    change_in_admin(editor_client, article, slug="hips-c")
    assert_moved("/stretches/hip-openers/", "/stretches/hips-c/")
    assert_moved("/stretches/hips-b/", "/stretches/hips-c/")
    assert set(Redirect.objects.values_list("old_path", "new_path")) == {
        ("/stretches/hip-openers/", "/stretches/hips-c/"),
        ("/stretches/hips-b/", "/stretches/hips-c/"),
    }


def test_a_new_article_taking_an_old_slug_is_shown_instead_of_the_redirect(editor_client, article):
    change_in_admin(editor_client, article, slug="hips-renamed")
    ArticleFactory(title="A different article", slug="hip-openers")
    response = reader_gets("/stretches/hip-openers/")
    assert response.status_code == 200
    assertContains(response, "A different article")


def test_a_draft_taking_an_old_slug_leaves_the_redirect_working_for_readers(editor_client, article):
    """Readers still go to the new address; the editor previews the draft there."""
    change_in_admin(editor_client, article, slug="hips-renamed")
    ArticleFactory(title="Work in progress", slug="hip-openers", draft=True)
    assert_moved("/stretches/hip-openers/", "/stretches/hips-renamed/")
    assertContains(editor_client.get("/stretches/hip-openers/"), "Work in progress")


def test_renaming_back_leaves_no_loop(editor_client, article):
    """A → B → A: A is shown, B leads to A, and nothing leads from A."""
    change_in_admin(editor_client, article, slug="hips-b")
    change_in_admin(editor_client, article, slug="hip-openers")
    assert reader_gets("/stretches/hip-openers/").status_code == 200
    assert_moved("/stretches/hips-b/", "/stretches/hip-openers/")
    assert list(Redirect.objects.values_list("old_path", "new_path")) == [
        ("/stretches/hips-b/", "/stretches/hip-openers/")
    ]
    article.status = Article.Status.DRAFT  # even unpublished, A answers 404, not a loop
    article.save()
    assert reader_gets("/stretches/hip-openers/").status_code == 404


def test_two_articles_swapping_addresses_never_make_a_loop():
    """X: A → B, Y: C → A, X: B → C. Each address leads at most one step, never back to itself."""
    x = ArticleFactory(slug="a")
    y = ArticleFactory(slug="c")
    for obj, slug in [(x, "b"), (y, "a"), (x, "c")]:
        obj.slug = slug
        obj.save()
    Article.objects.update(status=Article.Status.DRAFT)  # nothing shown: only redirects answer
    for start in ["/stretches/a/", "/stretches/b/", "/stretches/c/"]:
        seen, path = {start}, start
        while (response := reader_gets(path)).status_code == 301:
            path = response["Location"]
            assert path not in seen, f"{start} loops"
            seen.add(path)


def test_topics_and_stretches_leave_redirects_too(editor_client):
    topic = TopicFactory(name="Hips", slug="hips")
    stretch = StretchFactory(name="Knee hug", slug="knee-hug")
    change_in_admin(editor_client, topic, slug="hips-and-pelvis")
    change_in_admin(editor_client, stretch, slug="double-knee-hug")
    assert_moved("/stretches/topics/hips/", "/stretches/topics/hips-and-pelvis/")
    assert_moved("/stretches/library/knee-hug/", "/stretches/library/double-knee-hug/")


def test_a_rename_outside_the_admin_is_recorded_too(article):
    """The shell, a command or a migration saving the model records the same redirect."""
    article.slug = "from-the-shell"
    article.save()
    assert_moved("/stretches/hip-openers/", "/stretches/from-the-shell/")


def test_the_query_string_is_kept(article):
    article.slug = "hips-renamed"
    article.save()
    response = reader_gets("/stretches/hip-openers/", utm_source="newsletter", page="2")
    assert response.status_code == 301
    assert response["Location"] == "/stretches/hips-renamed/?utm_source=newsletter&page=2"
    assert "max-age=86400" in response["Cache-Control"]  # browsers look again the next day


def test_only_reads_are_redirected(article):
    article.slug = "hips-renamed"
    article.save()
    response = Client().post("/stretches/hip-openers/")
    assert response.status_code == 404  # the old address, posted to, is not sent on
    assert "Location" not in response
    assert_moved("/stretches/hip-openers/", "/stretches/hips-renamed/")  # while a read is


def test_a_redirect_added_by_hand_from_a_shown_address_does_not_hide_it(article):
    Redirect.objects.create(old_path="/stretches/hip-openers/", new_path="/stretches/")
    assert reader_gets("/stretches/hip-openers/").status_code == 200


def test_a_redirect_from_an_address_with_accents_works():
    StretchFactory(slug="knee-hug")
    Redirect.objects.create(old_path="/étirements/genou/", new_path="/stretches/library/knee-hug/")
    assert_moved("/%C3%A9tirements/genou/", "/stretches/library/knee-hug/")


@pytest.mark.parametrize(
    "path",
    [
        "/stretches/" + "x" * 5000 + "/",
        "/" + "é" * 300,
        "/stretches/hip%00openers/",
        "/stretches/hip\x00openers/",
        "/%00",
        "/stretches/%C3%28/",  # not UTF-8
        "/stretches/%E2%80%AEevil/",
        "/%2F%2Fevil.example/",
        "/stretches/hip-openers/%0d%0aSet-Cookie:x=1",
        "/" + "\U0001f9d8" * 50 + "/",
    ],
)
def test_hostile_paths_never_break_the_site(article, path):
    """Very long, NUL, broken or unusual characters: a plain answer, never a 500."""
    article.slug = "hips-renamed"
    article.save()
    for method in ("get", "head"):
        response = getattr(Client(), method)(path, {"q": "\x00\r\n"})
        assert response.status_code in (400, 404), (path, response.status_code)


def test_a_stored_redirect_off_the_site_is_never_followed():
    """Rows written around the admin's checks (the shell, a bulk import) still never lead away."""
    Redirect.objects.bulk_create(
        [
            Redirect(old_path="/a/", new_path="//evil.example/"),
            Redirect(old_path="/b/", new_path="https://evil.example/"),
            Redirect(old_path="/c/", new_path="/\\evil.example/"),
        ]
    )
    for path in ["/a/", "/b/", "/c/"]:
        assert reader_gets(path).status_code == 404


def test_editors_list_search_and_delete_redirects(editor_client, article):
    article.slug = "hips-renamed"
    article.save()
    Redirect.objects.create(old_path="/old-shoulders/", new_path="/stretches/")
    changelist = reverse("admin:pages_redirect_changelist")
    listing = editor_client.get(changelist)
    assertContains(listing, "/stretches/hip-openers/")
    assertContains(listing, "/old-shoulders/")
    found = editor_client.get(changelist, {"q": "hip-openers"})
    assertContains(found, "/stretches/hips-renamed/")
    assertNotContains(found, "/old-shoulders/")
    assert editor_client.get(changelist, {"q": "a\x00b"}).status_code == 200

    redirect = Redirect.objects.get(old_path="/stretches/hip-openers/")
    delete = reverse("admin:pages_redirect_delete", args=[redirect.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Redirect.objects.filter(pk=redirect.pk).exists()
    assert reader_gets("/stretches/hip-openers/").status_code == 404


def test_editors_add_a_redirect_by_hand(editor_client):
    StretchFactory(slug="knee-hug")
    add = reverse("admin:pages_redirect_add")
    response = editor_client.post(add, {"old_path": "/knee-hug/", "new_path": "/stretches/library/knee-hug/"})
    assert response.status_code == 302
    assert_moved("/knee-hug/", "/stretches/library/knee-hug/")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/old/", "https://evil.example/"),
        ("/old/", "//evil.example/"),
        ("/old/", "/\\evil.example/"),
        ("/old/", "javascript:alert(1)"),
        ("/old/", "stretches/"),
        ("/old/", "/stretches/\r\nSet-Cookie: x=1"),
        ("https://limber.example/old/", "/stretches/"),
        ("old/", "/stretches/"),
        ("/old/?page=2", "/stretches/"),
        ("/old/", "/old/"),
        ("/old\x00/", "/stretches/"),
        ("/" + "x" * 300, "/stretches/"),
    ],
)
def test_a_redirect_must_stay_on_the_site(editor_client, old, new):
    """No open redirect: both addresses are paths on this site, and they differ."""
    response = editor_client.post(reverse("admin:pages_redirect_add"), {"old_path": old, "new_path": new})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Redirect.objects.exists()


def test_a_redirect_added_by_hand_may_not_loop(editor_client):
    Redirect.objects.create(old_path="/b/", new_path="/a/")
    response = editor_client.post(reverse("admin:pages_redirect_add"), {"old_path": "/a/", "new_path": "/b/"})
    assertContains(response, "it would loop")
    assert Redirect.objects.count() == 1


def test_the_pages_under_a_moved_address_follow_it(client):
    topic = TopicFactory(slug="hips")
    topic.slug = "hip-care"
    topic.save()
    response = client.get("/stretches/topics/hips/feed/?utm=x")
    assert response.status_code == 301
    assert response["Location"] == "/stretches/topics/hip-care/feed/?utm=x"


def test_a_renamed_routine_and_its_player_keep_their_addresses(client):
    routine = RoutineFactory(slug="hip-sequence", steps=1)
    SectionFactory(article=ArticleFactory(), routine=routine)
    routine.slug = "hip-floor-sequence"
    routine.save()
    assert (
        client.get("/stretches/routines/hip-sequence/")["Location"]
        == "/stretches/routines/hip-floor-sequence/"
    )
    assert client.get("/stretches/routines/hip-sequence/play/")["Location"] == (
        "/stretches/routines/hip-floor-sequence/play/"
    )
    assert client.get("/stretches/routines/hip-floor-sequence/play/").status_code == 200


def test_an_address_above_a_moved_one_is_not_moved(client):
    TopicFactory(slug="hips").delete()
    Redirect.objects.create(old_path="/stretches/topics/hips/", new_path="/stretches/topics/hip-care/")
    assert client.get("/stretches/topics/").status_code == 200
    assert client.get("/stretches/nothing/").status_code == 404
