from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = "Members"

    def ready(self):
        from pagecache import invalidation, versions
        from practice.models import Reminder

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
        post_save.connect(keep_zone_of_first_reminder, sender=Reminder, dispatch_uid="members-zone")


def keep_zone_of_first_reminder(sender, instance, created, **kwargs):
    """A member's first reminder says where they live: their profile keeps that zone (practice
    never names this app's fields), and every page they see uses it from then on."""
    if created and not instance.user.time_zone:
        get_user_model().objects.filter(pk=instance.user_id, time_zone="").update(
            time_zone=instance.time_zone
        )
