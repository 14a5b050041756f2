from django.apps import AppConfig


class CommentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        from pages import versions
        from stretches.models import ArticleQuerySet

        from .models import count_for_cards
        from .services import next_closing

        # Article cards (home, topics, related articles) say how many comments each has.
        ArticleQuerySet.card_annotations["comment_count"] = count_for_cards
        versions.schedule(next_closing)  # a form disappears when comments close by age
