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


PUBLIC = "203.0.113.9"
TOKEN = "healthz-token-for-tests-0123456789"


@pytest.fixture
def behind_nginx(settings):
    import ipaddress

    settings.LIMBER = {
        **settings.LIMBER,
        "TRUSTED_PROXIES": frozenset({ipaddress.ip_address("127.0.0.1")}),
        "HEALTHZ_TOKEN": TOKEN,
    }


def test_the_public_learns_only_whether_the_site_is_healthy(behind_nginx):
    response = Client(REMOTE_ADDR=PUBLIC).get("/healthz")
    assert (response.status_code, response.json()) == (200, {"ok": True})
    local = Client().get("/healthz").json()  # from this machine: every part (positive control)
    assert local["ok"] and local["tasks"]["ok"] and local["database"] == {"ok": True}


def test_a_failing_check_shows_the_public_only_that_it_fails(behind_nginx, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    response = Client(REMOTE_ADDR=PUBLIC).get("/healthz")
    assert (response.status_code, response.json()) == (503, {"ok": False})


def test_a_monitor_with_the_token_sees_the_details_from_anywhere(behind_nginx):
    response = Client(REMOTE_ADDR=PUBLIC).get("/healthz", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200 and response.json()["tasks"]["ok"] is True


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer not-the-token"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer "},
    ],
)
def test_a_wrong_token_gets_the_public_view(behind_nginx, headers):
    response = Client(REMOTE_ADDR=PUBLIC).get("/healthz", headers=headers)
    assert (response.status_code, response.json()) == (200, {"ok": True})


def test_the_token_counts_only_in_its_header(behind_nginx):
    assert Client(REMOTE_ADDR=PUBLIC).get(f"/healthz?token={TOKEN}").json() == {"ok": True}


def test_no_token_is_accepted_when_none_is_set(settings):
    settings.LIMBER = {**settings.LIMBER, "HEALTHZ_TOKEN": ""}
    response = Client(REMOTE_ADDR=PUBLIC).get("/healthz", headers={"Authorization": "Bearer "})
    assert response.json() == {"ok": True}


@pytest.mark.parametrize(
    "peer, forwarded, details",
    [
        ("127.0.0.1", PUBLIC, False),  # a reader through nginx is the reader
        ("127.0.0.1", f"127.0.0.1, {PUBLIC}", False),  # who sent "127.0.0.1" to nginx themselves
        ("198.51.100.7", "127.0.0.1", False),  # a spoofed header from a peer we do not trust
        ("127.0.0.1", "127.0.0.1", True),  # a monitor on this machine, through nginx
        ("::1", None, True),  # or straight to gunicorn
    ],
)
def test_details_go_only_to_a_client_whose_real_address_is_this_machine(
    behind_nginx, peer, forwarded, details
):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    report = Client(REMOTE_ADDR=peer).get("/healthz", headers=headers).json()
    assert report["ok"] and ("tasks" in report) is details


def test_behind_a_proxy_nobody_listed_a_forwarded_reader_gets_the_public_view(settings):
    settings.LIMBER = {**settings.LIMBER, "TRUSTED_PROXIES": frozenset()}
    report = Client(REMOTE_ADDR="127.0.0.1").get("/healthz", headers={"X-Forwarded-For": PUBLIC}).json()
    assert report == {"ok": True}
