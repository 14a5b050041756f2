"""A task is leased to the worker that claims it, for OUTBOX["LEASE_SECONDS"]: a worker killed in
the middle of a send leaves its task RUNNING, and once the lease is over the next worker takes
it again. A mail may then go twice (the dead worker may have sent it); it is never lost.

django-tasks-db has no lease of its own: its workers take only READY tasks."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

log = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The task was taken by OUTBOX["ATTEMPTS"] workers and none of them lived to finish it."""


def lease():
    return datetime.timedelta(seconds=settings.OUTBOX["LEASE_SECONDS"])


def stuck(backend_name=None):
    """The database backend's tasks RUNNING for longer than the lease: their worker is gone."""
    from django_tasks_db.models import DBTaskResult

    overdue = DBTaskResult.objects.running().filter(started_at__lt=timezone.now() - lease())
    return overdue.filter(backend_name=backend_name) if backend_name else overdue


def requeue_stuck(backend_name):
    """Put every stuck task back in the queue (or fail it, after too many lost workers); returns
    how many were requeued. Safe for any number of workers at once, on SQLite and PostgreSQL:
    each row changes only if it is still RUNNING since the same moment, in one UPDATE."""
    from django_tasks_db.models import DBTaskResult

    requeued = 0
    for pk, started_at, worker_ids in stuck(backend_name).values_list("pk", "started_at", "worker_ids"):
        still_stuck = DBTaskResult.objects.running().filter(pk=pk, started_at=started_at)
        if len(worker_ids) >= settings.OUTBOX["ATTEMPTS"]:
            # A task that kills every worker that runs it must not go round for ever.
            error = WorkerLost(f"taken by {len(worker_ids)} workers, none of which finished it")
            still_stuck.update(
                status="FAILED",
                finished_at=timezone.now(),
                exception_class_path=f"{__name__}.{WorkerLost.__qualname__}",
                traceback=f"{WorkerLost.__qualname__}: {error}\n",
            )
            log.error("Task %s failed: %s", pk, error)
        elif still_stuck.update(status="READY", started_at=None):
            requeued += 1
            log.warning("Task %s was running past its lease on a lost worker: queued again", pk)
    return requeued


def return_to_queue(db_task_result):
    """A worker stopping in the middle of a task puts it back for the next worker."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=db_task_result.pk).update(
        status="READY", started_at=None, finished_at=None, exception_class_path="", traceback=""
    )
