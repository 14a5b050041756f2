import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from pagecache.invalidation import WatchedQuerySet


def avatar_path(instance, filename):
    """Random names: an avatar's address says nothing about who it belongs to."""
    return f"avatars/{uuid.uuid4().hex}-{filename}"


class MemberManager(UserManager.from_queryset(WatchedQuerySet)):
    """Django's user manager, whose bulk updates of a public name or avatar invalidate cached
    pages as saves do."""

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        """`manage.py createsuperuser` makes an admin whose address counts as confirmed: the
        operator typed it on the server, and a fresh server may have no mail set up to send a code."""
        from allauth.account.models import EmailAddress  # allauth's models load after ours

        user = super().create_superuser(username, email, password, **extra_fields)
        if user.email:
            EmailAddress.objects.update_or_create(
                user=user,
                email__iexact=user.email,
                defaults={"email": user.email, "verified": True, "primary": True},
            )
        return user


class User(AbstractUser):
    """A person with an account: reader, member, editor or moderator.

    The profile lives here too (one row per person, no extra join for comments).
    """

    display_name = models.CharField(
        max_length=50, blank=True, help_text="Shown beside your comments. Leave empty to use your first name."
    )
    bio = models.TextField(max_length=500, blank=True, help_text="A few words about you, in plain text.")
    notify_replies = models.BooleanField("Email me when someone replies to my comments", default=True)
    notify_moderation = models.BooleanField("Email me when my comment is approved or rejected", default=True)
    comments_banned = models.BooleanField(
        default=False, help_text="Set by moderators: this member's comments go straight to spam."
    )
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        help_text="Where the member lives, e.g. Europe/Berlin: their reminders, practice weeks and "
        "the dates they see. Empty: the site's zone.",
    )
    avatar = models.ImageField(upload_to=avatar_path, blank=True, editable=False)  # 256 × 256
    avatar_small = models.ImageField(upload_to=avatar_path, blank=True, editable=False)  # 64 × 64

    objects = MemberManager()

    @property
    def public_name(self):
        """What other readers see: the display name, else the first name, never the email."""
        return self.display_name or self.first_name or "A Limber member"

    def delete_avatar_files(self):
        for field in (self.avatar, self.avatar_small):
            if field:
                field.delete(save=False)


class SavedArticle(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved")
    article = models.ForeignKey("stretches.Article", on_delete=models.CASCADE, related_name="saved_by")
    saved_at = models.DateTimeField(auto_now_add=True)

    objects = WatchedQuerySet.as_manager()

    class Meta:
        ordering = ["-saved_at"]
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="save_article_once")]

    def __str__(self):
        return f"{self.user} saved {self.article}"
