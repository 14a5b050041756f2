from django.apps import AppConfig


class PracticeConfig(AppConfig):
    """Members' practice log (what they did, from the player) and their reminder emails."""

    name = "practice"
    verbose_name = "Practice log"
    default_auto_field = "django.db.models.BigAutoField"
