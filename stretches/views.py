from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import cached_property

from pagecache import versions
from pagecache.cache import canonical_query, kept, shared_page
from web import sharing

from . import navigation, structured_data
from .models import Article, CallToAction, Position, Routine, Section, Stretch, Topic
from .models.library import steps_prefetch

LATEST_ON_HOME = 6
# What an article page shows of its author and reviewer: their public name, avatar and staff badge.
AUTHOR_SHOWN = {"id", "first_name", "display_name", "avatar", "avatar_small", "is_staff"}


@shared_page
def home(request):
    live = Article.objects.live().for_cards()
    featured = list(live.filter(featured=True)[:3])
    return render(
        request,
        "stretches/home.html",
        {
            "featured": featured,
            # What is featured is not shown again, with the same picture, under "Latest".
            "latest": live.exclude(pk__in=[article.pk for article in featured])[:LATEST_ON_HOME],
            "topics": Topic.objects.all(),
            "cta": CallToAction.objects.default(),
            "site_nodes": [sharing.website(reverse("search:results")), sharing.publisher()],
        },
    )


@shared_page
def index(request):
    topics = Topic.objects.prefetch_related(
        Prefetch("articles", queryset=Article.objects.live().for_cards(), to_attr="live_articles")
    )
    return render(request, "stretches/index.html", {"topics": topics, "crumbs": navigation.trail()})


@shared_page
def topics(request):
    topics = Topic.objects.annotate(
        live_count=Count("articles", filter=Q(articles__in=Article.objects.live()))
    )
    crumbs = navigation.trail(navigation.topics())
    return render(request, "stretches/topics.html", {"topics": topics, "crumbs": crumbs})


@shared_page
def library(request):
    """The whole stretch library, narrowed by position and muscle when the reader asks."""
    stretches = list(Stretch.objects.prefetch_related("muscles"))
    # The filter offers the muscles some stretch works, each once: slug: Muscle.
    muscles = {muscle.slug: muscle for stretch in stretches for muscle in stretch.muscles.all()}
    position = request.GET.get("position") if request.GET.get("position") in Position.values else None
    muscle = request.GET.get("muscle") if request.GET.get("muscle") in muscles else None
    canonical_query(request, position=position, muscle=muscle)
    shown = [
        stretch
        for stretch in stretches
        if (not position or stretch.position == position)
        and (not muscle or muscle in {worked.slug for worked in stretch.muscles.all()})
    ]
    context = {
        "stretches": shown,
        "total": len(stretches),
        "positions": Position.choices,
        "muscles": sorted(muscles.values(), key=lambda muscle: muscle.name.lower()),
        "position": position,
        "muscle": muscle,
        "filtered": bool(position or muscle),
        "crumbs": navigation.trail(navigation.library()),
    }
    return render(request, "stretches/library.html", context)


@shared_page
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    articles = Article.objects.live().for_cards().filter(topic=topic)
    context = {"topic": topic, "articles": articles, "crumbs": navigation.of_topic(topic)}
    return render(request, "stretches/topic_detail.html", context)


class ArticleParts:
    """What the cached parts of an article page show, loaded only when a part is rendered: a
    part found in the fragment cache costs no query."""

    def __init__(self, article):
        self.article = article

    @cached_property
    def sections(self):
        sections = Section.objects.select_related("routine").prefetch_related(
            steps_prefetch("routine__", muscles=True)
        )
        prefetch_related_objects([self.article], Prefetch("sections", queryset=sections))
        return self.article.page_sections()

    @cached_property
    def references(self):
        return list(self.article.references.all())

    @cached_property
    def cta(self):
        article = self.article
        return (
            None if article.hide_call_to_action else article.call_to_action or CallToAction.objects.default()
        )

    @cached_property
    def structured_data(self):
        # A members-only article shows search engines its teaser only: its routines are part of
        # the text kept for members.
        sections = [] if self.article.members_only else self.sections
        return structured_data.article_page(self.article, sections, navigation.of_article(self.article))

    @cached_property
    def related(self):
        return list(self.article.related.live().for_cards())


def _article(request, slug):
    """The article at `slug`, as `request.user` may open it.

    What readers open is kept per content version, so serving it costs no query; staff previews
    always ask the database. Of the author, only what the page shows is loaded, so only that is
    kept."""

    def lookup():
        articles = (
            Article.objects.previewable_by(request.user)
            .select_related(
                "topic", "author__author_profile", "reviewed_by__author_profile", "call_to_action"
            )
            .defer(*_private_author_fields())
        )
        return get_object_or_404(articles, slug=slug)

    if request.user.is_staff:
        return lookup()
    return kept(lookup, "article", slug, versions.current()[versions.CONTENT])


def _private_author_fields():
    author = Article._meta.get_field("author").related_model
    private = [f.name for f in author._meta.concrete_fields if f.name not in AUTHOR_SHOWN]
    return [f"{person}__{name}" for person in ("author", "reviewed_by") for name in private]


def _saved(user, article):
    """Whether a member saved the article, kept until they save or remove something."""
    if not user.is_authenticated:
        return False

    def saved():
        return article.saved_by.filter(user=user).exists()

    return kept(saved, "saved", article.pk, user.pk, versions.member(user.pk))


@shared_page
def article_detail(request, slug):
    article = _article(request, slug)
    readable = article.is_readable_by(request.user)
    context = {
        "article": article,
        "readable": readable,
        "parts": ArticleParts(article),
        "saved": readable and _saved(request.user, article),
        "crumbs": navigation.of_article(article),
    }
    return render(request, "stretches/article_detail.html", context)


@shared_page
def stretch_detail(request, slug):
    stretch = get_object_or_404(Stretch.objects.prefetch_related("muscles"), slug=slug)
    # Only routines the reader can see in full somewhere: none from drafts or members-only text.
    routines = (
        Routine.objects.readable_by(request.user)
        .filter(steps__stretch=stretch)
        .prefetch_related(steps_prefetch())
    )
    articles = Article.objects.live().for_cards().filter(sections__routine__steps__stretch=stretch).distinct()
    return render(
        request,
        "stretches/stretch_detail.html",
        {
            "stretch": stretch,
            "routines": routines,
            "articles": articles,
            "crumbs": navigation.of_stretch(stretch),
        },
    )
