from django.apps import AppConfig


class OutboxConfig(AppConfig):
    """Mail that can never fail a request: every email is queued as a task and sent by a worker,
    again later if the mail server is down."""

    name = "outbox"
    verbose_name = "Outbox"
