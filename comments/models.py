from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from pagecache.invalidation import WatchedQuerySet


class CommentQuerySet(WatchedQuerySet):
    def approved(self):
        """Comments a moderator (or the rules) approved, wherever they hang."""
        return self.filter(status=Comment.Status.APPROVED)

    def public(self):
        """What every reader sees: approved comments whose every ancestor, and the comment they
        answer, are approved too.

        A reply under a comment that went back to moderation, or answering one, is hidden with
        it, so a thread, its permalink and the comment counts in article lists always agree, and
        no page names the author of a held comment.
        """
        return self.filter(self._shown())

    def visible_to(self, user):
        """What `user` sees: the public comments and, for a signed-in member, their own comments
        awaiting moderation, under the same condition."""
        if user is None or not user.is_authenticated:
            return self.public()
        return self.filter(self._shown(Q(status=Comment.Status.PENDING, author=user)))

    def present(self):
        """Public comments that are still there (not deleted by their author): what article
        lists count, and what can be replied to or reported."""
        return self.public().filter(removed=False)

    @staticmethod
    def _shown(also=None):
        approved = Comment.Status.APPROVED
        shown = Q(status=approved)
        if also is not None:
            shown |= also
        for level in range(1, settings.COMMENTS["MAX_DEPTH"]):
            parent = "__".join(["parent"] * level)
            shown &= Q(**{f"{parent}__isnull": True}) | Q(**{f"{parent}__status": approved})
        return shown & (Q(in_reply_to__isnull=True) | Q(in_reply_to__status=approved))


def count_for_cards():
    """The number of public comments on each article card (see ArticleQuerySet.for_cards)."""
    public = (
        Comment.objects.present()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(public), 0)


class Comment(models.Model):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", "Unconfirmed (guest has not clicked the email link yet)"
        PENDING = "pending", "Pending moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    article = models.ForeignKey("stretches.Article", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    root = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="thread",
        help_text="The top comment of this thread (empty for a top comment).",
    )
    depth = models.PositiveSmallIntegerField(default=0)
    in_reply_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The comment actually answered (shown under `parent` once threads are at full depth).",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    guest_name = models.CharField(max_length=60, blank=True)
    guest_email = models.EmailField(blank=True)
    notify = models.BooleanField(
        default=False, help_text="A guest asked to be told about replies and the moderation result."
    )
    text = models.TextField(max_length=settings.COMMENTS["MAX_LENGTH"])
    text_html = models.TextField(editable=False)
    link_count = models.PositiveSmallIntegerField(default=0, editable=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    held_reason = models.CharField(
        max_length=200, blank=True, help_text="Which rule held this comment or sent it to spam."
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The moderator who last approved, rejected or marked this comment as spam.",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    approval_notified = models.BooleanField(default=False, editable=False)
    reply_notified = models.BooleanField(default=False, editable=False)
    removed = models.BooleanField(
        default=False, help_text="Deleted by its author; kept for the replies under it."
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["article", "status", "root", "created_at"])]

    def __str__(self):
        return f"{self.name}: {self.text[:40]}"

    def get_absolute_url(self):
        return reverse("comments:permalink", args=[self.pk])

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    @property
    def name(self):
        if self.removed:
            return "Deleted comment"
        if self.author_id:
            return self.author.public_name
        return self.guest_name or "Former member"

    @property
    def anchor(self):
        return f"comment-{self.pk}"


class PostingSlot(models.Model):
    """When a member or address last posted, for the one-comment-per-15-seconds rule.

    In the database rather than the cache: taking a slot must be atomic on every backend (a
    file cache's "add" is not), and the key is a hash, so no address is stored here.
    """

    key = models.CharField(max_length=64, primary_key=True)
    last_post_at = models.DateTimeField()

    def __str__(self):
        return self.key


class ReportQuerySet(models.QuerySet):
    def counted(self):
        """Reports that count towards sending a comment back: from members with a confirmed
        address and a published comment of their own, so fresh accounts cannot hide one."""
        return self.filter(
            Exists(EmailAddress.objects.filter(user=OuterRef("reporter"), verified=True)),
            Exists(Comment.objects.approved().filter(author=OuterRef("reporter"))),
        )


class SpentStartToken(models.Model):
    """A comment form's signed start time, once a comment was sent with it: one form, one comment.

    In the database, like the posting slot: inserting a key is atomic on every backend (a file
    cache's "add" is not), and only a hash of the token is kept."""

    digest = models.CharField(max_length=64, primary_key=True)
    spent_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.digest


class Report(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="report_once")]

    def __str__(self):
        return f"Report on comment {self.comment_id}"


class ModerationRule(models.Model):
    class Kind(models.TextChoices):
        HOLD_WORD = "hold_word", "Hold for moderation: word or phrase"
        SPAM_WORD = "spam_word", "Send to spam: word or phrase"
        SPAM_EMAIL = "spam_email", "Send to spam: email address"
        SPAM_IP = "spam_ip", "Send to spam: IP address"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    value = models.CharField(
        max_length=200,
        help_text="Words match whole words, in any case. Emails and IP addresses match exactly.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="one_rule_per_value")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"
