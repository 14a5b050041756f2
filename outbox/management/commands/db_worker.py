"""django-tasks-db's `db_worker`, with the lease of outbox/leases.py: besides running tasks,
every worker puts back the tasks of workers that died holding them. Same options, same
behaviour otherwise; it replaces the original because outbox comes first in INSTALLED_APPS."""

import logging
import os
import signal
import sys
import threading

from django.conf import settings
from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from outbox.leases import requeue_stuck, return_to_queue

log = logging.getLogger(__name__)


class Worker(db_worker.Worker):
    stopped_mid_task = False

    def run(self):
        self.requeue_stuck()
        if self.batch:
            return super().run()
        # A thread of its own, so tasks are taken back even while this worker runs a long one.
        stop = threading.Event()
        threading.Thread(target=self._requeue_every, args=(stop,), daemon=True, name="leases").start()
        try:
            return super().run()
        finally:
            stop.set()

    def _requeue_every(self, stop):
        # Signals must reach the main thread, to interrupt a send that waits on the network.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGQUIT})
        while not stop.wait(max(settings.OUTBOX["LEASE_SECONDS"] / 10, 1)):
            self.requeue_stuck()
            connections.close_all()  # this thread's own connections only

    def requeue_stuck(self):
        try:
            requeue_stuck(self.backend_name)
        except Exception:  # a database that is down now may be back at the next round
            log.exception("Could not requeue the tasks of lost workers")

    def shutdown(self, signum, frame):
        # A second signal stops the task where it is, and the original marks it failed: the
        # message was perhaps not sent, so it goes back to the queue instead. (A send cut short
        # while closing its connection ends in a network error: the task queues its own retry.)
        if not self.running and self.running_task:
            self.stopped_mid_task = True
        super().shutdown(signum, frame)

    def run_task(self, db_task_result):
        super().run_task(db_task_result)
        if self.stopped_mid_task:
            if db_task_result.status == "FAILED":
                return_to_queue(db_task_result)
                log.warning("Stopped during task %s: queued again", db_task_result.pk)
            sys.exit(1)


class Command(db_worker.Command):
    help = "Run a database background worker that also takes back tasks from lost workers"

    def handle(self, *, verbosity, queue_name, batch, reload, exclude_queues, **options):
        # The original's handle(), building this module's Worker.
        self.configure_logging(verbosity)
        if reload and batch:
            log.warning("--reload and --batch cannot be specified together. Disabling autoreload.")
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            excluded_queue_names=excluded_queue_names,
            batch=batch,
            **{
                name: options[name]
                for name in ("interval", "backend_name", "startup_delay", "max_tasks", "worker_id")
            },
        )
        if not reload:
            worker.configure_signals()
            worker.run()
            return
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":  # only the reloaded child handles signals
            worker.configure_signals()
        run_with_reloader(worker.run)
