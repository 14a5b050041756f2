"""The reminder email: plain text, straight into the player, one click to stop it."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from outbox.unsubscribe import one_click_headers

from .tokens import unsubscribe_token


def _url(path):
    # Sent from cron, outside any request: links go to the site's public address.
    return settings.LIMBER["SITE_URL"] + path


def send_reminder(reminder, address):
    """Queue the reminder's email to `address` (the member's verified primary one)."""
    unsubscribe = _url(reverse("practice:unsubscribe", args=[unsubscribe_token(reminder)]))
    context = {
        "reminder": reminder,
        "member": reminder.user,
        "routine": reminder.routine,
        "play_url": _url(reverse("stretches:routine_play", args=[reminder.routine.slug])),
        "reminders_url": _url(reverse("practice:reminders")),
        "unsubscribe_url": unsubscribe,
        "site_url": settings.LIMBER["SITE_URL"],
    }
    subject = " ".join(render_to_string("practice/email/reminder_subject.txt", context).split())
    body = render_to_string("practice/email/reminder.txt", context)
    prefix = settings.LIMBER["EMAIL_SUBJECT_PREFIX"]
    EmailMessage(f"{prefix}{subject}", body, to=[address], headers=one_click_headers(unsubscribe)).send()
