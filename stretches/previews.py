"""The reader's pages of an article, a stretch or a routine as an editor's unsaved form has them:
the same views' templates and context, rendered from objects that are saved nowhere and with no
fragment kept (`live_preview` tells the fragment tag)."""

from django.db.models import prefetch_related_objects
from django.shortcuts import render

from . import navigation
from .models import Article, Routine, Topic
from .models.library import steps_prefetch
from .routine_pages import _crumbs
from .text import render_markdown
from .views import ArticleParts

PREVIEW = {"live_preview": True, "messages": []}  # the editor's own messages stay in the admin


def _placeholders(obj):
    """An unsaved object gets an address and a key its templates can use (never saved)."""
    obj.slug = obj.slug or "preview"
    if obj.pk is None:
        obj.pk = 0


def _with_steps(routine, steps=None):
    """`routine.steps.all()` answers from `steps` (unsaved ones included), or from the database."""
    if steps is None:
        prefetch_related_objects([routine], steps_prefetch(muscles=True))
    else:
        routine._prefetched_objects_cache = {"steps": [step for step in steps if step.stretch_id]}


def article(request, article, sections, references, related):
    """The article page. `related` is the articles chosen as related (a queryset)."""
    if article.topic_id is None:  # not chosen yet: the page shows where the topic will go
        article.topic = Topic(name="Topic not chosen yet", slug="preview")
    _placeholders(article)
    article.__dict__["is_live"] = True  # as readers will see it: no "draft" notice
    routines = {}
    for section in sections:
        section.body_html = render_markdown(section.body)
        if section.routine_id:
            routines.setdefault(section.routine_id, section.routine)
    for routine in routines.values():
        _with_steps(routine)
    parts = ArticleParts(article)
    parts.__dict__.update(
        sections=article.page_sections(sections),
        references=sorted(references, key=lambda reference: reference.order),
        related=list(related.live().for_cards()),
    )
    readable = article.is_readable_by(request.user)
    context = {
        **PREVIEW,
        "article": article,
        "readable": readable,
        "parts": parts,
        "saved": False,
        "crumbs": navigation.of_article(article),
    }
    return render(request, "stretches/article_detail.html", context)


def stretch(request, stretch, muscles):
    """The stretch page. `muscles`: those the form chose (a list)."""
    _placeholders(stretch)
    stretch._prefetched_objects_cache = {"muscles": muscles}
    routines = Routine.objects.readable_by(request.user).filter(steps__stretch=stretch)
    context = {
        **PREVIEW,
        "stretch": stretch,
        "routines": routines.prefetch_related(steps_prefetch()),
        "articles": Article.objects.live()
        .for_cards()
        .filter(sections__routine__steps__stretch=stretch)
        .distinct(),
        "crumbs": navigation.of_stretch(stretch),
    }
    return render(request, "stretches/stretch_detail.html", context)


def routine(request, routine, steps):
    _placeholders(routine)
    _with_steps(routine, steps)
    articles = (
        Article.objects.readable_by(request.user).for_cards().filter(sections__routine=routine).distinct()
    )
    context = {**PREVIEW, "routine": routine, "articles": articles, "crumbs": _crumbs(routine)}
    return render(request, "stretches/routine_detail.html", context)
