"""Signed unsubscribe links for reminder emails: nothing to store, nothing to guess."""

from django.core import signing

UNSUBSCRIBE_SALT = "practice.unsubscribe"


def unsubscribe_token(reminder):
    # The member's id too, so a link can only ever stop the reminder it was sent for.
    return signing.dumps({"r": reminder.pk, "u": reminder.user_id}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(reminder id, member id); signing.BadSignature for anything the site did not sign."""
    payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    try:
        return int(payload["r"]), int(payload["u"])
    except (KeyError, TypeError, ValueError):
        raise signing.BadSignature("not an unsubscribe token") from None
