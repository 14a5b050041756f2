from django.apps import AppConfig


class StretchesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stretches"
    verbose_name = "Stretching content"

    def ready(self):
        from pages import versions

        from .models.articles import next_publication

        versions.schedule(next_publication)  # a scheduled article goes live with nobody saving it
