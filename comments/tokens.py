"""Signed values for comment forms and emails: nothing to store, nothing to guess."""

import hashlib
import secrets
import time

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

STARTED_SALT = "comments.started"
CONFIRM_SALT = "comments.confirm"
UNSUBSCRIBE_SALT = "comments.unsubscribe"


STARTED_MAX_AGE = 24 * 3600


def started_token():
    """When the form was handed out, signed (with a nonce, so no two are alike), so a bot cannot
    claim it waited."""
    return signing.dumps({"t": time.time(), "n": secrets.token_hex(8)}, salt=STARTED_SALT)


def seconds_since_started(token):
    """Seconds since the form was handed out, or None for a missing, forged or stale token."""
    try:
        started = signing.loads(token or "", salt=STARTED_SALT, max_age=STARTED_MAX_AGE)
        return time.time() - float(started["t"] if isinstance(started, dict) else started)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def use_started(token):
    """Spend a start token: True the first time, False ever after (one token, one comment).
    The database's unique key settles two posts racing with one token."""
    from .models import SpentStartToken

    try:
        with transaction.atomic():
            SpentStartToken.objects.create(
                digest=hashlib.sha256(token.encode()).hexdigest(), spent_at=timezone.now()
            )
    except IntegrityError:
        return False
    return True


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
