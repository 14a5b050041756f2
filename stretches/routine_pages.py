"""A routine's own pages: its steps, the guided player, and a card to print. What they show of
a routine is whatever the reader may read of it in some article."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
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


# What the player says outside the holds; during a hold it says the step's own cues in turn.
RELEASE_CUE = "Release slowly and breathe."
REST_CUE = "Rest and breathe easily."


def _length(seconds):
    minutes, seconds = divmod(seconds, 60)
    return " ".join(
        part for part in (f"{minutes} min" if minutes else "", f"{seconds} s" if seconds else "") if part
    )


def segment_cue(segment, lines):
    """What to do during one moment of a step, given the step's cues (`RoutineStep.cue_lines()`)."""
    if segment.kind == "hold":
        return lines[(segment.rep - 1) % len(lines)] if lines else "Hold."
    if segment.kind == "switch":
        return "Switch to your right side."  # the left side always comes first
    return RELEASE_CUE if segment.kind == "release" else REST_CUE


def plan(routine):
    """What the player plays, as data in its page: every step, and every moment of each in order
    with its length in seconds (the same moments the routine's total time adds up), and, in
    `cues`, what to do during each of those moments."""
    steps = list(routine.steps.all())
    numbers = {step.pk: number for number, step in enumerate(steps)}
    lines = {step.pk: step.cue_lines() for step in steps}
    timeline = list(routine.timeline())
    return {
        "name": routine.name,
        "total": routine.total_seconds(),
        "steps": [
            {
                "name": step.stretch.name,
                "cue": next(iter(lines[step.pk]), ""),
                "image": step.stretch.image.url if step.stretch.image else static("img/logo.png"),
                "alt": step.stretch.image_alt if step.stretch.image else "",
                "reps": step.reps,
                "hold": step.hold,
                "sides": step.both_sides,
                "rest": step.rest_seconds,
                "length": _length(step.seconds()),
            }
            for step in steps
        ],
        "segments": [
            [numbers[step.pk], segment.kind, segment.seconds, segment.side, segment.rep]
            for step, segment in timeline
        ],
        "cues": [segment_cue(segment, lines[step.pk]) for step, segment in timeline],
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


def service_worker(request):
    """The offline player's worker (static/js/sw.js), from the site's root so that its scope is
    the whole site, named for the release so that a deploy replaces it and its caches."""
    from pagecache.versions import release

    source = Path(finders.find("js/sw.js")).read_text()
    response = HttpResponse(
        source.replace("limber-dev", f"limber-{release()}"), content_type="text/javascript"
    )
    response["Cache-Control"] = "no-cache"
    return response


def web_manifest(request):
    """What a phone needs to put the site on its home screen, with the logo's icons."""
    icons = [
        {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    icons.append(
        {
            "src": static("icons/maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        }
    )
    manifest = {
        "name": "Limber: stretching and back care",
        "short_name": "Limber",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f5efe6",
        "theme_color": "#0f766e",
        "icons": icons,
    }
    response = JsonResponse(manifest, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response
