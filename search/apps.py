from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search over articles, stretches and topics, on the database's own full-text index."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Site search"

    def ready(self):
        from . import index

        index.connect()  # every save and delete of what search shows keeps the index current
