"""Mail never fails a request: it is queued as a task and sent by a real worker (django-tasks'
database worker; RQ for several machines), over real SMTP, again later while the server is down,
exactly once when it is back, and a message that keeps failing ends failed where an operator
sees it."""

import email
import os
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import UserFactory

# The worker closes its database connection between tasks, as in production: real transactions.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SMTP = "django.core.mail.backends.smtp.EmailBackend"


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def queued(settings):
    """Tasks in the database, as in production, and a mail server that is not there yet."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.OUTBOX = {**settings.OUTBOX, "EMAIL_BACKEND": SMTP, "ATTEMPTS": 3, "FIRST_RETRY_SECONDS": 60}
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", free_port(), False
    settings.EMAIL_TIMEOUT = 2
    return settings


def work():
    """The worker, as `manage.py db_worker` runs it, until nothing is due."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def time_passes():
    """Every retry waiting for its time is due now."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def ask_for_a_reset(django_capture_on_commit_callbacks):
    UserFactory(email="ada@example.com", first_name="Ada", verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/accounts/password/reset/", {"email": "ada@example.com"})
    return response


def test_with_the_mail_server_down_the_request_succeeds_and_the_mail_arrives_once_it_is_up(
    queued, django_capture_on_commit_callbacks
):
    response = ask_for_a_reset(django_capture_on_commit_callbacks)
    assert response.status_code == 302  # at once, with nothing listening on the SMTP port
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    work()  # the server is down: the attempt fails and the next is queued for later
    waiting = DBTaskResult.objects.get(status="READY")
    assert waiting.run_after > timezone.now() and waiting.args_kwargs["kwargs"] == {"attempt": 2}

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=queued.EMAIL_PORT)
    controller.start()
    try:
        time_passes()
        work()
        work()  # and again: nothing is sent twice
    finally:
        controller.stop()
    assert len(sink.messages) == 1
    assert sink.messages[0]["To"] == "ada@example.com"
    assert sink.messages[0]["Subject"] == "[Limber] Reset your password"
    assert not DBTaskResult.objects.filter(status__in=["READY", "FAILED"]).exists()


def test_a_mail_that_keeps_failing_ends_failed_for_an_operator_to_see(
    queued, django_capture_on_commit_callbacks
):
    ask_for_a_reset(django_capture_on_commit_callbacks)
    for _ in range(queued.OUTBOX["ATTEMPTS"]):
        work()
        time_passes()
    failed = DBTaskResult.objects.get(status="FAILED")
    assert "StillFailing" in failed.exception_class_path
    assert "gave up after 3 attempt(s)" in failed.traceback
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_retries_wait_longer_each_time_up_to_an_hour(settings):
    from outbox.tasks import backoff

    settings.OUTBOX = {**settings.OUTBOX, "FIRST_RETRY_SECONDS": 30}
    assert [backoff(n) for n in (1, 2, 3, 4, 10)] == [30, 60, 120, 240, 3600]


def test_several_machines_queue_mail_in_redis_for_an_rq_worker(settings, django_capture_on_commit_callbacks):
    """TASKS_BACKEND=rq: the queue is in Redis, shared by every machine; `manage.py rqworker
    --job-class django_tasks_rq.Job` (here its worker, in burst mode) sends what any queued."""
    redis_url = os.environ.get("RQ_URL", "redis://127.0.0.1:6379/2")
    from redis import Redis
    from redis.exceptions import RedisError

    connection = Redis.from_url(redis_url)
    try:
        connection.ping()
    except RedisError:
        if os.environ.get("LIMBER_REQUIRE_REDIS"):
            pytest.fail(f"no Redis at {redis_url}")
        pytest.skip(f"no Redis at {redis_url} (CI's PostgreSQL + Redis stage runs this)")
    from django.core import mail
    from django_tasks_rq import Job
    from rq import SimpleWorker

    settings.RQ_QUEUES = {"default": {"URL": redis_url}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    import django_rq

    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()
    ask_for_a_reset(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 0 and queue.count == 1
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ada@example.com"]


def test_a_queued_message_keeps_its_parts(settings):
    """HTML, attachments and lazy strings survive the queue as they would a direct send."""
    from django.core import mail
    from django.core.mail import EmailMultiAlternatives
    from django.utils.translation import gettext_lazy

    message = EmailMultiAlternatives(gettext_lazy("Password Reset"), "Plain", to=["ada@example.com"])
    message.attach_alternative("<p>Rich</p>", "text/html")
    message.attach("routine.txt", "Knee to chest, ten times", "text/plain")
    message.send()
    (sent,) = mail.outbox
    assert sent.subject == "Password reset" and sent.alternatives[0][0] == "<p>Rich</p>"
    assert sent.attachments[0][:2] == ("routine.txt", "Knee to chest, ten times")


def test_a_message_that_cannot_be_queued_never_breaks_an_error_report(settings, monkeypatch):
    """Django sends error reports with fail_silently while it handles another error."""
    from django.core.mail import mail_admins

    class QueueDown:
        def enqueue(self, *args, **kwargs):
            raise OSError("the database is down")

    settings.ADMINS = [("Ada", "ada@example.com")]
    monkeypatch.setattr("outbox.backends.send_email", QueueDown())
    mail_admins("Something broke", "details", fail_silently=True)  # no exception
    with pytest.raises(OSError):
        mail_admins("Something broke", "details")
