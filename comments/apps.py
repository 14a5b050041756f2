from django.apps import AppConfig


class CommentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        from stretches.models import ArticleQuerySet

        from .models import count_for_cards

        # Article cards (home, topics, related articles) say how many comments each has.
        ArticleQuerySet.card_annotations["comment_count"] = count_for_cards
