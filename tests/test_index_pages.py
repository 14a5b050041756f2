"""The index pages readers browse from: every topic, and the stretch library with its filters."""

import re

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import ArticleFactory, StretchFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hip_article():
    return ArticleFactory(
        title="Hip stretches", slug="hip-stretches", topic=TopicFactory(name="Hip stretches", slug="hips")
    )


def test_topics_index_lists_every_topic_with_its_live_articles_counted(client, hip_article):
    ArticleFactory(topic=hip_article.topic, draft=True)
    ArticleFactory(topic=hip_article.topic, future=True)
    TopicFactory(name="Neck and shoulders", intro="")
    response = client.get("/stretches/topics/")
    assertContains(response, "<h1>Topics</h1>", html=True)
    assertContains(
        response, '<a href="/stretches/topics/hips/"><strong>Hip stretches</strong></a>', html=True
    )
    assertContains(response, "1 article<")
    assertContains(response, "Neck and shoulders")
    assertContains(response, "No articles yet")


def test_library_lists_every_stretch_and_filters_by_position_and_muscle(client):
    StretchFactory(name="Chair twist", position="chair", muscles="Obliques, lower back")
    StretchFactory(name="Figure four", position="floor", muscles="Piriformis, gluteals")
    StretchFactory(name="Standing quad", position="standing", muscles="Quadriceps")
    everything = client.get("/stretches/library/")
    for name in ("Chair twist", "Figure four", "Standing quad"):
        assertContains(everything, name)
    assertContains(everything, "3 stretches")
    assertContains(everything, '<option value="lower-back">Lower back</option>', html=True)

    chair = client.get("/stretches/library/?position=chair")
    assertContains(chair, "Chair twist")
    assertNotContains(chair, "Figure four")
    assertContains(chair, "1 of 3 stretches")
    assertContains(chair, '<option value="chair" selected>Sitting in a chair</option>', html=True)

    piriformis = client.get("/stretches/library/?muscle=piriformis")
    assertContains(piriformis, "Figure four")
    assertNotContains(piriformis, "Chair twist")

    neither = client.get("/stretches/library/?position=chair&muscle=quadriceps")
    assertContains(neither, "No stretch matches that choice.")


@pytest.mark.parametrize(
    "query", ["position=ceiling", "muscle=%00", "muscle=" + "x" * 5000, "position=&muscle="]
)
def test_library_filters_that_mean_nothing_show_the_whole_library_and_are_not_kept(client, query):
    StretchFactory(name="Figure four")
    response = client.get(f"/stretches/library/?{query}")
    assert response.status_code == 200
    assertContains(response, "Figure four")
    assertContains(response, "1 stretch<")
    assert len(caches["pages"]._cache) == 0  # rendered, never stored: only the site's own links are


def test_index_pages_are_linked_from_the_navigation(client, hip_article):
    response = client.get("/")
    nav = re.search(r'<nav class="site-nav".*?</nav>', response.content.decode(), re.S).group(0)
    assert 'href="/stretches/topics/"' in nav and 'href="/stretches/library/"' in nav


@pytest.mark.parametrize("count", [2, 12])
def test_index_pages_cost_the_same_queries_however_much_they_list(django_assert_num_queries, count):
    for _ in range(count):
        ArticleFactory(topic=TopicFactory())
        StretchFactory()
    # The topics with their counts; the stretches, then the muscles they work.
    for url, queries in (("/stretches/topics/", 1), ("/stretches/library/", 2)):
        with django_assert_num_queries(queries):
            assert Client().get(url).status_code == 200


@pytest.mark.parametrize("slug", ["feed", "topics", "library", "routines"])
def test_an_article_cannot_take_the_address_of_another_page(slug):
    article = ArticleFactory.build(slug=slug, topic=TopicFactory())
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "is the address of another page" in str(error.value.message_dict["slug"])
