"""What search engines and link previews read: structured data, canonical and sharing tags,
noindex; and the two index pages (topics, stretch library) readers browse from."""

import json
import re

import factory
import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import (
    ArticleFactory,
    RoutineFactory,
    SectionFactory,
    TopicFactory,
    UserFactory,
)
from tests.helpers import PUBLIC_SITE, member_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_site")]
SITE = PUBLIC_SITE


@pytest.fixture
def hip_article(db):
    topic = TopicFactory(name="Hip stretches", slug="hips", intro="Stretches for stiff hips.")
    routine = RoutineFactory(name="Hip floor sequence", steps=4, description="Four moves on the floor.")
    step = routine.steps.last()
    step.rest_seconds, step.hold_seconds, step.sides = 15, 5, "one"
    step.save()
    author = UserFactory(is_staff=True, first_name="Edie", username="edie")
    article = ArticleFactory(
        title="Hip stretches for hip and lower back pain",
        slug="hip-stretches",
        topic=topic,
        author=author,
        hero_image=factory.django.ImageField(width=1440, height=960, color="teal", format="JPEG"),
        hero_alt="Someone stretching on a mat.",
    )
    SectionFactory(article=article, order=1, heading="Why hips matter", body="Your **hips** carry you.")
    SectionFactory(article=article, order=2, heading="The 4-part sequence", routine=routine)
    SectionFactory(article=article, order=3, heading="At your desk", routine=RoutineFactory(steps=2))
    return article


def json_ld(response):
    """The page's structured data: there is exactly one block."""
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(blocks) == 1, f"{len(blocks)} JSON-LD blocks"
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def of_type(graph, kind):
    return [node for node in graph if node["@type"] == kind]


def seconds(duration):
    """An ISO 8601 duration of hours, minutes and seconds, read back."""
    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?", duration)
    assert match and duration != "PT", duration
    hours, minutes, secs = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + secs


def visible_crumbs(response):
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', response.content.decode(), re.S).group(0)
    return [name.strip() for name in re.findall(r">([^<>]+)</(?:a|span)>", nav)]


def test_article_structured_data_describes_the_article_its_routines_and_breadcrumbs(client, hip_article):
    response = client.get("/stretches/hip-stretches/")
    graph = json_ld(response)

    [article] = of_type(graph, "Article")
    assert article["headline"] == hip_article.title
    assert article["description"] == hip_article.standfirst
    assert article["image"]["url"] == SITE + hip_article.hero_image.url  # the upload, largest of all
    assert (article["image"]["width"], article["image"]["height"]) == (1440, 960)
    assert article["datePublished"].startswith(hip_article.published_at.date().isoformat())
    assert "dateModified" in article
    assert article["author"] == {"@type": "Person", "name": "Edie"}
    assert article["publisher"]["name"] == "Limber"
    assert article["publisher"]["logo"]["url"].startswith(SITE + "/static/img/logo")
    assert article["isAccessibleForFree"] is True

    howtos = of_type(graph, "HowTo")
    routines = [section.routine for section in hip_article.sections.all() if section.routine]
    assert [h["name"] for h in howtos] == [r.name for r in routines]
    for howto, routine in zip(howtos, routines, strict=True):
        assert seconds(howto["totalTime"]) == routine.total_seconds()
        assert len(howto["step"]) == routine.steps.count()
    first = howtos[0]
    assert first["description"] == "Four moves on the floor."
    step = first["step"][0]
    assert step["@type"] == "HowToStep"
    assert step["text"].startswith("10 repetitions, hold each for 2 seconds, on each side.")
    assert step["image"].startswith(SITE + "/media/")
    # each step's link lands on its card on the page
    anchor = step["url"].split("#")[1]
    assert step["url"] == f"{SITE}/stretches/hip-stretches/#{anchor}"
    assertContains(response, f'id="{anchor}"')
    last = first["step"][-1]
    assert last["text"].startswith("10 repetitions, hold each for 5 seconds. Rest 15 seconds afterwards.")

    [crumbs] = of_type(graph, "BreadcrumbList")
    names = [item["name"] for item in crumbs["itemListElement"]]
    assert (
        names
        == visible_crumbs(response)
        == ["Home", "Stretching exercises", "Hip stretches", hip_article.title]
    )
    assert crumbs["itemListElement"][2]["item"] == SITE + "/stretches/topics/hips/"
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3, 4]


def test_a_routines_total_time_is_the_one_the_page_rounds(client, hip_article):
    routine = hip_article.sections.get(order=2).routine
    response = client.get("/stretches/hip-stretches/")
    [howto, _] = of_type(json_ld(response), "HowTo")
    assert seconds(howto["totalTime"]) == routine.total_seconds()
    assertContains(response, routine.summary())


def test_members_only_article_exposes_its_teaser_only(hip_article):
    hip_article.members_only = True
    hip_article.save()
    # What a routine's HowTo would carry: its stretches' instructions.
    stretch = hip_article.sections.get(order=2).routine.steps.first().stretch
    stretch.instructions = "Zanzibarian secret technique."
    stretch.save()
    for reader in (Client(), member_client()):
        response = reader.get("/stretches/hip-stretches/")
        graph = json_ld(response)
        [article] = of_type(graph, "Article")
        assert article["isAccessibleForFree"] is False
        assert article["hasPart"] == {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": ".members-only",
        }
        assert of_type(graph, "HowTo") == []
        assert "Zanzibarian" not in json.dumps(graph)
        if reader.cookies:  # the member reads it all, inside the marked part
            assertContains(response, '<div class="members-only">')
            assertContains(response, "Zanzibarian")
    assertContains(Client().get("/stretches/hip-stretches/"), 'class="members-invite members-only"')


def test_structured_data_cannot_be_broken_out_of(client, hip_article):
    hip_article.title = "</script><script>alert(1)</script> <!-- & more"
    hip_article.save()
    response = client.get("/stretches/hip-stretches/")
    html = response.content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block
    [article] = of_type(json_ld(response), "Article")
    assert article["headline"] == hip_article.title


def test_topic_and_stretch_pages_have_breadcrumb_lists_matching_what_they_show(client, hip_article):
    stretch = hip_article.sections.get(order=2).routine.steps.first().stretch
    for url, last in (
        ("/stretches/topics/hips/", "Hip stretches"),
        (stretch.get_absolute_url(), stretch.name),
    ):
        response = client.get(url)
        [crumbs] = of_type(json_ld(response), "BreadcrumbList")
        assert [item["name"] for item in crumbs["itemListElement"]] == visible_crumbs(response)
        assert visible_crumbs(response)[-1] == last
    assert visible_crumbs(client.get("/stretches/topics/hips/"))[2] == "Topics"
    assert visible_crumbs(client.get(stretch.get_absolute_url()))[2] == "Stretch library"


def public_pages(article):
    stretch = article.sections.get(order=2).routine.steps.first().stretch
    return [
        "/",
        "/stretches/",
        "/stretches/topics/",
        "/stretches/library/",
        "/stretches/library/?position=floor",
        article.topic.get_absolute_url(),
        article.get_absolute_url(),
        stretch.get_absolute_url(),
    ]


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match and match.group(1)


def test_every_public_page_names_its_own_address_on_the_public_site_and_can_be_shared(hip_article):
    # A reader arriving under another host name still gets the site's own addresses.
    reader = Client(HTTP_HOST="127.0.0.1")
    for url in public_pages(hip_article):
        html = reader.get(url).content.decode()
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
        assert canonical == SITE + url, url
        assert meta(html, "property", "og:url") == canonical
        for tag in ("og:title", "og:description", "og:type", "og:image", "og:site_name"):
            assert meta(html, "property", tag), (url, tag)
        assert meta(html, "property", "og:image").startswith(SITE + "/")
        assert int(meta(html, "property", "og:image:width")) > 0
        assert int(meta(html, "property", "og:image:height")) > 0
        assert meta(html, "name", "twitter:card") == "summary_large_image"
        description = meta(html, "name", "description")
        assert 20 < len(description) <= 160, (url, description)
        assert 'name="robots"' not in html, url


def test_each_page_kind_has_a_description_of_its_own(hip_article):
    descriptions = {
        meta(Client().get(url).content.decode(), "name", "description") for url in public_pages(hip_article)
    }
    # the library filtered and unfiltered share one; every other page has its own
    assert len(descriptions) == len(public_pages(hip_article)) - 1


def test_an_article_is_shared_with_its_own_picture_and_a_long_standfirst_is_cut(client, hip_article):
    hip_article.standfirst = "Gentle stretches " * 20
    hip_article.save()
    html = client.get("/stretches/hip-stretches/").content.decode()
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:image") == SITE + hip_article.hero_image.url
    assert meta(html, "property", "og:image:alt") == "Someone stretching on a mat."
    assert len(meta(html, "name", "description")) <= 160
    assert meta(html, "name", "description").endswith("…")


def test_paginated_and_filtered_pages_name_the_query_they_were_built_from(client, hip_article):
    html = client.get("/stretches/library/?muscle=piriformis&utm_source=x").content.decode()
    assert (
        re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
        == f"{SITE}/stretches/library/?muscle=piriformis"
    )


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_account_pages_are_kept_out_of_search_engines(client, url):
    assertContains(client.get(url), '<meta name="robots" content="noindex">', html=True)


def test_member_pages_and_previews_are_kept_out_of_search_engines(editor_client, hip_article):
    draft = ArticleFactory(draft=True, slug="coming-soon")
    assertContains(
        editor_client.get(draft.get_absolute_url()), '<meta name="robots" content="noindex">', html=True
    )
    assertNotContains(editor_client.get(hip_article.get_absolute_url()), 'name="robots"')
    ada = member_client()
    for url in ("/members/", "/members/profile/"):
        assertContains(ada.get(url), '<meta name="robots" content="noindex">', html=True)


def test_home_describes_the_site_its_publisher_and_how_to_search_it(client, hip_article):
    graph = json_ld(client.get("/"))
    [site] = of_type(graph, "WebSite")
    assert site["url"] == SITE + "/"
    target = site["potentialAction"]["target"]["urlTemplate"]
    assert target == SITE + "/search/?q={search_term_string}"
    [publisher] = of_type(graph, "Organization")
    assert publisher["logo"]["width"] == 512


def test_the_header_has_a_search_box_on_every_page(client, hip_article):
    for url in ("/", hip_article.get_absolute_url(), "/accounts/login/"):
        assertContains(
            client.get(url),
            '<input type="search" id="site-search-q" name="q" maxlength="200"'
            ' placeholder="Search stretches and articles">',
            html=True,
        )
