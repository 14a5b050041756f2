"""Signed values for comment forms and emails: nothing to store, nothing to guess."""

import time

from django.core import signing

STARTED_SALT = "comments.started"
CONFIRM_SALT = "comments.confirm"
UNSUBSCRIBE_SALT = "comments.unsubscribe"


def started_token():
    """When the form was handed out, signed, so a bot cannot claim it waited."""
    return signing.dumps(time.time(), salt=STARTED_SALT)


def seconds_since_started(token, max_age=24 * 3600):
    """Seconds since the form was handed out, or None for a missing, forged or stale token."""
    try:
        started = signing.loads(token or "", salt=STARTED_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    return time.time() - float(started)


def confirm_token(comment):
    return signing.dumps(comment.pk, salt=CONFIRM_SALT)


def comment_from_confirm_token(token, max_age):
    return signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)


def unsubscribe_token(*, kind, user=None, email=""):
    """kind is "replies" or "moderation"; for a member the choice is stored on their profile."""
    payload = {"k": kind, "u": user.pk} if user is not None else {"k": kind, "e": email.lower()}
    return signing.dumps(payload, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    return signing.loads(token, salt=UNSUBSCRIBE_SALT)
