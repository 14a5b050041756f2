"""No mail is lost to a worker that dies or is stopped: a real `manage.py db_worker` process,
on the test database, sending to a mail server that is slow to accept. A worker killed mid-send
leaves its task RUNNING; once the lease is over /healthz says so and the next worker sends it.
Told to stop, a worker finishes its send; stopped twice, it puts the mail back."""

import asyncio
import datetime
import email
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.servers import database_url, free_port

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ROOT = Path(__file__).resolve().parent.parent
LEASE = 5  # seconds, instead of minutes


class SlowSink:
    """A mail server that holds the first message for `stall` seconds before answering (and, if
    `accept_held` is off, never takes it), then takes every message at once."""

    def __init__(self, stall, accept_held=True):
        self.stall, self.accept_held = stall, accept_held
        self.messages = []
        self.holding = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if not self.holding.is_set():
            self.holding.set()
            await asyncio.sleep(self.stall)
            if not self.accept_held:
                return "451 Try again later"
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def sink(request, settings):
    """A slow mail server, and mail queued in the database for workers to send there."""
    stall, accept_held = request.param
    sink = SlowSink(stall, accept_held)
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.TASKS_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.OUTBOX = {
        **settings.OUTBOX,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "LEASE_SECONDS": LEASE,
    }
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", controller.port, False
    sink.port = controller.port
    yield sink
    controller.stop()


def start_worker(sink, **extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "database",
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "EMAIL_TIMEOUT": "30",  # the server's stall is not a timeout
        "OUTBOX_LEASE_SECONDS": str(LEASE),
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }
    options = ["--no-reload", "--no-startup-delay", "--interval", "0.2"]
    return subprocess.Popen([sys.executable, "manage.py", "db_worker", *options], cwd=ROOT, env=env)


def until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.1)


def queue_a_mail():
    mail.send_mail("Your routine", "Knee to chest, ten times.", None, ["ada@example.com"])
    return DBTaskResult.objects.get()


def status(task):
    task.refresh_from_db()
    return task.status


@pytest.mark.parametrize("sink", [(60, False)], indirect=True)
def test_mail_a_killed_worker_was_sending_is_sent_by_the_next_worker_after_the_lease(sink):
    task = queue_a_mail()
    worker = start_worker(sink)
    try:
        assert sink.holding.wait(30), "the worker never reached the mail server"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    killed = time.monotonic()
    assert status(task) == "RUNNING"  # and nobody will take it back but a lease

    def stuck_reported():
        response = Client().get("/healthz")  # from this machine: the details
        return response.status_code == 503 and response.json()["tasks"]["stuck"] == 1

    until(stuck_reported, LEASE + 5, "/healthz reports the stuck task")
    assert Client().get("/healthz").json()["tasks"]["ok"] is False

    worker = start_worker(sink)
    try:
        left = LEASE + 30 - (time.monotonic() - killed)
        until(lambda: status(task) == "SUCCESSFUL", left, "the mail is sent")
    finally:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=10) == 0
    (sent,) = sink.messages
    assert sent["To"] == "ada@example.com" and sent["Subject"] == "Your routine"
    assert len(task.worker_ids) == 2  # taken again, by another worker
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json()["tasks"]["stuck"] == 0


@pytest.mark.parametrize("sink", [(2, True)], indirect=True)
def test_a_worker_told_to_stop_finishes_the_mail_it_is_sending(sink):
    task = queue_a_mail()
    worker = start_worker(sink)
    try:
        assert sink.holding.wait(30), "the worker never reached the mail server"
        worker.send_signal(signal.SIGTERM)  # as systemd stops a service
        assert worker.wait(timeout=20) == 0
    finally:
        worker.kill()
    assert status(task) == "SUCCESSFUL" and len(sink.messages) == 1


@pytest.mark.parametrize("sink", [(60, False)], indirect=True)
def test_a_worker_stopped_twice_in_a_send_leaves_the_mail_queued_for_the_next(sink):
    queue_a_mail()
    worker = start_worker(sink, EMAIL_TIMEOUT="3")
    try:
        assert sink.holding.wait(30), "the worker never reached the mail server"
        worker.send_signal(signal.SIGTERM)
        time.sleep(0.5)  # the first signal is handled: the worker waits for its send
        worker.send_signal(signal.SIGTERM)  # and the second cuts it short
        assert worker.wait(timeout=20) == 1
    finally:
        worker.kill()
    assert not sink.messages and not DBTaskResult.objects.filter(status__in=["RUNNING", "FAILED"]).exists()
    (waiting,) = DBTaskResult.objects.filter(status="READY")  # itself, or its next attempt
    DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now())  # time passes
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)  # the next worker
    assert status(waiting) == "SUCCESSFUL" and len(sink.messages) == 1


@pytest.mark.parametrize("sink", [(60, False)], indirect=True)
def test_on_rq_mail_a_killed_worker_was_sending_is_retried_once_rq_finds_it_abandoned(sink, settings):
    """TASKS_BACKEND=rq: RQ's own lease is the worker's heartbeat; the first maintenance after it
    ran out (about 90 s, then up to 10 minutes) retries the job."""
    redis_url = os.environ.get("RQ_URL", "redis://127.0.0.1:6379/2")
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        Redis.from_url(redis_url).ping()
    except RedisError:
        if os.environ.get("LIMBER_REQUIRE_REDIS"):
            pytest.fail(f"no Redis at {redis_url}")
        pytest.skip(f"no Redis at {redis_url} (CI's PostgreSQL + Redis stage runs this)")
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    settings.TASKS_BACKEND = "rq"
    settings.RQ_QUEUES = {"default": {"URL": redis_url, "QUEUE_CLASS": "outbox.queues.RetryingQueue"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default", job_class=Job)
    queue.connection.flushdb()  # the test's own database: no jobs or registries of earlier runs
    mail.send_mail("Your routine", "Knee to chest, ten times.", None, ["ada@example.com"])
    (job_id,) = queue.job_ids

    command = [sys.executable, "manage.py", "rqworker", "default", "--job-class", "django_tasks_rq.Job"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "TASKS_BACKEND": "rq",
        "RQ_URL": redis_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "EMAIL_TIMEOUT": "30",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    # A session of its own, so the worker and its work horse are killed together, as a machine
    # that goes down (or systemd's final SIGKILL) would.
    worker = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    try:
        assert sink.holding.wait(30), "the worker never reached the mail server"
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    assert queue.fetch_job(job_id).get_status() == "started" and queue.count == 0

    later = time.time() + 120  # the dead worker's last heartbeat has run out
    registry = queue.started_job_registry
    assert registry.get_expired_job_ids(later) == [job_id]  # what /healthz counts as stuck
    registry.cleanup(later)  # what the next worker's maintenance does
    assert queue.job_ids == [job_id]  # back in the queue
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    (sent,) = sink.messages
    assert sent["To"] == "ada@example.com" and queue.fetch_job(job_id).get_status() == "finished"


def _running_since(seconds_ago, workers):
    started = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    return DBTaskResult.objects.create(
        task_path="outbox.tasks.send_email",
        args_kwargs={"args": [{}], "kwargs": {}},
        backend_name="default",
        status="RUNNING",
        started_at=started,
        run_after=started,
        worker_ids=[f"worker-{n}" for n in range(workers)],
    )


def test_only_tasks_past_their_lease_are_taken_back_and_only_once(settings):
    from outbox.leases import requeue_stuck

    settings.OUTBOX = {**settings.OUTBOX, "LEASE_SECONDS": 300, "ATTEMPTS": 3}
    lost, busy = _running_since(301, workers=1), _running_since(200, workers=1)
    assert requeue_stuck("default") == 1
    assert requeue_stuck("default") == 0  # a second worker after the first finds nothing
    assert (status(lost), status(busy)) == ("READY", "RUNNING")


def test_a_task_that_loses_every_worker_ends_failed(settings):
    from outbox.leases import requeue_stuck

    settings.OUTBOX = {**settings.OUTBOX, "LEASE_SECONDS": 300, "ATTEMPTS": 3}
    doomed = _running_since(301, workers=3)
    assert requeue_stuck("default") == 0 and status(doomed) == "FAILED"
    assert doomed.exception_class_path == "outbox.leases.WorkerLost"


def test_a_lease_shorter_than_a_slow_send_is_refused_for_production(settings):
    from outbox.apps import lease_outlasts_a_send

    settings.EMAIL_TIMEOUT = 10
    settings.OUTBOX = {**settings.OUTBOX, "LEASE_SECONDS": 300}
    assert lease_outlasts_a_send(None) == []
    settings.OUTBOX = {**settings.OUTBOX, "LEASE_SECONDS": 30}
    assert [error.id for error in lease_outlasts_a_send(None)] == ["outbox.E002"]
