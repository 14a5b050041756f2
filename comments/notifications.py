"""Plain, branded emails about comments. Every optional one carries a one-click unsubscribe link."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from outbox.unsubscribe import one_click_headers

from .tokens import confirm_token, unsubscribe_token


def _url(path):
    return settings.LIMBER["SITE_URL"] + path


def _send(template, to, context, unsubscribe=None):
    context = {**context, "site_url": settings.LIMBER["SITE_URL"], "unsubscribe_url": unsubscribe}
    subject = " ".join(render_to_string(f"comments/email/{template}_subject.txt", context).split())
    body = render_to_string(f"comments/email/{template}.txt", context)
    headers = one_click_headers(unsubscribe) if unsubscribe else {}
    prefix = settings.LIMBER["EMAIL_SUBJECT_PREFIX"]
    EmailMessage(f"{prefix}{subject}", body, to=[to], headers=headers).send()


def _recipient(comment, kind):
    """(address, unsubscribe link) for the comment's author if they want `kind` emails, else None."""
    if comment.author_id:
        author = comment.author
        wants = author.notify_replies if kind == "replies" else author.notify_moderation
        if wants and author.email and author.is_active:
            return author.email, _url(
                reverse("comments:unsubscribe", args=[unsubscribe_token(kind=kind, user=author)])
            )
        return None
    if comment.notify and comment.guest_email:
        token = unsubscribe_token(kind=kind, email=comment.guest_email)
        return comment.guest_email, _url(reverse("comments:unsubscribe", args=[token]))
    return None


def moderators_held(comment):
    """Tell the moderators a comment is waiting for them."""
    moderators = (
        get_user_model()
        .objects.filter(
            Q(groups__name=settings.COMMENTS["MODERATORS_GROUP"]) | Q(is_superuser=True), is_active=True
        )
        .exclude(email="")
        .distinct()
    )
    context = {"comment": comment, "queue_url": _url(reverse("admin:comments_comment_changelist"))}
    for moderator in moderators:
        _send("held", moderator.email, {**context, "moderator": moderator})


def author_moderated(comment):
    """Tell the author their comment was published, or not."""
    recipient = _recipient(comment, "moderation")
    if recipient:
        _send(
            "moderated",
            recipient[0],
            {"comment": comment, "url": _url(comment.get_absolute_url())},
            recipient[1],
        )


def parent_replied(reply):
    """Tell the author of the comment replied to, unless they replied to themselves."""
    parent = reply.in_reply_to  # the comment it answers, even where threads are at full depth
    if parent is None or parent.removed:
        return
    same_person = (parent.author_id and parent.author_id == reply.author_id) or (
        not parent.author_id
        and parent.guest_email
        and parent.guest_email.lower() == reply.guest_email.lower()
    )
    recipient = None if same_person else _recipient(parent, "replies")
    if recipient:
        _send(
            "reply",
            recipient[0],
            {"reply": reply, "parent": parent, "url": _url(reply.get_absolute_url())},
            recipient[1],
        )


def guest_confirmation(comment):
    link = _url(reverse("comments:confirm", args=[confirm_token(comment)]))
    _send(
        "confirm",
        comment.guest_email,
        {"comment": comment, "confirm_url": link, "days": settings.COMMENTS["UNCONFIRMED_DAYS"]},
    )
