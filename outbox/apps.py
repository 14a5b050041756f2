from django.apps import AppConfig
from django.conf import settings
from django.core import checks


class OutboxConfig(AppConfig):
    """Mail that can never fail a request: every email is queued as a task and sent by a worker,
    again later if the mail server is down."""

    name = "outbox"
    verbose_name = "Outbox"

    def ready(self):
        checks.register(tasks_run_in_a_worker, checks.Tags.compatibility, deploy=True)
        checks.register(lease_outlasts_a_send, checks.Tags.compatibility, deploy=True)


def tasks_run_in_a_worker(app_configs, **kwargs):
    """Tasks run as they are queued only in tests: in production that would send mail inside the
    request, with no retry."""
    if settings.TASKS_BACKEND == "immediate" and not settings.DEBUG:
        return [
            checks.Error(
                "TASKS_BACKEND=immediate sends mail inside requests, with no retry.",
                hint="Use the default (database) and run manage.py db_worker, or TASKS_BACKEND=rq.",
                id="outbox.E001",
            )
        ]
    return []


# An SMTP conversation is a handful of exchanges (connect, EHLO, STARTTLS, AUTH, MAIL, RCPT,
# DATA), each allowed EMAIL_TIMEOUT.
SEND_EXCHANGES = 6


def lease_outlasts_a_send(app_configs, **kwargs):
    """A send still going when its lease ends is taken by a second worker: sent twice."""
    lease, timeout = settings.OUTBOX["LEASE_SECONDS"], settings.EMAIL_TIMEOUT or 0
    if lease < SEND_EXCHANGES * timeout:
        return [
            checks.Error(
                f"OUTBOX_LEASE_SECONDS ({lease}) is shorter than a slow send may take "
                f"({SEND_EXCHANGES} × EMAIL_TIMEOUT = {SEND_EXCHANGES * timeout} s).",
                hint="Raise OUTBOX_LEASE_SECONDS or lower EMAIL_TIMEOUT.",
                id="outbox.E002",
            )
        ]
    return []
