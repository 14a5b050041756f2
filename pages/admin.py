"""Admin behaviour every app's admin shares (this module registers nothing)."""


class SafeSearchMixin:
    """Search terms with NUL characters (which PostgreSQL refuses) are searched without them."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))
