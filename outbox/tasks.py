"""Sending one email, with retries: a mail server that is down delays a message, never loses it."""

import base64
import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils import timezone
from django_tasks import task

log = logging.getLogger(__name__)


class StillFailing(Exception):
    """The message could not be sent after every attempt: it stays failed, for an operator."""


def backoff(attempt):
    """Seconds to wait before attempt `attempt + 1`: 30 s, 1 min, 2 min, ... capped at 1 hour."""
    return min(settings.OUTBOX["FIRST_RETRY_SECONDS"] * 2 ** (attempt - 1), 3600)


def _email(message):
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        cc=message["cc"],
        bcc=message["bcc"],
        reply_to=message["reply_to"],
        headers=message["headers"],
        alternatives=[tuple(pair) for pair in message["alternatives"]],
        connection=get_connection(settings.OUTBOX["EMAIL_BACKEND"]),
    )
    for filename, content, mimetype in message.get("attachments", []):
        email.attach(filename, base64.b64decode(content), mimetype)
    email.content_subtype = message.get("content_subtype", "plain")
    email.mixed_subtype = message.get("mixed_subtype", "mixed")
    email.alternative_subtype = message.get("alternative_subtype", "alternative")
    email.encoding = message.get("encoding")
    return email


@task()
def send_email(message, attempt=1):
    """Send `message` (outbox.backends.as_data) with the real backend; if the server cannot be
    reached or refuses for now, queue another attempt later, until OUTBOX["ATTEMPTS"] are spent.
    Recipients the server refuses outright are not tried again."""
    try:
        _email(message).send()
    except smtplib.SMTPRecipientsRefused as error:
        raise StillFailing(f"the mail server refused every recipient: {error}") from error
    except (OSError, smtplib.SMTPException) as error:
        if attempt >= settings.OUTBOX["ATTEMPTS"] or not send_email.get_backend().supports_defer:
            raise StillFailing(f"gave up after {attempt} attempt(s): {error}") from error
        wait = backoff(attempt)
        log.warning("Email to %s not sent (%s); trying again in %s s", message["to"], error, wait)
        later = timezone.now() + datetime.timedelta(seconds=wait)
        send_email.using(run_after=later).enqueue(message, attempt=attempt + 1)
