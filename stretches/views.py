from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property

from pages import versions
from pages.cache import kept, shared_page

from .models import Article, CallToAction, Routine, RoutineStep, Section, Stretch, Topic

LATEST_ON_HOME = 6
# What an article page shows of its author: their public name, avatar and staff badge.
AUTHOR_SHOWN = {"id", "first_name", "display_name", "avatar", "avatar_small", "is_staff"}


def _routine_prefetch(prefix=""):
    """Steps with their stretches, in order, so a routine's cards and total time cost no queries."""
    return Prefetch(
        f"{prefix}steps", queryset=RoutineStep.objects.select_related("stretch").order_by("order", "id")
    )


@shared_page
def home(request):
    live = Article.objects.live().for_cards()
    return render(
        request,
        "stretches/home.html",
        {
            "featured": live.filter(featured=True)[:3],
            "latest": live[:LATEST_ON_HOME],
            "topics": Topic.objects.all(),
            "cta": CallToAction.objects.default(),
        },
    )


@shared_page
def index(request):
    topics = Topic.objects.prefetch_related(
        Prefetch("articles", queryset=Article.objects.live().for_cards(), to_attr="live_articles")
    )
    return render(request, "stretches/index.html", {"topics": topics})


@shared_page
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    articles = Article.objects.live().for_cards().filter(topic=topic)
    return render(request, "stretches/topic_detail.html", {"topic": topic, "articles": articles})


class ArticleParts:
    """What the cached parts of an article page show, loaded only when a part is rendered: a
    part found in the fragment cache costs no query."""

    def __init__(self, article):
        self.article = article

    @cached_property
    def sections(self):
        sections = Section.objects.select_related("routine").prefetch_related(_routine_prefetch("routine__"))
        prefetch_related_objects([self.article], Prefetch("sections", queryset=sections))
        return self.article.page_sections()

    @cached_property
    def cta(self):
        article = self.article
        return (
            None if article.hide_call_to_action else article.call_to_action or CallToAction.objects.default()
        )

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
            .select_related("topic", "author", "call_to_action")
            .defer(*_private_author_fields())
        )
        return get_object_or_404(articles, slug=slug)

    if request.user.is_staff:
        return lookup()
    return kept(lookup, "article", slug, versions.current()[versions.CONTENT])


def _private_author_fields():
    author = Article._meta.get_field("author").related_model
    return [f"author__{f.name}" for f in author._meta.concrete_fields if f.name not in AUTHOR_SHOWN]


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
    }
    return render(request, "stretches/article_detail.html", context)


@shared_page
def stretch_detail(request, slug):
    stretch = get_object_or_404(Stretch, slug=slug)
    # Only routines the reader can see in full somewhere: none from drafts or members-only text.
    routines = (
        Routine.objects.filter(
            steps__stretch=stretch, sections__article__in=Article.objects.readable_by(request.user)
        )
        .distinct()
        .prefetch_related(_routine_prefetch())
    )
    articles = Article.objects.live().for_cards().filter(sections__routine__steps__stretch=stretch).distinct()
    return render(
        request,
        "stretches/stretch_detail.html",
        {"stretch": stretch, "routines": routines, "articles": articles},
    )
