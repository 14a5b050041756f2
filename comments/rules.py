"""The moderation rules: which comments are published at once, held, or sent to spam."""

import re

from django.conf import settings

from .models import Comment, ModerationRule


def _has_word(text, word):
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


def evaluate(comment, *, trusted=None):
    """Return (status, reason) for a new or edited comment, from the rules in order.

    `trusted` says the author is trusted already (an edit of their own approved comment)."""
    status, reason = _evaluate(comment, trusted)
    return status, reason[:200]


def _evaluate(comment, trusted):
    rules = list(ModerationRule.objects.all())
    author = comment.author
    email = (author.email if author else comment.guest_email).strip().lower()
    if author is not None and author.comments_banned:
        return Comment.Status.SPAM, "The author is banned from commenting."
    for rule in rules:
        value = rule.value.strip()
        if rule.kind == ModerationRule.Kind.SPAM_EMAIL and email and email == value.lower():
            return Comment.Status.SPAM, f"Blocklisted email: {value}"
        if rule.kind == ModerationRule.Kind.SPAM_IP and comment.ip_address and comment.ip_address == value:
            return Comment.Status.SPAM, f"Blocklisted IP address: {value}"
        if rule.kind == ModerationRule.Kind.SPAM_WORD and _has_word(comment.text, value):
            return Comment.Status.SPAM, f"Blocklisted word: {value}"
    if author is not None and author.is_staff:
        return Comment.Status.APPROVED, ""
    if comment.link_count >= settings.COMMENTS["HOLD_LINKS"]:
        return Comment.Status.PENDING, f"{comment.link_count} links"
    for rule in rules:
        if rule.kind == ModerationRule.Kind.HOLD_WORD and _has_word(comment.text, rule.value.strip()):
            return Comment.Status.PENDING, f"Moderation word: {rule.value.strip()}"
    if author is None:
        return Comment.Status.PENDING, "Guest comment"
    if trusted is None:
        trusted = Comment.objects.approved().filter(author=author).exclude(pk=comment.pk).exists()
    if not trusted:
        return Comment.Status.PENDING, "First comment from this member"
    return Comment.Status.APPROVED, ""
