"""A routine's own pages: its steps, the guided player, and a card to print. What they show of
a routine is whatever the reader may read of it in some article."""

from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static

from pagecache.cache import shared_page

from . import navigation
from .models import Article, Routine
from .models.library import steps_prefetch


def _routine(request, slug, muscles=True):
    """`muscles`: for pages with step cards, which say what each stretch works."""
    routines = Routine.objects.prefetch_related(steps_prefetch(muscles=muscles))
    if not (request.user.is_staff and request.user.has_perm("stretches.change_routine")):
        routines = routines.readable_by(request.user)
    return get_object_or_404(routines, slug=slug)


def _crumbs(routine, *more):
    return navigation.trail(navigation.Crumb(routine.name, routine.get_absolute_url()), *more)


@shared_page
def routine_detail(request, slug):
    routine = _routine(request, slug)
    articles = (
        Article.objects.readable_by(request.user).for_cards().filter(sections__routine=routine).distinct()
    )
    context = {"routine": routine, "articles": articles, "crumbs": _crumbs(routine)}
    return render(request, "stretches/routine_detail.html", context)


def plan(routine):
    """What the player plays, as data in its page: every step, and every moment of each in order
    with its length in seconds (the same moments the routine's total time adds up)."""
    steps = list(routine.steps.all())
    numbers = {step.pk: number for number, step in enumerate(steps)}
    return {
        "name": routine.name,
        "total": routine.total_seconds(),
        "steps": [
            {
                "name": step.stretch.name,
                "cue": next(iter(step.stretch.instruction_steps()), ""),
                "image": step.stretch.image.url if step.stretch.image else static("img/logo.png"),
                "alt": step.stretch.image_alt if step.stretch.image else "",
                "reps": step.reps,
                "hold": step.hold,
                "sides": step.both_sides,
                "rest": step.rest_seconds,
            }
            for step in steps
        ],
        "segments": [
            [numbers[step.pk], segment.kind, segment.seconds, segment.side, segment.rep]
            for step, segment in routine.timeline()
        ],
    }


@shared_page
def routine_play(request, slug):
    routine = _routine(request, slug)
    context = {
        "routine": routine,
        "plan": plan(routine),
        "crumbs": _crumbs(routine, navigation.Crumb("Play", request.path)),
    }
    return render(request, "stretches/routine_play.html", context)


@shared_page
def routine_card(request, slug):
    routine = _routine(request, slug, muscles=False)
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    return render(request, "stretches/routine_card.html", {"routine": routine, "days": days})
