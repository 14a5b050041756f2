"""The redirects editors keep."""

from django.contrib import admin

from web.admin import SafeSearchMixin

from .models import Redirect


@admin.register(Redirect)
class RedirectAdmin(SafeSearchMixin, admin.ModelAdmin):
    """Old addresses and where they lead: recorded when a slug changes, added here by hand too."""

    list_display = ["old_path", "new_path", "created_at"]
    search_fields = ["old_path", "new_path"]
    fields = ["old_path", "new_path"]
