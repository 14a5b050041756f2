"""Running it in public: a health check for monitors, a request id on every response and log
line, and error reports mailed to the admins through the task queue."""

import datetime
import logging

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from operations.request_ids import RequestIdFilter

pytestmark = pytest.mark.django_db


def test_the_health_check_says_what_works_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["ok"] and report["database"]["ok"] and report["cache"]["ok"] and report["tasks"]["ok"]
    assert "no-store" in response["Cache-Control"] and "X-Page-Cache" not in response


def test_mail_waiting_with_no_worker_to_send_it_makes_the_check_fail(client, settings):
    settings.TASKS_BACKEND = "database"
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    waiting = DBTaskResult.objects.create(
        task_path="outbox.tasks.send_email",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        priority=0,
        status="READY",
        run_after=an_hour_ago,
    )
    DBTaskResult.objects.filter(pk=waiting.pk).update(enqueued_at=an_hour_ago)  # queued an hour ago
    response = client.get("/healthz")
    assert response.status_code == 503
    tasks = response.json()["tasks"]
    assert (tasks["ok"], tasks["waiting"]) == (False, 1) and tasks["oldest_seconds"] >= 3600


def test_every_response_and_its_log_lines_carry_one_request_id(client, caplog):
    caplog.handler.addFilter(RequestIdFilter())
    response = client.post("/csp-report/", b'{"csp-report": {}}', content_type="application/csp-report")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    assert [r.request_id for r in caplog.records if r.name == "limber.csp"] == [request_id]
    assert client.get("/")["X-Request-ID"] != request_id


def test_only_our_own_proxy_may_name_the_request(settings):
    import ipaddress

    settings.LIMBER = {**settings.LIMBER, "TRUSTED_PROXIES": frozenset({ipaddress.ip_address("127.0.0.1")})}
    named = "0f3c2b1a-nginx-id-1234"
    assert Client(REMOTE_ADDR="127.0.0.1", HTTP_X_REQUEST_ID=named).get("/")["X-Request-ID"] == named
    assert Client(REMOTE_ADDR="198.51.100.7", HTTP_X_REQUEST_ID=named).get("/")["X-Request-ID"] != named


def test_server_errors_are_mailed_to_the_admins(settings):
    settings.ROOT_URLCONF = "tests.urls_error"
    settings.ADMINS = [("Ada", "ada@example.com")]
    logging.getLogger("django.request")  # Django's own logging sends the mail
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    (report,) = mail.outbox
    assert report.to == ["ada@example.com"] and report.subject.startswith("[Limber] ERROR")
    assert "RuntimeError at /broken/\na bug" in report.body


def test_with_the_cache_server_down_the_health_check_says_so(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == {"ok": False, "error": "ConnectionError"}
