from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.db.models import Count
from django.utils import timezone

from desk.formsets import LabelledRowsFormSet
from web.admin import BoundedInline, SafeAutocompleteMixin, SafeSearchMixin

from . import content_checks, reviews
from .admin_desk import ArticleDesk, RoutineDesk, StretchDesk
from .admin_forms import ArticleForm, RoutineStepFormSet, SectionForm, SectionFormSet
from .admin_preload import PreloadedAutocompleteInline
from .models import (
    Article,
    AuthorProfile,
    CallToAction,
    Muscle,
    Reference,
    Routine,
    RoutineStep,
    Section,
    Stretch,
    Topic,
)


class TolerantChangeList(ChangeList):
    """A hand-edited date drill-down (?published_at__year=99999) is a bad filter, not a crash."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


@admin.register(Topic)
class TopicAdmin(SafeSearchMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "order", "article_count")
    list_editable = ("order",)
    search_fields = ("name", "intro")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        # An aggregate drops Meta.ordering, which autocomplete pagination needs: restate it.
        return (
            super().get_queryset(request).annotate(article_total=Count("articles")).order_by("order", "name")
        )

    @admin.display(description="Articles", ordering="article_total")
    def article_count(self, obj):
        return obj.article_total


@admin.register(Muscle)
class MuscleAdmin(SafeSearchMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "stretch_count")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        # An aggregate drops Meta.ordering, which autocomplete pagination needs: restate it.
        return super().get_queryset(request).annotate(stretch_total=Count("stretches")).order_by("name")

    @admin.display(description="Stretches", ordering="stretch_total")
    def stretch_count(self, obj):
        return obj.stretch_total


@admin.register(Stretch)
class StretchAdmin(StretchDesk, SafeAutocompleteMixin, SafeSearchMixin, admin.ModelAdmin):
    list_display = ("name", "position", "muscle_list", "default_repetitions", "default_hold_seconds", "sides")
    list_filter = ("position", "sides", "muscles")
    search_fields = ("name", "muscles__name", "instructions")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("muscles",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("muscles")

    @admin.display(description="Muscles")
    def muscle_list(self, obj):
        return obj.muscle_names()

    fieldsets = (
        (None, {"fields": ("name", "slug", "muscles", "position")}),
        ("How to do it", {"fields": ("instructions", "cautions")}),
        ("Default dose", {"fields": ("default_repetitions", "default_hold_seconds", "sides")}),
        ("Picture", {"fields": ("image", "image_alt")}),
    )


class RoutineStepInline(BoundedInline, PreloadedAutocompleteInline, admin.TabularInline):
    model = RoutineStep
    formset = RoutineStepFormSet
    preload = {"stretch": lambda routine: Stretch.objects.filter(steps__routine=routine)}
    extra = 1
    autocomplete_fields = ("stretch",)
    fields = ("order", "stretch", "repetitions", "hold_seconds", "sides", "rest_seconds", "cues")
    # A short box in the table row: cues are a few lines, and the row must stay readable.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("stretch")


@admin.register(Routine)
class RoutineAdmin(RoutineDesk, SafeSearchMixin, admin.ModelAdmin):
    list_display = ("name", "technique", "setting", "step_count", "total_time")
    list_filter = ("technique", "setting")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [RoutineStepInline]
    readonly_fields = ("total_time",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("steps__stretch")

    @admin.display(description="Steps")
    def step_count(self, obj):
        return len(obj.steps.all())

    @admin.display(description="Total time (computed from the steps)")
    def total_time(self, obj):
        if obj.pk is None:
            return "Shown once the routine has steps."
        return f"{obj.duration_label()} ({obj.total_seconds()} s)"


class SectionInline(BoundedInline, PreloadedAutocompleteInline, admin.StackedInline):
    model = Section
    form = SectionForm
    formset = SectionFormSet
    preload = {"routine": lambda article: Routine.objects.filter(sections__article=article)}
    extra = 0
    autocomplete_fields = ("routine",)
    fieldsets = (
        (None, {"fields": ("order", "heading", "body")}),
        ("Picture", {"fields": ("image", "image_alt", "image_decorative", "image_caption")}),
        ("Video", {"fields": ("video_provider", "video_id", "video_title"), "classes": ("collapse",)}),
        ("Routine", {"fields": ("routine",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("routine")


class ReferenceInline(BoundedInline, admin.TabularInline):
    model = Reference
    formset = LabelledRowsFormSet
    extra = 0
    fields = ("order", "title", "publisher", "year", "url")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    verbose_name = "source"
    verbose_name_plural = "Sources (cite them in the text by number: [1], [2]…)"


class ReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", f"Due within {reviews.DUE_SOON_DAYS} days or overdue"), ("overdue", "Overdue")]

    def queryset(self, request, queryset):
        if self.value() in ("due", "overdue"):
            ahead = reviews.DUE_SOON_DAYS if self.value() == "due" else -1
            return queryset.filter(pk__in=reviews.due(ahead=ahead).values("pk"))
        return queryset


@admin.register(AuthorProfile)
class AuthorProfileAdmin(SafeSearchMixin, admin.ModelAdmin):
    list_display = ("__str__", "credentials", "slug")
    search_fields = ("user__first_name", "user__display_name", "credentials", "slug")
    autocomplete_fields = ("user",)
    list_select_related = ("user",)
    fields = ("user", "slug", "credentials", "bio", "photo", "links")


@admin.register(Article)
class ArticleAdmin(ArticleDesk, SafeAutocompleteMixin, SafeSearchMixin, admin.ModelAdmin):
    form = ArticleForm
    change_list_template = "admin/stretches/article/change_list.html"
    list_display = (
        "title",
        "topic",
        "status",
        "published_at",
        "featured",
        "author",
        "next_review",
        "updated_at",
    )
    list_filter = ("status", ReviewFilter, "topic", "featured")
    list_select_related = ("topic", "author")
    search_fields = ("title", "standfirst", "sections__heading")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("topic", "related", "call_to_action")
    date_hierarchy = "published_at"
    inlines = [SectionInline, ReferenceInline]
    actions = ("publish", "unpublish")
    fieldsets = (
        (None, {"fields": ("title", "slug", "topic", "standfirst", "author")}),
        ("Publishing", {"fields": ("status", "published_at", "featured", "members_only", "comments_open")}),
        ("Review", {"fields": ("reviewed_by", "reviewed_on")}),
        ("Hero picture", {"fields": ("hero_image", "hero_alt", "hero_decorative")}),
        ("Around the article", {"fields": ("related", "call_to_action", "hide_call_to_action")}),
    )

    def get_changelist(self, request, **kwargs):
        return TolerantChangeList

    def get_search_results(self, request, queryset, search_term):
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False

    @admin.display(description="Next review", ordering="reviewed_on")
    def next_review(self, obj):
        return obj.next_review_due

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish selected articles now", permissions=["change"])
    def publish(self, request, queryset):
        now, later, refused = 0, 0, []
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            # Asked afresh for each: one published a moment ago may be what the next links to.
            errors = content_checks.blocking(content_checks.for_saved_article(article))
            if errors:
                refused.append(f"“{article}”: " + "; ".join(str(problem) for problem in errors))
                continue
            article.status = Article.Status.PUBLISHED
            article.save()
            if article.published_at > timezone.now():
                later += 1
            else:
                now += 1
        message = f"Published {now} article(s)."
        if later:
            message += f" {later} dated in the future will appear on their publish date."
        self.message_user(request, message)
        for reason in refused:
            self.message_user(request, f"Not published, {reason}", messages.ERROR)

    @admin.action(description="Return selected articles to draft", permissions=["change"])
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            article.save()
            count += 1
        self.message_user(request, f"Returned {count} article(s) to draft.")


@admin.register(CallToAction)
class CallToActionAdmin(SafeSearchMixin, admin.ModelAdmin):
    list_display = ("headline", "link_url", "is_default")
    list_filter = ("is_default",)
    search_fields = ("headline", "text")
