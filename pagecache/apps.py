from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """The signed-out page cache, version tokens and what replaces them, cached fragments (and
    the `{% fragment %}` tag), and the cache backend that survives Redis going away."""

    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import invalidation

        invalidation.connect()
