from django.apps import AppConfig


class StretchesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stretches"
    verbose_name = "Stretching content"

    def ready(self):
        from pages import versions
        from pages.redirects import follow_renames

        from .models import Article, AuthorProfile, Routine, Stretch, Topic
        from .models.articles import next_publication

        versions.schedule(next_publication)  # a scheduled article goes live with nobody saving it
        # A changed slug leaves a 301 at the old address (and at the pages under it).
        follow_renames(Article, Topic, Stretch, Routine, AuthorProfile)
