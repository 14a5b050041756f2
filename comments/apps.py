from django.apps import AppConfig


class CommentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        from pagecache import invalidation, versions
        from privacy import registry as privacy
        from stretches.models.articles import add_to_cards

        from .accounts import erase_comments, export_comments
        from .models import Comment, count_for_cards
        from .services import next_closing

        # Readers see approved comments only, and only some of their fields: a pending comment
        # coming or going, a report or an email sent changes no page. Their author sees their own.
        invalidation.watch(
            Comment,
            scopes=(versions.COMMENTS,),
            fields=("status", "text_html", "removed", "author", "guest_name", "edited_at"),
            shown_when={"status": Comment.Status.APPROVED},
            member_field="author",
        )
        # Article cards (home, topics, related articles) say how many comments each has.
        add_to_cards("comment_count", count_for_cards)
        versions.schedule(next_closing)  # a form disappears when comments close by age
        privacy.register(export=export_comments, erase=erase_comments)
