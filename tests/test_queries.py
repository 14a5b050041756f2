"""Every list and detail page loads what it shows in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pagecache.versions import read as versions
from tests.factories import (
    ArticleFactory,
    CallToActionFactory,
    RoutineFactory,
    SectionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def build_article(sections, steps):
    """An article with `sections` sections; two of them carry a routine of `steps` steps."""
    CallToActionFactory(is_default=True)
    article = ArticleFactory(sections=sections)
    for section in article.sections.all()[:2]:
        section.routine = RoutineFactory(steps=steps)
        section.save()
    article.related.add(*ArticleFactory.create_batch(3, topic=article.topic))
    return article


@pytest.mark.parametrize(("sections", "steps"), [(2, 2), (20, 2), (2, 20), (20, 20)])
def test_article_page_queries_do_not_grow_with_sections_or_steps(client, settings, sections, steps):
    """Cold: article, thread count, threads, sections+routines, steps+stretches, their muscles,
    sources, related, default CTA. Fragments warm (page cache off): none, the article itself is
    kept per content version. Page cached: none."""
    article = build_article(sections, steps)
    versions()  # the one look-up after content changes (next scheduled publication)
    url = article.get_absolute_url()
    settings.LIMBER = {**settings.LIMBER, "PAGE_CACHE": False}
    counts = []  # read each count at once: the next request clears the query log
    with CaptureQueriesContext(connection) as cold:
        response = client.get(url)
    counts.append(len(cold))
    assert response.content.decode().count('class="step-card"') == 2 * steps
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).content == response.content
    counts.append(len(warm))
    settings.LIMBER = {**settings.LIMBER, "PAGE_CACHE": True}
    client.get(url)  # stores the page
    with CaptureQueriesContext(connection) as cached:
        assert client.get(url).content == response.content
    counts.append(len(cached))
    assert counts == [9, 0, 0]


@pytest.mark.parametrize("count", [1, 12])
def test_home_queries_are_fixed(client, django_assert_num_queries, count):
    CallToActionFactory(is_default=True)
    ArticleFactory.create_batch(count, featured=True)
    versions()
    with django_assert_num_queries(4):  # featured, latest, topics, default cta
        client.get("/")


@pytest.mark.parametrize("count", [1, 12])
def test_main_page_queries_are_fixed(client, django_assert_num_queries, count):
    for _ in range(count):
        ArticleFactory(topic=TopicFactory())
    versions()
    with django_assert_num_queries(2):  # topics, their public articles
        client.get(reverse("stretches:index"))


@pytest.mark.parametrize("count", [1, 12])
def test_topic_page_queries_are_fixed(client, django_assert_num_queries, count):
    topic = TopicFactory()
    ArticleFactory.create_batch(count, topic=topic)
    versions()
    with django_assert_num_queries(2):  # topic, its articles
        client.get(topic.get_absolute_url())


@pytest.mark.parametrize("count", [1, 8])
def test_stretch_page_queries_are_fixed(client, django_assert_num_queries, count):
    routine = RoutineFactory(steps=3)
    SectionFactory(routine=routine)  # stretch pages list routines that appear in a public article
    stretch = routine.steps.first().stretch
    for _ in range(count):
        other = RoutineFactory(steps=2)
        other.steps.create(stretch=stretch, order=9)
        SectionFactory(routine=other)
    versions()
    with django_assert_num_queries(5):  # stretch, its muscles, routines, their steps, articles
        response = client.get(stretch.get_absolute_url())
    assert response.content.decode().count("-part sequence") == count + 1
