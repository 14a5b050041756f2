"""The site's EMAIL_BACKEND: puts each message on the task queue instead of talking to the mail
server, so a slow or unreachable server never slows or fails a request. The worker sends it
with OUTBOX["EMAIL_BACKEND"], the real one (SMTP, from EMAIL_URL)."""

import base64
import logging
from email.mime.base import MIMEBase

from django.core.mail.backends.base import BaseEmailBackend

from .tasks import send_email

log = logging.getLogger(__name__)


def _texts(values):
    return [str(value) for value in values]


def as_data(message):
    """What the worker needs to send `message` again, as plain JSON (lazy strings made text)."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            raise ValueError(
                "A MIME part cannot be queued: attach a file name, its content and type instead."
            )
        filename, content, mimetype = attachment
        content = content.encode() if isinstance(content, str) else content
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": _texts(message.to),
        "cc": _texts(message.cc),
        "bcc": _texts(message.bcc),
        "reply_to": _texts(message.reply_to),
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
        "mixed_subtype": message.mixed_subtype,
        "alternative_subtype": getattr(message, "alternative_subtype", "alternative"),
        "encoding": message.encoding,
    }


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        # In the database backend's queue a message belongs to the transaction that queued it: a
        # change rolled back sends nothing. (The site's own notifications wait for the commit.)
        queued = 0
        for message in email_messages:
            try:
                send_email.enqueue(as_data(message))
            except Exception:
                # Error reports are sent with fail_silently while Django handles another error,
                # perhaps with the database down: they must not turn a 500 page into a crash.
                if not self.fail_silently:
                    raise
                log.exception("Could not queue an email to %s", message.to)
            else:
                queued += 1
        return queued
