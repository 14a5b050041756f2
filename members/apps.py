from django.apps import AppConfig


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = "Members"

    def ready(self):
        from pagecache import invalidation, versions

        from .models import SavedArticle, User

        # What a member saved shows on the articles, to them alone.
        invalidation.watch(SavedArticle, scopes=(), member_field="user")
        # A member's public name and avatar show on articles they wrote and on their comments; the
        # staff flag shows as a "Moderator" badge. Logins and preferences change nothing.
        invalidation.watch(
            User,
            scopes=(versions.CONTENT, versions.COMMENTS),
            fields=("first_name", "display_name", "avatar", "avatar_small", "is_staff"),
            new_rows_show=False,
        )
