"""What crawlers and feed readers fetch: /sitemap.xml, /robots.txt and the Atom feeds. Every
address comes from the site's public address, nothing private is listed, and each is a cached page
that the next reader after a change sees fresh."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from stretches.models import Article, Stretch, Topic
from tests.factories import (
    ArticleFactory,
    RoutineFactory,
    SectionFactory,
    StretchFactory,
    TopicFactory,
    UserFactory,
)
from tests.helpers import PUBLIC_SITE, page

pytestmark = pytest.mark.django_db
SITE = PUBLIC_SITE
HOSTILE = "evil.example"
SM = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM = {"a": "http://www.w3.org/2005/Atom"}
SECRET_WORD = "quokkaflamingo"  # only ever in a members-only article's section


@pytest.fixture(autouse=True)
def _public_address(settings, public_site):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOSTILE]


def at(day, month=3):
    return datetime.datetime(2026, month, day, 9, 0, tzinfo=datetime.UTC)


def changed(obj, **fields):
    """Set fields as stored, past auto_now (updated_at says what the test wants)."""
    type(obj).objects.filter(pk=obj.pk).update(**fields)


@pytest.fixture
def content():
    """Live, members-only, draft and future articles in two topics, and two stretches."""
    hips = TopicFactory(name="Hip stretches", slug="hips")
    neck = TopicFactory(name="Neck care", slug="neck")
    author = UserFactory(first_name="Edna", display_name="Edna the editor", is_staff=True)
    older = ArticleFactory(title="Hip openers", slug="hip-openers", topic=hips, published_at=at(1))
    newer = ArticleFactory(
        title="Neck rolls", slug="neck-rolls", topic=neck, author=author, published_at=at(5)
    )
    gated = ArticleFactory(
        title="Members' hip routine",
        slug="members-hips",
        topic=hips,
        members_only=True,
        standfirst="A gentle routine for members, in ten minutes.",
        published_at=at(3),
    )
    SectionFactory(article=gated, body=f"The secret is the {SECRET_WORD} hold.")
    draft = ArticleFactory(title="Draft thoughts", slug="draft-thoughts", topic=hips, draft=True)
    future = ArticleFactory(title="Coming soon", slug="coming-soon", topic=neck, future=True)
    stretches = [StretchFactory(slug="figure-four", image=""), StretchFactory(slug="cat-cow", image="")]
    changed(older, updated_at=at(2))
    changed(newer, updated_at=at(6))
    changed(gated, updated_at=at(4))
    changed(draft, updated_at=at(20))  # edited later than anything live: must not show
    changed(hips, updated_at=at(1, month=1))
    changed(neck, updated_at=at(10))
    changed(stretches[0], updated_at=at(1, month=2))
    changed(stretches[1], updated_at=at(12))
    return {"older": older, "newer": newer, "gated": gated, "draft": draft, "future": future}


def parsed(response):
    return ET.fromstring(response.content)  # noqa: S314 - the site's own output, in a test


def sitemap(client=None):
    response = (client or Client()).get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = parsed(response)
    assert root.tag == f"{{{SM['sm']}}}urlset"
    return {
        url.findtext("sm:loc", namespaces=SM): url.findtext("sm:lastmod", namespaces=SM)
        for url in root.findall("sm:url", SM)
    }


def feed(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = parsed(response)
    assert root.tag == f"{{{ATOM['a']}}}feed"
    return root


def entries(root):
    return root.findall("a:entry", ATOM)


def titles(root):
    return [entry.findtext("a:title", namespaces=ATOM) for entry in entries(root)]


# The sitemap


def test_the_sitemap_lists_every_public_page_with_when_it_last_changed(content):
    """Live articles (members-only ones too), topics, stretches and indexes, each with a lastmod;
    a draft edited later than all of them changes no date."""
    assert sitemap() == {
        f"{SITE}/": "2026-03-10",  # the newest of live articles and topics: the neck topic
        f"{SITE}/stretches/": "2026-03-10",
        f"{SITE}/stretches/topics/": "2026-03-10",
        f"{SITE}/stretches/library/": "2026-03-12",  # the newest stretch
        f"{SITE}/stretches/topics/hips/": "2026-03-04",  # its newest live article, the gated one
        f"{SITE}/stretches/topics/neck/": "2026-03-10",  # its own edit, later than its articles
        f"{SITE}/stretches/library/figure-four/": "2026-02-01",
        f"{SITE}/stretches/library/cat-cow/": "2026-03-12",
        f"{SITE}/stretches/neck-rolls/": "2026-03-06",
        f"{SITE}/stretches/members-hips/": "2026-03-04",
        f"{SITE}/stretches/hip-openers/": "2026-03-02",
    }


def test_the_sitemap_never_lists_drafts_or_future_articles(content):
    listed = " ".join(sitemap())
    assert "draft-thoughts" not in listed and "coming-soon" not in listed


def test_the_sitemap_lists_the_routines_a_signed_out_reader_can_read(db):
    public = RoutineFactory(slug="hip-sequence", steps=1)
    SectionFactory(article=ArticleFactory(), routine=public)
    gated = RoutineFactory(slug="gated-sequence", steps=1)
    SectionFactory(article=ArticleFactory(members_only=True), routine=gated)
    listed = sitemap()
    assert listed[f"{SITE}/stretches/routines/hip-sequence/"] == public.updated_at.date().isoformat()
    assert not [url for url in listed if "gated-sequence" in url or "/play/" in url]


def test_an_article_that_went_live_on_schedule_is_dated_when_it_did():
    """Edited before its date came: readers first saw it on its publication date."""
    article = ArticleFactory(slug="scheduled", published_at=at(9))
    changed(article, updated_at=at(1))
    assert sitemap()[f"{SITE}/stretches/scheduled/"] == "2026-03-09"


def test_sitemap_addresses_come_from_the_site_url_whatever_the_host(content):
    response = Client(HTTP_HOST=HOSTILE).get("/sitemap.xml")
    assert HOSTILE.encode() not in response.content
    assert all(loc.startswith(f"{SITE}/") for loc in sitemap(Client(HTTP_HOST=HOSTILE)))


def test_the_sitemap_is_a_cached_page_refreshed_by_publishing_and_unpublishing(content):
    draft = content["draft"]
    assert page("/sitemap.xml")["X-Page-Cache"] == "miss"
    assert page("/sitemap.xml")["X-Page-Cache"] == "hit"
    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now() - datetime.timedelta(hours=1)
    draft.save()
    assert f"{SITE}/stretches/draft-thoughts/" in sitemap()
    draft.status = Article.Status.DRAFT
    draft.save()
    assert f"{SITE}/stretches/draft-thoughts/" not in sitemap()


# robots.txt


def _disallowed(rules, path):
    """Whether a Disallow rule matches `path` as Google and Bing read them (`*`: any characters)."""
    return any(re.match(re.escape(rule).replace(r"\*", ".*"), path) for rule in rules)


def test_robots_txt_keeps_crawlers_out_of_private_and_action_pages(db):
    response = Client(HTTP_HOST=HOSTILE).get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    rules = [line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow: ")]
    for private in (
        "/accounts/login/",
        "/members/",
        "/admin/",
        "/search/?q=hips",
        "/comments/token/",
        "/comments/article/hip-stretches/",
        "/comments/article/hip-stretches/reply/7/",
        "/comments/7/edit/",
        "/comments/7/delete/",
        "/comments/7/report/",
        "/comments/confirm/abc:def/",
        "/comments/unsubscribe/abc:def/",
    ):
        assert _disallowed(rules, private), private
    for public in ("/", "/stretches/hip-stretches/", "/comments/7/", "/comments/thread/7/", "/sitemap.xml"):
        assert not _disallowed(rules, public), public
    assert HOSTILE not in response.content.decode()
    assert page("/robots.txt")["X-Page-Cache"] == "miss"  # the key names the host
    assert page("/robots.txt")["X-Page-Cache"] == "hit"


# Feeds


def test_the_feed_is_atom_with_the_latest_live_articles_newest_first(content):
    root = feed("/stretches/feed/")
    assert root.findtext("a:id", namespaces=ATOM) == f"{SITE}/stretches/feed/"
    assert root.findtext("a:title", namespaces=ATOM) == "Limber"
    assert root.findtext("a:updated", namespaces=ATOM) == "2026-03-06T09:00:00+00:00"
    assert root.find("a:link[@rel='self']", ATOM).get("href") == f"{SITE}/stretches/feed/"
    assert root.find("a:link[@rel='alternate']", ATOM).get("href") == f"{SITE}/stretches/"
    assert root.findtext("a:author/a:name", namespaces=ATOM) == "Limber"
    assert titles(root) == ["Neck rolls", "Members' hip routine", "Hip openers"]
    newest = entries(root)[0]
    assert newest.find("a:link", ATOM).get("href") == f"{SITE}/stretches/neck-rolls/"
    assert newest.findtext("a:id", namespaces=ATOM) == (
        f"tag:limber.example,{content['newer'].created_at:%Y-%m-%d}:/articles/{content['newer'].pk}"
    )
    assert newest.findtext("a:published", namespaces=ATOM) == "2026-03-05T09:00:00+00:00"
    assert newest.findtext("a:updated", namespaces=ATOM) == "2026-03-06T09:00:00+00:00"
    assert newest.findtext("a:author/a:name", namespaces=ATOM) == "Edna the editor"
    assert newest.find("a:category", ATOM).get("term") == "Neck care"
    assert newest.findtext("a:summary", namespaces=ATOM) == "A short, friendly summary of the article."
    assert entries(root)[2].find("a:author", ATOM) is None  # no author: the feed's stands


def test_an_entry_s_id_outlives_a_new_address(content):
    """Readers would show a renamed article as a new one if its id were its address."""
    before = entries(feed("/stretches/feed/"))[0].findtext("a:id", namespaces=ATOM)
    content["newer"].slug = "neck-rolls-for-desk-workers"
    content["newer"].save()
    after = entries(feed("/stretches/feed/"))[0]
    assert after.findtext("a:id", namespaces=ATOM) == before
    assert after.find("a:link", ATOM).get("href") == f"{SITE}/stretches/neck-rolls-for-desk-workers/"


def test_a_topic_feed_lists_only_that_topic_and_unknown_topics_are_404(content):
    root = feed("/stretches/topics/hips/feed/")
    assert titles(root) == ["Members' hip routine", "Hip openers"]
    assert root.findtext("a:title", namespaces=ATOM) == "Limber: Hip stretches"
    assert root.findtext("a:id", namespaces=ATOM) == f"{SITE}/stretches/topics/hips/feed/"
    assert root.find("a:link[@rel='self']", ATOM).get("href") == f"{SITE}/stretches/topics/hips/feed/"
    assert root.find("a:link[@rel='alternate']", ATOM).get("href") == f"{SITE}/stretches/topics/hips/"
    assert {entry.find("a:category", ATOM).get("term") for entry in entries(root)} == {"Hip stretches"}
    assert titles(feed("/stretches/topics/neck/feed/")) == ["Neck rolls"]
    assert Client().get("/stretches/topics/no-such-topic/feed/").status_code == 404


def test_feeds_never_carry_drafts_future_articles_or_members_only_text(content):
    for url in ("/stretches/feed/", "/stretches/topics/hips/feed/", "/stretches/topics/neck/feed/"):
        response = Client().get(url)
        assert b"Draft thoughts" not in response.content and b"Coming soon" not in response.content
        assert SECRET_WORD.encode() not in response.content
    gated = next(e for e in entries(feed("/stretches/feed/")) if "Members" in e.findtext("a:title", "", ATOM))
    assert gated.findtext("a:summary", namespaces=ATOM) == "A gentle routine for members, in ten minutes."
    assert SECRET_WORD.encode() not in Client().get("/sitemap.xml").content


def test_a_standfirst_is_summarised_as_text_not_markup(db):
    ArticleFactory(standfirst="Knees <b>and</b> hips & more")
    summary = entries(feed("/stretches/feed/"))[0].find("a:summary", ATOM)
    assert summary.get("type") == "html"
    assert summary.text == "Knees &lt;b&gt;and&lt;/b&gt; hips &amp; more"  # shown as typed


def test_feed_addresses_come_from_the_site_url_whatever_the_host(content):
    hostile = Client(HTTP_HOST=HOSTILE)
    for url in ("/stretches/feed/", "/stretches/topics/hips/feed/"):
        assert HOSTILE.encode() not in hostile.get(url).content
        root = feed(url, hostile)
        links = [link.get("href") for link in root.iter(f"{{{ATOM['a']}}}link")]
        assert links and all(href.startswith(f"{SITE}/") for href in links)
        ids = [element.text for element in root.iter(f"{{{ATOM['a']}}}id")]
        assert all(i.startswith((f"{SITE}/", "tag:limber.example,")) for i in ids)


def test_the_feeds_are_cached_pages_refreshed_by_publishing_and_unpublishing(content):
    draft = content["draft"]
    for url in ("/stretches/feed/", "/stretches/topics/hips/feed/"):
        assert page(url)["X-Page-Cache"] == "miss"
        assert page(url)["X-Page-Cache"] == "hit"
    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now() - datetime.timedelta(hours=1)
    draft.save()
    for url in ("/stretches/feed/", "/stretches/topics/hips/feed/"):
        assert titles(feed(url))[0] == "Draft thoughts"
    draft.status = Article.Status.DRAFT
    draft.save()
    for url in ("/stretches/feed/", "/stretches/topics/hips/feed/"):
        assert "Draft thoughts" not in titles(feed(url))


def test_feeds_list_at_most_twenty_entries(db):
    topic = TopicFactory()
    ArticleFactory.create_batch(21, topic=topic)
    assert len(entries(feed("/stretches/feed/"))) == 20
    assert len(entries(feed(f"/stretches/topics/{topic.slug}/feed/"))) == 20


# Queries


@pytest.mark.parametrize("count", [2, 10])
def test_sitemap_and_feed_queries_do_not_grow_with_the_content(count, settings, django_assert_num_queries):
    """One query per sitemap section (three for the indexes' dates), one per feed: no N+1."""
    settings.LIMBER = {**settings.LIMBER, "PAGE_CACHE": False}  # every request renders
    topic = TopicFactory(slug="hips")
    for number in range(count):
        author = UserFactory(display_name=f"Author {number}", is_staff=True)
        ArticleFactory(topic=topic if number % 2 else TopicFactory(), author=author)
        StretchFactory(image="")
    topics = Topic.objects.count()
    assert topics == 1 + (count + 1) // 2 and Stretch.objects.count() == count
    with django_assert_num_queries(8):
        assert len(sitemap()) == 4 + topics + count + count
    with django_assert_num_queries(1):
        assert len(entries(feed("/stretches/feed/"))) == count
    with django_assert_num_queries(2):
        assert len(entries(feed("/stretches/topics/hips/feed/"))) == count // 2
