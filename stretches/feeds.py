"""Atom feeds: the latest live articles, site-wide and per topic.

Every address is built from `LIMBER["SITE_URL"]`, never from the request's Host header. An entry's
summary is the article's standfirst, which every reader may see; a feed never carries an
article's sections, so members-only text stays behind the login.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from pagecache.cache import shared_page
from web.sharing import SITE_NAME
from web.sharing import absolute as _absolute

from .models import Article, Topic

ENTRIES = 20


def _newest(articles):
    """The newest entries, with what each shows (its topic and author), in one query."""
    return articles.select_related("topic", "author").order_by("-published_at", "-id")[:ENTRIES]


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    title = SITE_NAME
    subtitle = "The latest stretching and back-care articles from Limber."
    # Atom wants an author for every entry: the site's, where an article names none.
    author_name = SITE_NAME

    def link(self):
        return _absolute(reverse("stretches:index"))

    def feed_url(self):
        return _absolute(reverse("stretches:feed"))

    def feed_guid(self):
        return self.feed_url()

    def items(self):
        return _newest(Article.objects.live())

    def item_title(self, article):
        return article.title  # Atom titles are text: the feed writer escapes them

    def item_description(self, article):
        # Atom's summary is HTML (type="html"); the standfirst is plain text.
        return escape(article.standfirst)

    def item_link(self, article):
        return _absolute(article.get_absolute_url())

    def item_guid(self, article):
        """An id that outlives a new slug or address: a tag URI (RFC 4151) on the article's row."""
        host = urlsplit(settings.LIMBER["SITE_URL"]).hostname
        return f"tag:{host},{article.created_at:%Y-%m-%d}:/articles/{article.pk}"

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.last_changed

    def item_author_name(self, article):
        return article.author.public_name if article.author else None

    def item_categories(self, article):
        return [article.topic.name]


class TopicFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return f"{SITE_NAME}: {topic.name}"

    def subtitle(self, topic):
        return topic.intro or f"The latest {SITE_NAME} articles on {topic.name}."

    def link(self, topic):
        return _absolute(topic.get_absolute_url())

    def feed_url(self, topic):
        return _absolute(reverse("stretches:topic_feed", args=[topic.slug]))

    def feed_guid(self, topic):
        return self.feed_url(topic)

    def items(self, topic):
        return _newest(Article.objects.live().filter(topic=topic))


_latest_articles = LatestArticlesFeed()
_topic_articles = TopicFeed()


@shared_page
def latest_feed(request):
    return _latest_articles(request)


@shared_page
def topic_feed(request, slug):
    return _topic_articles(request, slug=slug)
