from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from comments.views import comments_section

from .caching import COMMENTS, cached_fragment, current_versions, fragment_key
from .models import Article, CallToAction, Routine, RoutineStep, Section, Stretch, Topic

LATEST_ON_HOME = 6


def _routine_prefetch(prefix=""):
    """Steps with their stretches, in order, so a routine's cards and total time cost no queries."""
    return Prefetch(
        f"{prefix}steps", queryset=RoutineStep.objects.select_related("stretch").order_by("order", "id")
    )


def home(request):
    published = Article.objects.published().for_cards()
    return render(
        request,
        "stretches/home.html",
        {
            "featured": published.filter(featured=True)[:3],
            "latest": published[:LATEST_ON_HOME],
            "topics": Topic.objects.all(),
            "cta": CallToAction.objects.default(),
        },
    )


def index(request):
    topics = Topic.objects.prefetch_related(
        Prefetch("articles", queryset=Article.objects.published().for_cards(), to_attr="public_articles")
    )
    return render(request, "stretches/index.html", {"topics": topics})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    articles = Article.objects.published().for_cards().filter(topic=topic)
    return render(request, "stretches/topic_detail.html", {"topic": topic, "articles": articles})


def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.visible_to(request.user).select_related("topic", "author", "call_to_action"),
        slug=slug,
    )
    readable = article.is_readable_by(request.user)
    member = request.user.is_authenticated
    context = {
        "article": article,
        "readable": readable,
        "article_header": _fragment(request, article, "header", lambda: {}),
        "article_main": _fragment(request, article, "main", lambda: _main_context(article))
        if readable
        else "",
        # Its cards show comment counts, so it is kept per comments version as well.
        "article_related": _fragment(
            request, article, "related", lambda: _related_context(article), current_versions()[COMMENTS]
        )
        if readable
        else "",
        "saved": readable and member and article.saved_by.filter(user=request.user).exists(),
    }
    if readable:
        context["comments_html"] = comments_section(request, article)
    return render(request, "stretches/article_detail.html", context)


def _main_context(article):
    """What the article's body needs: sections with routines, steps with stretches."""
    sections = Section.objects.select_related("routine").prefetch_related(_routine_prefetch("routine__"))
    prefetch_related_objects([article], Prefetch("sections", queryset=sections))
    cta = None if article.hide_call_to_action else article.call_to_action or CallToAction.objects.default()
    return {"sections": article.page_sections(), "cta": cta}


def _related_context(article):
    prefetch_related_objects(
        [article],
        Prefetch("related", queryset=Article.objects.published().for_cards(), to_attr="public_related"),
    )
    return {}


def _fragment(request, article, part, extra_context, *key_parts):
    """The parts of an article page that are the same for every reader, cached per content version
    (signed-in members and page-cache misses reuse them). Previews of drafts are never cached."""
    template = f"stretches/_article_{part}.html"
    if not article.is_public:
        return mark_safe(render_to_string(template, {"article": article, **extra_context()}, request))  # noqa: S308
    key = fragment_key(f"article-{part}", article.pk, request.get_host(), request.scheme, *key_parts)
    return cached_fragment(
        key, lambda: render_to_string(template, {"article": article, **extra_context()}, request)
    )


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
    articles = (
        Article.objects.published().for_cards().filter(sections__routine__steps__stretch=stretch).distinct()
    )
    return render(
        request,
        "stretches/stretch_detail.html",
        {"stretch": stretch, "routines": routines, "articles": articles},
    )
