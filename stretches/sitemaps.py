"""/sitemap.xml: every public page, with when it last changed, on the site's public address.

Addresses come from `LIMBER["SITE_URL"]`, never from the Host header a request happened to send.
Only what readers may open is listed: live articles (members-only ones too: their page is public,
only its text is gated), topics, stretches and the index pages; never a draft or an article whose
date has not come. Each sitemap is one query, however many rows it lists.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, Q
from django.db.models.functions import Greatest
from django.urls import reverse

from pagecache.cache import shared_page

from .models import Article, AuthorProfile, Routine, Stretch, Topic

# Article.last_changed, in SQL.
ARTICLE_CHANGED = Greatest("updated_at", "published_at")


def _latest(*moments):
    return max((moment for moment in moments if moment is not None), default=None)


class PublicSitemap(Sitemap):
    """Addresses on the site's public address, whatever the request's scheme and host."""

    def get_protocol(self, protocol=None):
        return settings.LIMBER["SITE_URL"].partition("://")[0]

    def get_domain(self, site=None):
        # Everything after the scheme, so a site served under a path keeps it.
        return settings.LIMBER["SITE_URL"].partition("://")[2]


class ArticleSitemap(PublicSitemap):
    def items(self):
        live = Article.objects.live().annotate(changed_at=ARTICLE_CHANGED)
        return list(live.only("slug").order_by("-published_at", "-id"))

    def lastmod(self, article):
        return article.changed_at


class TopicSitemap(PublicSitemap):
    def items(self):
        newest = Max(
            Greatest("articles__updated_at", "articles__published_at"),
            filter=Q(articles__in=Article.objects.live()),
        )
        return list(Topic.objects.annotate(newest_article=newest).only("slug", "updated_at"))

    def lastmod(self, topic):
        """The later of the topic's own edit and its newest live article's change."""
        return _latest(topic.updated_at, topic.newest_article)


class StretchSitemap(PublicSitemap):
    def items(self):
        return list(Stretch.objects.only("slug", "updated_at"))

    def lastmod(self, stretch):
        return stretch.updated_at


class RoutineSitemap(PublicSitemap):
    """Routines a signed-out reader can read in full in some article."""

    def items(self):
        # Its page shows its stretches too: an edit to one of them changes it.
        changed = Greatest("updated_at", Max("steps__stretch__updated_at"))
        routines = Routine.objects.readable_by(AnonymousUser()).annotate(changed_at=changed)
        return list(routines.only("slug"))

    def lastmod(self, routine):
        return routine.changed_at


class AuthorSitemap(PublicSitemap):
    def items(self):
        return list(AuthorProfile.objects.only("slug"))


class IndexSitemap(PublicSitemap):
    """The pages that list others. Each changes when the newest live article does; the topic
    lists also when a topic does, and the stretch library when a stretch does."""

    # URL name: what it lists, besides live articles.
    pages = {
        "home": "topics",
        "stretches:index": "topics",
        "stretches:topics": "topics",
        "stretches:library": "stretches",
    }

    def items(self):
        changed = {
            "articles": Article.objects.live().aggregate(at=Max(ARTICLE_CHANGED))["at"],
            "topics": Topic.objects.aggregate(at=Max("updated_at"))["at"],
            "stretches": Stretch.objects.aggregate(at=Max("updated_at"))["at"],
        }
        return [(name, _latest(changed["articles"], changed[lists])) for name, lists in self.pages.items()]

    def location(self, item):
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]


SITEMAPS = {
    "pages": IndexSitemap,
    "topics": TopicSitemap,
    "stretches": StretchSitemap,
    "routines": RoutineSitemap,
    "authors": AuthorSitemap,
    "articles": ArticleSitemap,
}


@shared_page
def sitemap(request):
    """The whole sitemap, one file (the protocol allows 50,000 addresses in one)."""
    return sitemap_views.sitemap(request, SITEMAPS)
