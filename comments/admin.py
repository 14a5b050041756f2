from django.contrib import admin, messages
from django.db.models import Count
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.timezone import localtime

from web.admin import SafeSearchMixin

from . import services
from .models import Comment, ModerationRule


class StatusFilter(admin.SimpleListFilter):
    """Opens on the queue: pending comments, unless another status (or all) is chosen."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, ("all", "All")]

    def queryset(self, request, queryset):
        value = self.value() or Comment.Status.PENDING
        return queryset if value == "all" else queryset.filter(status=value)

    def choices(self, changelist):
        current = self.value() or Comment.Status.PENDING
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


def _verb(service, done):
    def action(modeladmin, request, queryset):
        comments = list(queryset)  # before acting: the list's status filter would hide them after
        refused = []
        for comment in comments:
            try:
                service(comment=comment, moderator=request.user)
            except services.CommentError as error:
                refused.append(str(error))
        modeladmin.message_user(request, f"{len(comments) - len(refused)} comment(s) {done}.")
        for reason in sorted(set(refused)):
            modeladmin.message_user(
                request, f"{refused.count(reason)} skipped: {reason}", level=messages.WARNING
            )

    return action


@admin.register(Comment)
class CommentAdmin(SafeSearchMixin, admin.ModelAdmin):
    list_display = (
        "excerpt",
        "article",
        "author_label",
        "status",
        "link_count",
        "report_count",
        "held_reason",
        "created_at",
        "decision",
    )
    list_filter = (StatusFilter, "article")
    list_select_related = ("article", "author", "moderated_by")
    search_fields = (
        "text",
        "guest_name",
        "guest_email",
        "author__email",
        "author__display_name",
        "article__title",
    )
    ordering = ("-created_at",)
    readonly_fields = (
        "article",
        "parent",
        "author",
        "guest_name",
        "guest_email",
        "status",
        "held_reason",
        "link_count",
        "ip_address",
        "created_at",
        "edited_at",
        "moderated_by",
        "moderated_at",
        "text",
    )
    fields = readonly_fields
    actions = ("approve", "reject", "mark_spam", "ban_author")

    class Media:
        css = {"all": ["css/admin.css"]}  # the queue fits the column beside the admin's navigation

    def has_add_permission(self, request):
        return False  # comments are written on the site

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(reports_total=Count("reports"))

    @admin.display(description="Comment")
    def excerpt(self, obj):
        return Truncator(obj.text).chars(80)

    @admin.display(description="Author")
    def author_label(self, obj):
        if obj.author_id:
            return f"{obj.author.public_name} (member)"
        return f"{obj.guest_name} <{obj.guest_email}> (guest)" if obj.guest_email else "Former member"

    @admin.display(description="Decided by", ordering="moderated_at")
    def decision(self, obj):
        if obj.moderated_by_id is None:
            return "—"
        return f"{obj.moderated_by.public_name}, {date_format(localtime(obj.moderated_at), 'j M Y, H:i')}"

    @admin.display(description="Reports", ordering="reports_total")
    def report_count(self, obj):
        return obj.reports_total

    approve = admin.action(description="Approve: publish the selected comments", permissions=["change"])(
        _verb(services.approve, "approved")
    )
    reject = admin.action(description="Reject the selected comments", permissions=["change"])(
        _verb(services.reject, "rejected")
    )
    mark_spam = admin.action(description="Mark the selected comments as spam", permissions=["change"])(
        _verb(services.mark_spam, "marked as spam")
    )
    ban_author = admin.action(
        description="Ban the authors (their comments go to spam)", permissions=["change"]
    )(_verb(services.ban_author, "marked as spam and their authors banned"))


@admin.register(ModerationRule)
class ModerationRuleAdmin(SafeSearchMixin, admin.ModelAdmin):
    list_display = ("value", "kind", "created_at")
    list_filter = ("kind",)
    search_fields = ("value",)
