from django.apps import AppConfig


class StretchesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stretches"
    verbose_name = "Stretching content"

    def ready(self):
        from pagecache import invalidation, versions
        from redirects.renames import follow_renames

        from . import models
        from .models.articles import next_publication

        # Everything here shows on pages, whole rows.
        for model in (
            models.Topic,
            models.Stretch,
            models.Muscle,
            models.Routine,
            models.RoutineStep,
            models.Article,
            models.Section,
            models.CallToAction,
            models.AuthorProfile,
            models.Reference,
        ):
            invalidation.watch(model, scopes=(versions.CONTENT,))
        versions.schedule(next_publication)  # a scheduled article goes live with nobody saving it
        # A changed slug leaves a 301 at the old address (and at the pages under it).
        follow_renames(models.Article, models.Topic, models.Stretch, models.Routine, models.AuthorProfile)
