"""TASKS_BACKEND=rq: every job may be run again if its run is lost. RQ retries a job whose work
horse died, or that its StartedJobRegistry finds abandoned (a worker killed mid-send: its
heartbeat runs out, then the next maintenance of any worker finds it), only if the job was
queued with retries, and django-tasks-rq queues none: this queue gives every job some."""

from django_rq.queues import DjangoRQ
from rq import Retry

# At once: the task waits between SMTP attempts by itself. A message the task gave up on
# (StillFailing) is tried this many times more too; it was not sent, so it is never doubled.
RETRIES = 3


class RetryingQueue(DjangoRQ):
    def create_job(self, *args, retry=None, **kwargs):
        return super().create_job(*args, retry=retry or Retry(max=RETRIES), **kwargs)
