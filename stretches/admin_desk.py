"""What the editor's desk needs to know of each page kind: how its unsaved form is previewed,
which checks it runs, what its revisions compare, and what an editor may link to by name."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import path

from desk.admin import DeskAdmin

from . import content_checks, previews
from .models import Article, Reference, Routine, RoutineStep, Section, Stretch, Topic


def link_choices(query):
    """Pages an editor may link to, by name: live articles, stretches, routines and topics."""
    words = query.split()[:5]

    def matching(field):
        condition = Q()
        for word in words:
            condition &= Q(**{f"{field}__icontains": word})
        return condition

    kinds = (
        (Article.objects.live().filter(matching("title")), "title", "article"),
        (Stretch.objects.filter(matching("name")), "name", "stretch"),
        (Routine.objects.filter(matching("name")), "name", "routine"),
        (Topic.objects.filter(matching("name")), "name", "topic"),
    )
    return [
        {"label": f"{title} ({kind})", "title": title, "url": obj.get_absolute_url()}
        for queryset, name, kind in kinds
        for obj in queryset[:10]
        for title in [getattr(obj, name)]
    ]


def _stretch_name(row):
    """A stored step's title: its stretch, by name, if it still exists."""
    return (
        Stretch.objects.filter(pk=row.get("stretch_id")).values_list("name", flat=True).first() or "A stretch"
    )


class PageDesk(DeskAdmin):
    def link_choices(self, request, query):
        return link_choices(query)

    def _rows(self, obj, related, *names):
        """The posted rows of each relation, or the saved ones where the form had none (an
        editor who may not change them gets no inline)."""
        return [
            related[name] if name in related else (list(getattr(obj, name).all()) if obj.pk else [])
            for name in names
        ]


class ArticleDesk(PageDesk):
    compare_fields = ("title", "standfirst", "hero_alt", "status", "members_only")
    compare_related = {
        Section: ("heading", "body", "image_alt", "image_caption"),
        Reference: ("title", "url"),
    }
    target_lengths = {"title": 70, "standfirst": 160, "hero_alt": 150}

    def preview_views(self, obj):
        return ("reader", "member")

    def render_preview(self, request, obj, related):
        form = obj._desk_form
        if "related" in getattr(form, "cleaned_data", {}):
            chosen = Article.objects.filter(pk__in=[article.pk for article in form.cleaned_data["related"]])
        else:
            chosen = obj.related.all() if obj.pk else Article.objects.none()
        return previews.article(request, obj, *self._rows(obj, related, "sections", "references"), chosen)

    def content_problems(self, obj, related):
        return content_checks.problems(obj, *self._rows(obj, related, "sections"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        found = content_checks.for_saved_article(article)
        if article.status == Article.Status.PUBLISHED:
            for problem in found:  # what blocks was refused before the save: these are warnings
                messages.warning(request, f"Check before readers do: {problem}")
        elif content_checks.blocking(found):
            names = "; ".join(str(problem) for problem in content_checks.blocking(found))
            messages.info(request, f"Saved as a draft. Before it can be published: {names}")

    def get_urls(self):
        problems = self.admin_site.admin_view(self.problems_view)
        return [path("problems/", problems, name="stretches_article_problems"), *super().get_urls()]

    def problems_view(self, request):
        """Articles with problems: every article whose checks find something, drafts included."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Articles with problems",
            "found": list(content_checks.articles_with_problems()),
        }
        return TemplateResponse(request, "admin/stretches/article/problems.html", context)


class StretchDesk(PageDesk):
    compare_fields = ("name", "muscles", "position", "instructions", "cautions", "image_alt")
    target_lengths = {"name": 70, "image_alt": 150}

    def render_preview(self, request, obj, related):
        form = obj._desk_form
        if "muscles" in getattr(form, "cleaned_data", {}):
            muscles = list(form.cleaned_data["muscles"])
        else:
            muscles = list(obj.muscles.all()) if obj.pk else []
        return previews.stretch(request, obj, muscles)

    def content_problems(self, obj, related):
        return content_checks.stretch_problems(obj)


class RoutineDesk(PageDesk):
    compare_fields = ("name", "technique", "setting", "description")
    compare_related = {RoutineStep: (_stretch_name, "repetitions", "hold_seconds", "sides", "rest_seconds")}
    target_lengths = {"name": 70}

    def render_preview(self, request, obj, related):
        return previews.routine(request, obj, *self._rows(obj, related, "steps"))

    def content_problems(self, obj, related):
        return content_checks.routine_problems(obj, *self._rows(obj, related, "steps"))
