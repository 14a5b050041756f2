from django.apps import AppConfig


class PracticeConfig(AppConfig):
    """Members' practice log (what they did, from the player) and their reminder emails."""

    name = "practice"
    verbose_name = "Practice log"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from privacy import registry as privacy

        from .accounts import export_practice

        # Deleting the account deletes the rest: every row here cascades with the user.
        privacy.register(export=export_practice)
