from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = "Members"

    def ready(self):
        from practice.models import Reminder

        post_save.connect(keep_zone_of_first_reminder, sender=Reminder, dispatch_uid="members-zone")


def keep_zone_of_first_reminder(sender, instance, created, **kwargs):
    """A member's first reminder says where they live: their profile keeps that zone (practice
    never names this app's fields), and every page they see uses it from then on."""
    if created and not instance.user.time_zone:
        get_user_model().objects.filter(pk=instance.user_id, time_zone="").update(
            time_zone=instance.time_zone
        )
