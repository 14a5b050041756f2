from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class MemberAdmin(UserAdmin):
    list_display = (
        "username",
        "email",
        "first_name",
        "display_name",
        "is_staff",
        "comments_banned",
        "date_joined",
    )
    list_filter = ("is_staff", "is_superuser", "is_active", "comments_banned", "groups")
    search_fields = (*UserAdmin.search_fields, "display_name")
    fieldsets = (
        *UserAdmin.fieldsets[:2],
        ("Public profile", {"fields": ("display_name", "bio")}),
        ("Comments", {"fields": ("comments_banned", "notify_replies", "notify_moderation")}),
        *UserAdmin.fieldsets[2:],
    )
    actions = ("unban",)

    @admin.action(description="Let the selected members comment again", permissions=["change"])
    def unban(self, request, queryset):
        # One by one, so each save goes through the model like a form's would.
        members = list(queryset.filter(comments_banned=True))
        for member in members:
            member.comments_banned = False
            member.save(update_fields=["comments_banned"])
        self.message_user(request, f"{len(members)} member(s) may comment again.", messages.SUCCESS)
