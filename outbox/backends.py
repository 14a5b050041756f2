"""The site's EMAIL_BACKEND: puts each message on the task queue instead of talking to the mail
server, so a slow or unreachable server never slows or fails a request. The worker sends it
with OUTBOX["EMAIL_BACKEND"], the real one (SMTP, from EMAIL_URL)."""

from django.core.mail.backends.base import BaseEmailBackend

from .tasks import send_email


def as_data(message):
    """What the worker needs to send `message` again, as plain JSON."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
    }


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        # In the database backend's queue a message belongs to the transaction that queued it: a
        # change rolled back sends nothing. (The site's own notifications wait for the commit.)
        for message in email_messages:
            send_email.enqueue(as_data(message))
        return len(email_messages)
