"""The comment flow's verbs. Every change of a comment's status goes through here, so the pages,
the admin, the emails and the tests all apply the same rules and send the same notifications."""

import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from stretches.models import Article
from web.clients import address_key

from . import notifications
from .models import Comment, ModerationRule, PostingSlot, Report, SpentStartToken
from .rules import evaluate
from .text import render_comment

Status = Comment.Status


class CommentError(Exception):
    """A comment that cannot be posted or changed, with a message for the person."""


class PostingTooFast(CommentError):
    """The one-comment-per-RATE_SECONDS rule: try again in a few seconds."""


def comments_open(article):
    """The per-article switch, and the optional closing N days after publication."""
    if not article.comments_open or not article.is_live:
        return False
    days = settings.COMMENTS["CLOSE_AFTER_DAYS"]
    return not days or article.published_at > timezone.now() - datetime.timedelta(days=days)


def next_closing():
    """When comments next close by age on a live article (a timestamp), or 0: pages showing its
    form must change then, with nobody saving anything."""
    days = settings.COMMENTS["CLOSE_AFTER_DAYS"]
    if not days:
        return 0
    age = datetime.timedelta(days=days)
    first = (
        Article.objects.live()
        .filter(comments_open=True, published_at__gt=timezone.now() - age)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return (first + age).timestamp() if first else 0


def _confirmations_sent(email, ip):
    """The most confirmation emails sent in the last hour to this address, or for this reader
    (an IPv6 /64 counts as one): a guest cannot make the site email anyone again and again."""
    recent = Comment.objects.filter(
        author__isnull=True, created_at__gte=timezone.now() - datetime.timedelta(hours=1)
    )
    by_email = recent.filter(guest_email__iexact=email.strip()).count()
    if not ip:
        return by_email
    reader = address_key(ip)
    return max(
        by_email, sum(address_key(other) == reader for other in recent.values_list("ip_address", flat=True))
    )


def _set_text(comment, text):
    comment.text = text
    comment.text_html, comment.link_count = render_comment(text)


def _apply_rules(comment, *, trusted=None):
    """Run the rules on a confirmed comment, save it, and tell whoever needs to know (once)."""
    previous = comment.status if comment.pk else None  # a new comment has no previous status
    comment.status, comment.held_reason = evaluate(comment, trusted=trusted)
    comment.save()
    if comment.status == Status.PENDING and previous != Status.PENDING:
        transaction.on_commit(lambda: notifications.moderators_held(comment))
    elif comment.status == Status.APPROVED:
        _announce_reply(comment)


def _announce_reply(comment):
    """The first time a reply is public, tell the person it answers. Never twice."""
    if comment.in_reply_to_id and not comment.reply_notified:
        comment.reply_notified = True
        comment.save(update_fields=["reply_notified"])
        transaction.on_commit(lambda: notifications.parent_replied(comment))


@transaction.atomic
def post_comment(
    *,
    article,
    text,
    author=None,
    guest_name="",
    guest_email="",
    notify=False,
    parent=None,
    ip=None,
    rate_limited=False,
):
    """A member's comment is judged by the rules at once; a guest's waits for email confirmation.

    With `rate_limited`, the comment also takes its author's (or address's) posting slot, once
    every other check has passed: a refused comment never costs the person their slot."""
    if not comments_open(article):
        raise CommentError("Comments are closed on this article.")
    if author is None and not settings.COMMENTS["GUESTS"]:
        raise CommentError("Please log in to comment.")
    if author is None and _confirmations_sent(guest_email, ip) >= settings.COMMENTS["GUEST_EMAILS_PER_HOUR"]:
        raise CommentError(
            "We have already emailed several confirmation links for that address in the last hour. "
            "Please use one of those, or try again in an hour."
        )
    answered = None
    if parent is not None:
        parent = Comment.objects.select_related("root", "parent").get(pk=parent.pk)  # its state now
        if parent.article_id != article.pk or parent.status != Status.APPROVED or parent.removed:
            raise CommentError("That comment can no longer be replied to.")
        answered = parent
        while parent.depth >= settings.COMMENTS["MAX_DEPTH"] - 1:  # keep threads readable
            parent = parent.parent
    if rate_limited and not take_posting_slot(key=f"user:{author.pk}" if author else f"ip:{address_key(ip)}"):
        raise PostingTooFast(
            "You are posting very quickly. Please wait a few seconds, then press Post again."
        )
    comment = Comment(
        article=article,
        parent=parent,
        in_reply_to=answered,
        root=(parent.root or parent) if parent else None,
        depth=parent.depth + 1 if parent else 0,
        author=author,
        guest_name="" if author else guest_name.strip(),
        guest_email="" if author else guest_email.strip(),
        notify=False if author else notify,
        ip_address=ip,
    )
    _set_text(comment, text.strip())
    if author is None:
        comment.status = Status.UNCONFIRMED
        comment.held_reason = "Waiting for the guest to confirm by email"
        comment.save()
        transaction.on_commit(lambda: notifications.guest_confirmation(comment))
    else:
        _apply_rules(comment)
    return comment


@transaction.atomic
def confirm_guest_comment(*, comment):
    """The guest clicked the link in their email: now the rules decide. Safe to call twice."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status == Status.UNCONFIRMED:
        _apply_rules(comment)
    return comment


def _moderate(comment, status, moderator):
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.status, comment.held_reason = status, ""
    comment.moderated_by, comment.moderated_at = moderator, timezone.now()
    comment.save(update_fields=["status", "held_reason", "moderated_by", "moderated_at"])
    return comment


def _tell_author_once(comment):
    """One word to the author about the outcome (published or not), never a second."""
    if not comment.approval_notified:
        comment.approval_notified = True
        comment.save(update_fields=["approval_notified"])
        transaction.on_commit(lambda: notifications.author_moderated(comment))


@transaction.atomic
def approve(*, comment, moderator=None):
    """Publish a comment. Reports against it start again from nothing; its author and the person
    it answers hear about it the first time only."""
    if Comment.objects.filter(pk=comment.pk, status=Status.UNCONFIRMED).exists():
        raise CommentError("This guest has not confirmed their comment by email yet.")
    comment = _moderate(comment, Status.APPROVED, moderator)
    comment.reports.all().delete()
    _tell_author_once(comment)
    _announce_reply(comment)
    return comment


@transaction.atomic
def reject(*, comment, moderator=None):
    comment = _moderate(comment, Status.REJECTED, moderator)
    _tell_author_once(comment)
    return comment


@transaction.atomic
def mark_spam(*, comment, moderator=None):
    return _moderate(comment, Status.SPAM, moderator)


@transaction.atomic
def ban_author(*, comment, moderator=None):
    """Members are banned from commenting; a guest's email goes on the blocklist. Their comments
    waiting for moderation go to spam."""
    if comment.author_id:
        comment.author.comments_banned = True
        comment.author.save(update_fields=["comments_banned"])
        theirs = Comment.objects.filter(author=comment.author_id)
    elif not comment.guest_email:  # a former member or a deleted comment: nobody left to ban
        return mark_spam(comment=comment, moderator=moderator)
    else:
        ModerationRule.objects.get_or_create(
            kind=ModerationRule.Kind.SPAM_EMAIL, value=comment.guest_email.lower()
        )
        theirs = Comment.objects.filter(author__isnull=True, guest_email__iexact=comment.guest_email)
    theirs.exclude(status=Status.SPAM).update(
        status=Status.SPAM, held_reason="Author banned", moderated_by=moderator, moderated_at=timezone.now()
    )
    return mark_spam(comment=comment, moderator=moderator)


def can_edit(comment, user):
    window = datetime.timedelta(minutes=settings.COMMENTS["EDIT_MINUTES"])
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and not comment.removed
        and timezone.now() - comment.created_at <= window
    )


@transaction.atomic
def edit_comment(*, comment, text, editor):
    """Authors may edit for a short while; an edit of a public comment is judged again."""
    if not can_edit(comment, editor):
        raise CommentError("This comment can no longer be edited.")
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    _set_text(comment, text.strip())
    comment.edited_at = timezone.now()
    held_by_moderators = comment.status == Status.PENDING and comment.reports.exists()
    if comment.status == Status.APPROVED:
        _apply_rules(comment, trusted=True)  # its own approval is trust enough; links and words still count
    elif comment.status == Status.PENDING and not held_by_moderators:
        _apply_rules(comment)
    else:
        comment.save()  # reported, rejected or spam: an edit does not reopen the decision
    return comment


@transaction.atomic
def delete_comment(*, comment, by):
    """An author may delete their comment at any time. Replies under it stay, under a placeholder."""
    if comment.author_id != by.pk:
        raise CommentError("You can only delete your own comments.")
    if comment.replies.exists():
        comment.removed = True
        comment.text = comment.text_html = ""
        comment.author = None
        comment.ip_address = None
        comment.save()
    else:
        comment.delete()


@transaction.atomic
def report_comment(*, comment, reporter):
    """After enough reports from different established members (Report.objects.counted) an
    approved comment goes back to the queue; a moderator's report sends it back at once."""
    if comment.author_id == reporter.pk:
        raise CommentError("You cannot report your own comment.")
    if comment.removed:
        raise CommentError("That comment has been deleted.")
    Report.objects.get_or_create(comment=comment, reporter=reporter)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status != Status.APPROVED:
        return comment
    if reporter.has_perm("comments.change_comment"):
        reason = "Reported by a moderator"
    else:
        reports = comment.reports.counted().count()
        if reports < settings.COMMENTS["REPORTS_TO_HOLD"]:
            return comment
        reason = f"Reported by {reports} members"
    comment.status, comment.held_reason = Status.PENDING, reason
    comment.save(update_fields=["status", "held_reason"])
    transaction.on_commit(lambda: notifications.moderators_held(comment))
    return comment


def expire_unconfirmed(*, now=None):
    """Delete guest comments never confirmed by email, and forget addresses once they are no
    longer needed against spam. Returns how many comments were deleted."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.COMMENTS["UNCONFIRMED_DAYS"])
    deleted, _ = Comment.objects.filter(status=Status.UNCONFIRMED, created_at__lt=cutoff).delete()
    keep_ips = now - datetime.timedelta(days=settings.COMMENTS["KEEP_IP_DAYS"])
    Comment.objects.filter(created_at__lt=keep_ips, ip_address__isnull=False).update(ip_address=None)
    PostingSlot.objects.filter(last_post_at__lt=now - datetime.timedelta(days=1)).delete()
    SpentStartToken.objects.filter(
        spent_at__lt=now - datetime.timedelta(days=2)
    ).delete()  # tokens last a day
    return deleted


def take_posting_slot(*, key):
    """One comment per RATE_SECONDS per member or address; True if this post may go ahead.

    Atomic on every database: the conditional UPDATE and the unique key settle any race."""
    seconds = settings.COMMENTS["RATE_SECONDS"]
    if not seconds:
        return True
    hashed = hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()
    now = timezone.now()
    with transaction.atomic():
        if PostingSlot.objects.filter(
            key=hashed, last_post_at__lte=now - datetime.timedelta(seconds=seconds)
        ).update(last_post_at=now):
            return True
        _, created = PostingSlot.objects.get_or_create(key=hashed, defaults={"last_post_at": now})
        return created


@transaction.atomic
def forget_member(*, user, delete_comments=False):
    """For account deletion: delete the member's comments, or keep them as "Former member"."""
    theirs = Comment.objects.filter(author=user)
    if delete_comments:
        for comment in theirs:
            delete_comment(comment=comment, by=user)
    else:
        theirs.update(author=None, guest_name="", guest_email="", ip_address=None, notify=False)
    Report.objects.filter(reporter=user).delete()
