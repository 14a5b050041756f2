from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Site-wide page machinery: the signed-out page cache, version tokens and what invalidates
    them, cached fragments, and the template tags every app's pages use."""

    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from . import invalidation

        invalidation.connect()
