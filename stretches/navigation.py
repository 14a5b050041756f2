"""Where a page sits in the site: its breadcrumbs, as data that the visible trail and the
structured data for search engines are both built from, so the two always agree."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str


def trail(*crumbs):
    """Home › Stretching exercises › `crumbs`…; the last crumb is the page itself."""
    return [
        Crumb("Home", reverse("home")),
        Crumb("Stretching exercises", reverse("stretches:index")),
        *crumbs,
    ]


def topics():
    return Crumb("Topics", reverse("stretches:topics"))


def library():
    return Crumb("Stretch library", reverse("stretches:library"))


def of_topic(topic):
    return trail(topics(), Crumb(topic.name, topic.get_absolute_url()))


def of_article(article):
    return trail(
        Crumb(article.topic.name, article.topic.get_absolute_url()),
        Crumb(article.title, article.get_absolute_url()),
    )


def within_article(article, name, url):
    """A page of an article's own (its comment form, a thread's replies)."""
    return [*of_article(article), Crumb(name, url)]


def of_author(profile):
    return [Crumb("Home", reverse("home")), Crumb(profile.name, profile.get_absolute_url())]


def of_stretch(stretch):
    return trail(library(), Crumb(stretch.name, stretch.get_absolute_url()))
