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
