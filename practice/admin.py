"""Members' logs and reminders, to look at when one asks for help: read-only, since they are
the member's own (they change them on their pages)."""

from django.contrib import admin

from web.admin import SafeSearchMixin

from .models import PracticeSession, Reminder, ReminderDelivery


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DeliveryInline(ReadOnly, admin.TabularInline):
    model = ReminderDelivery
    fields = ["due_at", "sent_at", "skipped"]
    extra = 0
    max_num = 0

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-due_at")


@admin.register(Reminder)
class ReminderAdmin(SafeSearchMixin, ReadOnly, admin.ModelAdmin):
    list_display = ["routine", "user", "describe", "active", "created_at"]
    list_filter = ["active"]
    list_select_related = ["routine", "user"]
    search_fields = ["user__email", "routine__name"]
    inlines = [DeliveryInline]


@admin.register(PracticeSession)
class PracticeSessionAdmin(SafeSearchMixin, ReadOnly, admin.ModelAdmin):
    list_display = ["routine_name", "user", "done_at", "seconds", "completed"]
    list_filter = ["completed"]
    list_select_related = ["user"]
    search_fields = ["user__email", "routine_name"]
    date_hierarchy = "done_at"
