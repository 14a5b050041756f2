"""Every list and detail page loads what it shows in a fixed number of queries."""

import pytest
from django.urls import reverse

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
def test_article_page_queries_do_not_grow_with_sections_or_steps(
    client, django_assert_num_queries, sections, steps
):
    """article+topic+author+cta, sections+routines, steps+stretches, related, default cta, comments."""
    article = build_article(sections, steps)
    with django_assert_num_queries(6):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="step-card"') == 2 * steps


@pytest.mark.parametrize("count", [1, 12])
def test_home_queries_are_fixed(client, django_assert_num_queries, count):
    CallToActionFactory(is_default=True)
    ArticleFactory.create_batch(count, featured=True)
    with django_assert_num_queries(4):  # featured, latest, topics, default cta
        client.get("/")


@pytest.mark.parametrize("count", [1, 12])
def test_main_page_queries_are_fixed(client, django_assert_num_queries, count):
    for _ in range(count):
        ArticleFactory(topic=TopicFactory())
    with django_assert_num_queries(2):  # topics, their public articles
        client.get(reverse("stretches:index"))


@pytest.mark.parametrize("count", [1, 12])
def test_topic_page_queries_are_fixed(client, django_assert_num_queries, count):
    topic = TopicFactory()
    ArticleFactory.create_batch(count, topic=topic)
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
    with django_assert_num_queries(4):  # stretch, routines, their steps, articles
        response = client.get(stretch.get_absolute_url())
    assert response.content.decode().count("-part sequence") == count + 1
