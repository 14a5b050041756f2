"""Sending the reminders that have come due, each occurrence exactly once.

Cron runs `manage.py send_reminders` every few minutes. A run looks back LATE (a setting) from
now, so a run cron missed is made up by the next one, late and once. Before its email is queued,
each occurrence is claimed by inserting its ReminderDelivery row: the unique key on (reminder,
due_at) lets one run win when two overlap, and the email waits for that row's commit."""

import datetime
import logging
import zoneinfo
from dataclasses import dataclass
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

from stretches.models import Routine, RoutineStep

from .emails import send_reminder
from .models import Reminder, ReminderDelivery
from .schedule import occurrences

log = logging.getLogger(__name__)


@dataclass
class Result:
    sent: int = 0
    skipped: int = 0  # missed occurrences recorded but not sent: a later one of theirs was


def late_window():
    return datetime.timedelta(minutes=settings.PRACTICE["REMINDER_LATE_MINUTES"])


def sendable_reminders():
    """Active reminders of active members with a verified primary address (as `address`):
    reminders go only where the member has proved they read mail."""
    address = EmailAddress.objects.filter(user=OuterRef("user_id"), primary=True, verified=True)
    steps = RoutineStep.objects.select_related("stretch").order_by("order", "id")
    return (
        Reminder.objects.filter(active=True, user__is_active=True)
        .annotate(address=Subquery(address.values("email")[:1]))
        .filter(address__isnull=False)
        .select_related("user", "routine")
        .prefetch_related(Prefetch("routine__steps", queryset=steps))  # the email's duration
        .order_by("pk")
    )


def claimed_since(since):
    """{reminder id: due instants already claimed after `since`}, so consecutive runs pass
    them over without leaning on the unique key (which settles only true races)."""
    claimed = {}
    rows = ReminderDelivery.objects.filter(due_at__gt=since).values_list("reminder_id", "due_at")
    for reminder_id, due_at in rows:
        claimed.setdefault(reminder_id, set()).add(due_at)
    return claimed


def _claim(reminder, due_at, *, send, now):
    """Insert the occurrence's row; True if this run got it. With `send`, queue its email once
    the row is committed (a rolled-back claim sends nothing)."""
    try:
        with transaction.atomic():  # a savepoint: a lost race leaves the rest of the run intact
            delivery = ReminderDelivery.objects.create(
                reminder=reminder, due_at=due_at, sent_at=now if send else None, skipped=not send
            )
            if send:
                transaction.on_commit(partial(_queue, reminder, delivery.pk))
    except IntegrityError:
        return False  # another run claimed it: that run sends it
    return True


def _queue(reminder, delivery_pk):
    try:
        send_reminder(reminder, reminder.address)
    except Exception:
        # Not even queued (the task queue unreachable): give the claim back, so the next run
        # tries again while the occurrence is within LATE.
        log.exception("Could not queue reminder %s; the next run tries again", reminder.pk)
        ReminderDelivery.objects.filter(pk=delivery_pk).delete()


def _due(reminder, since, now):
    try:
        zone = zoneinfo.ZoneInfo(reminder.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        log.warning("Reminder %s has an unknown time zone %r", reminder.pk, reminder.time_zone)
        return []
    moments = occurrences(
        weekdays=reminder.weekday_numbers, times=reminder.local_times, zone=zone, after=since, until=now
    )
    return [moment for moment in moments if moment >= reminder.active_since]


def send_due(now=None):
    """Claim and queue every occurrence due in (now − LATE, now] not claimed yet. Of several
    missed occurrences of one reminder only the latest is sent, the others recorded as skipped:
    after downtime a member gets one email, not a pile."""
    now = now or timezone.now()
    since = now - late_window()
    claimed = claimed_since(since)
    readable = {}  # member id: the routines they may read, looked up once per member
    result = Result()
    for reminder in sendable_reminders():
        due = _due(reminder, since, now)
        fresh = [moment for moment in due if moment not in claimed.get(reminder.pk, ())]
        if not fresh:
            continue
        if reminder.user_id not in readable:
            routines = Routine.objects.readable_by(reminder.user).values_list("pk", flat=True)
            readable[reminder.user_id] = set(routines)
        if reminder.routine_id not in readable[reminder.user_id]:
            continue  # unpublished since it was chosen: its player would not open
        latest = due[-1]
        for moment in fresh:
            send = moment == latest
            if _claim(reminder, moment, send=send, now=now):
                if send:
                    result.sent += 1
                else:
                    result.skipped += 1
    forget_old_deliveries(now)
    return result


def forget_old_deliveries(now):
    """Rows older than the look-back window can never be claimed again; keep a few weeks for
    the admin, then let them go."""
    keep = max(late_window(), datetime.timedelta(days=settings.PRACTICE["KEEP_DELIVERIES_DAYS"]))
    ReminderDelivery.objects.filter(due_at__lt=now - keep).delete()
