"""The pages a reader sees: home, lists, articles, stretches, and the error pages."""

import re
from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import (
    ArticleFactory,
    CallToActionFactory,
    CommentFactory,
    RoutineFactory,
    SectionFactory,
    TopicFactory,
)
from tests.helpers import uploaded_png

pytestmark = pytest.mark.django_db


@pytest.fixture
def hip_article():
    topic = TopicFactory(name="Hip stretches", slug="hip-stretches")
    CallToActionFactory(headline="Back pain with no clear cause?", is_default=True)
    routine = RoutineFactory(name="Hip floor sequence", steps=4)
    article = ArticleFactory(
        title="Hip stretches for hip and lower back pain", slug="hip-stretches", topic=topic, featured=True
    )
    SectionFactory(article=article, order=1, heading="Why hips matter", body="Your hips carry you.")
    SectionFactory(article=article, order=2, heading="The 4-part sequence", routine=routine)
    related = ArticleFactory(title="Piriformis release", topic=topic)
    article.related.add(related, ArticleFactory(title="Hidden draft", draft=True))
    return article


def test_home_shows_featured_latest_topics_and_the_default_cta(client, hip_article):
    response = client.get("/")
    assertContains(response, '<h1 id="home-title">Stretch well, move easier</h1>', html=True)
    assertContains(response, "Featured")
    assertContains(response, hip_article.title, count=1)  # featured, and not again in latest
    assertContains(response, "Piriformis release")
    assertContains(response, 'href="/stretches/topics/hip-stretches/"')
    assertContains(response, "Back pain with no clear cause?")


def test_main_page_lists_every_topic_with_its_public_articles(client, hip_article):
    TopicFactory(name="Lower back")
    response = client.get(reverse("stretches:index"))
    assertContains(response, "Hip stretches")
    assertContains(response, "Lower back")
    assertContains(response, "No articles here yet.")
    assertContains(response, hip_article.title)
    assertNotContains(response, "Hidden draft")


def test_topic_page_lists_its_articles_only(client, hip_article):
    ArticleFactory(title="Neck rolls")  # another topic
    response = client.get(hip_article.topic.get_absolute_url())
    assertContains(response, "<h1>Hip stretches</h1>", html=True)
    assertContains(response, hip_article.title)
    assertNotContains(response, "Neck rolls")
    assertContains(response, '<a href="/stretches/">Stretching exercises</a>', html=True)


def test_article_page_has_every_part_a_reader_expects(client, hip_article):
    response = client.get(hip_article.get_absolute_url())
    html = response.content.decode()
    # breadcrumbs: Home › Stretching exercises › Topic › Article
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert [t.strip() for t in re.findall(r">([^<>]+)</(?:a|span)>", crumbs)] == [
        "Home",
        "Stretching exercises",
        "Hip stretches",
        hip_article.title,
    ]
    assertContains(response, f'<h1 id="article-title">{hip_article.title}</h1>', html=True)
    assertContains(response, hip_article.standfirst)
    # table of contents linking to every section (two sections: too short for a way back to it)
    assertContains(response, '<a href="#why-hips-matter">Why hips matter</a>', html=True)
    assertContains(response, '<a href="#the-4-part-sequence">The 4-part sequence</a>', html=True)
    assertContains(response, 'id="why-hips-matter"')
    assertNotContains(response, 'class="back-to-top"')
    # the routine: total time, numbered step cards with stretch links
    assertContains(response, "4-part sequence, about 5 min")
    assertContains(response, "Step 4")
    assertContains(response, "10 × 2&nbsp;s hold, each side")
    first_stretch = hip_article.sections.last().routine.steps.first().stretch
    assertContains(response, f'href="{first_stretch.get_absolute_url()}"')
    # call to action, navigation links, recommend, related (public only), dates
    assertContains(response, "Back pain with no clear cause?")
    assertContains(response, "Return to stretching exercises main page")
    assertContains(response, "Go to home page")
    assertContains(response, "Recommend this page")
    assertContains(response, "Piriformis release")
    assertNotContains(response, "Hidden draft")
    assertContains(response, "Published <time")
    assertContains(response, f'<meta name="description" content="{hip_article.standfirst}">', html=True)


def test_a_long_article_has_one_way_back_to_its_contents_after_each_section(client, hip_article):
    """One kind of "back to top": a link after each section of a long page, to the contents."""
    SectionFactory(article=hip_article, order=3, heading="When to stop", body="If it hurts, stop.")
    response = client.get(hip_article.get_absolute_url())
    assertContains(response, '<nav class="toc" id="contents" tabindex="-1" aria-labelledby="contents-title">')
    link = '<p class="back-to-top"><a href="#contents">Back to contents</a></p>'
    assertContains(response, link, count=3, html=True)
    assertNotContains(response, 'href="#top"')  # neither "Return to top of…" nor the footer's
    assertNotContains(response, "Return to top of")


def test_article_can_choose_another_cta_or_none(client, hip_article):
    other = CallToActionFactory(headline="Try the desk routine")
    hip_article.call_to_action = other
    hip_article.save()
    assertContains(client.get(hip_article.get_absolute_url()), "Try the desk routine")
    hip_article.hide_call_to_action = True
    hip_article.save()
    response = client.get(hip_article.get_absolute_url())
    assertNotContains(response, "Try the desk routine")
    assertNotContains(response, 'class="cta"')


def test_section_anchors_never_collide_with_the_pages_own_ids(client):
    CallToActionFactory(is_default=True)
    article = ArticleFactory()
    for heading in [
        "Article title",
        "Contents title",
        "Member box",
        "Why",
        "Why title",
        "Routine why",
        "Top",
    ]:
        SectionFactory(article=article, heading=heading, routine=RoutineFactory(steps=1))
    html = client.get(article.get_absolute_url()).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    for href in re.findall(r'<a href="#([^"]+)"', html):
        assert ids[href] == 1, href  # every contents link lands on exactly one element


def test_video_is_a_click_to_load_placeholder_with_no_third_party_request(client):
    section = SectionFactory(video_provider="youtube", video_id="abcdefghijk", video_title="Hip circles")
    response = client.get(section.article.get_absolute_url())
    assertContains(response, "Play video: Hip circles")
    assertContains(response, 'data-video-src="https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1"')
    assertNotContains(response, "<iframe")


@pytest.mark.parametrize("kind", ["draft", "future"])
def test_unpublished_articles_are_404_to_the_public_and_previewable_by_editors(client, editor, kind):
    article = ArticleFactory(**{kind: True})
    assert client.get(article.get_absolute_url()).status_code == 404
    staff = Client()
    staff.force_login(editor)
    response = staff.get(article.get_absolute_url())
    assertContains(response, "Preview.")
    assertContains(response, article.title)


def test_unpublished_articles_do_not_appear_in_any_list(client):
    topic = TopicFactory()
    ArticleFactory(title="Secret draft", topic=topic, draft=True, featured=True)
    ArticleFactory(title="Secret future", topic=topic, future=True, featured=True)
    for url in ["/", reverse("stretches:index"), topic.get_absolute_url()]:
        response = client.get(url)
        assertNotContains(response, "Secret draft")
        assertNotContains(response, "Secret future")


def test_stretch_page_shows_how_to_and_where_it_is_used(client, hip_article):
    stretch = hip_article.sections.last().routine.steps.first().stretch
    response = client.get(stretch.get_absolute_url())
    assertContains(response, f'<h1 id="stretch-title">{stretch.name}</h1>', html=True)
    assertContains(response, "<li>Draw one knee up.</li>", html=True)
    assertContains(response, "Hip floor sequence")
    assertContains(response, hip_article.title)
    assertContains(response, f'alt="{stretch.image_alt}"')


def test_stretch_page_links_each_routine_that_uses_it_to_the_routines_page(client, hip_article):
    """Every routine listed can be opened: the stretch page lists those its reader may read."""
    routine = hip_article.sections.last().routine
    hidden = RoutineFactory(name="Draft-only routine", steps=0)
    hidden.steps.create(order=1, stretch=routine.steps.first().stretch)
    SectionFactory(article=ArticleFactory(draft=True), routine=hidden)
    response = client.get(routine.steps.first().stretch.get_absolute_url())
    assertContains(response, f'<a href="{routine.get_absolute_url()}">{routine.name}</a>', html=True)
    assert client.get(routine.get_absolute_url()).status_code == 200
    assertNotContains(response, "Draft-only routine")
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_stretch_page_hides_draft_articles(client):
    """A stretch's page lists the published articles that use it, never a draft."""
    routine = RoutineFactory(steps=1)
    SectionFactory(article=ArticleFactory(title="Draft using it", draft=True), routine=routine)
    SectionFactory(article=ArticleFactory(title="Published using it"), routine=routine)
    response = client.get(routine.steps.first().stretch.get_absolute_url())
    assertContains(response, "Published using it", status_code=200)
    assertNotContains(response, "Draft using it")


@pytest.mark.parametrize(
    "url", ["/stretches/nope/", "/stretches/topics/nope/", "/stretches/library/nope/", "/x"]
)
def test_missing_pages_get_the_sites_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assertContains(response, "We couldn't find that page", status_code=404)
    assertContains(response, "Skip to main content", status_code=404)


def test_server_errors_get_the_sites_500_page():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert "/static/css/site.css" in html


def test_a_real_server_error_gets_the_sites_500_page(settings):
    settings.ROOT_URLCONF = "tests.urls_error"
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assertContains(response, "Something went wrong on our side", status_code=500)
    assertContains(response, "Skip to main content", status_code=500)


def test_every_image_has_alt_text_and_dimensions(client, hip_article):
    html = client.get(hip_article.get_absolute_url()).content.decode()
    images = re.findall(r"<img [^>]*>", html)
    assert images
    for tag in images:
        assert re.search(r'alt="[^"]*"', tag), tag
        assert re.search(r'width="\d+" height="\d+"', tag), tag


def _third_party(address):
    return address.startswith(("http://", "https://", "//")) and not address.startswith("http://testserver")


def test_pages_use_no_third_party_assets(client, hip_article):
    """Every address a page or the site's CSS loads from (src, href, srcset, CSS url()) is ours."""
    hip_article.hero_image = uploaded_png("hero.png")  # a picture, so that srcset is on the page
    hip_article.save()
    response = client.get(hip_article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        addresses += [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]
    assert any("hero" in address for address in addresses)  # the picture's files were read
    sheets = [address for address in addresses if address.endswith(".css")]
    assert sheets  # and the site's style sheets, whose url()s are checked too
    for sheet in sheets:
        css = client.get(sheet)
        assert css.status_code == 200, sheet
        text = b"".join(css.streaming_content if css.streaming else [css.content]).decode()
        addresses += [url.strip("'\" ") for url in re.findall(r"url\(([^)]*)\)", text)]
        addresses += re.findall(r"@import\s+['\"]([^'\"]+)", text)
    assert [address for address in addresses if _third_party(address)] == []


def test_favicon_ico_points_at_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/svg+xml"
    icon.close()


def test_every_time_on_a_page_has_a_valid_html_datetime(site):
    """Moments to the second with an offset (HTML allows no microseconds), or plain dates (the next
    review), on the article and its comments."""
    CommentFactory(article=site["article"])
    html = Client().get(site["article"].get_absolute_url()).content.decode()
    stamps = re.findall(r'<time datetime="([^"]*)"', html)
    assert len(stamps) >= 2
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?", stamp), stamp
