"""`/healthz`: whether this server can do its work, for a load balancer or a monitor. Never
cached. Everyone learns whether it is ok; only a client on this machine (or one of the trusted
proxies) or a monitor with LIMBER_HEALTHZ_TOKEN sees which part failed and the queue's counts."""

import datetime
import ipaddress
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, When
from django.db.models.functions import Greatest
from django.http import JsonResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache

from outbox import leases
from web.clients import client_ip

# Mail waiting longer than this for a worker means no worker is running.
STALE_TASK = datetime.timedelta(minutes=10)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True}


def _cache():
    key, value = "limber:healthz", uuid.uuid4().hex
    cache.set(key, value, 30)
    return {"ok": cache.get(key) == value}


def _tasks():
    """How many tasks wait, the oldest's age, and how many failed in the last day."""
    if settings.TASKS_BACKEND == "rq":
        import django_rq

        queue = django_rq.get_queue("default")
        # Jobs whose worker stopped sending heartbeats: RQ's own lease, read without cleaning up.
        stuck = len(queue.started_job_registry.get_expired_job_ids())
        return {
            "ok": not stuck,
            "waiting": queue.count,
            "stuck": stuck,
            "failed": queue.failed_job_registry.count,
        }
    if settings.TASKS_BACKEND != "database":
        return {"ok": True, "waiting": 0, "failed": 0}
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    due = DBTaskResult.objects.ready()
    # A retry waits from its due time, not from when it was queued an hour before; a task queued
    # for "whenever" (run_after far in the future) from when it was queued.
    since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")), default=Greatest("enqueued_at", "run_after")
    )
    oldest = due.annotate(since=since).order_by("since").values_list("since", flat=True).first()
    waited = (now - oldest).total_seconds() if oldest else 0
    failed = DBTaskResult.objects.failed().filter(finished_at__gte=now - datetime.timedelta(days=1)).count()
    stuck = leases.stuck().count()  # running past the lease: their worker died and none is left
    return {
        "ok": waited < STALE_TASK.total_seconds() and not stuck,
        "waiting": due.count(),
        "oldest_seconds": round(waited),
        "stuck": stuck,
        "failed": failed,
    }


def _ours(value):
    address = ipaddress.ip_address(value) if value else None
    return address is not None and (address.is_loopback or address in settings.LIMBER["TRUSTED_PROXIES"])


def may_see_details(request):
    """A monitor with the token, or a client on this machine or a trusted proxy, by its real
    address: a reader whose request nginx forwards from 127.0.0.1 is the reader, not nginx."""
    token = settings.LIMBER["HEALTHZ_TOKEN"]
    scheme, _, sent = request.headers.get("Authorization", "").partition(" ")
    if token and scheme.lower() == "bearer" and constant_time_compare(sent.strip(), token):
        return True
    # Without our proxy listed, client_ip() ignores X-Forwarded-For: a request that names anyone
    # else as its origin is not shown the details either way.
    forwarded = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
    try:
        return _ours(client_ip(request)) and all(_ours(hop) for hop in forwarded)
    except ValueError:  # a hop that is not an address
        return False


@never_cache
def healthz(request):
    report = {}
    for name, check in (("database", _database), ("cache", _cache), ("tasks", _tasks)):
        try:
            report[name] = check()
        except Exception as error:  # a check that cannot run is a failed check, never a 500
            report[name] = {"ok": False, "error": type(error).__name__}
    healthy = all(part["ok"] for part in report.values())
    details = report if may_see_details(request) else {}
    return JsonResponse({"ok": healthy, **details}, status=200 if healthy else 503)
