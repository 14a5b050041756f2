"""What members did (their practice log) and what they asked to be reminded of."""

import datetime
import re
import zoneinfo
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .schedule import occurrences

WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TIME_PATTERN = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)", re.ASCII)


@cache
def time_zone_names():
    """Every IANA zone this machine knows, sorted. Cached: reading tzdata takes a while."""
    return sorted(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in set(time_zone_names()):
        raise ValidationError("Choose a time zone from the list.")


def validate_weekdays(value):
    # A string like "01234": Monday=0 … Sunday=6, each day once, in order.
    if not value or not re.fullmatch(r"[0-6]{1,7}", value) or "".join(sorted(set(value))) != value:
        raise ValidationError("Choose at least one day.")


def validate_times(value):
    # "11:00,15:00": one to six local times, HH:MM, in order.
    parts = value.split(",") if value else []
    if not parts or len(parts) > settings.PRACTICE["MAX_TIMES"]:
        raise ValidationError(f"Give one to {settings.PRACTICE['MAX_TIMES']} times.")
    if any(not re.fullmatch(r"\d\d:\d\d", part) or not TIME_PATTERN.fullmatch(part) for part in parts):
        raise ValidationError("Times are HH:MM, e.g. 07:30.")


class PracticeSession(models.Model):
    """One routine a member played through (at least half of it), logged from the player."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_sessions"
    )
    # An editor may delete a routine; the member's history keeps its name (routine_name).
    routine = models.ForeignKey(
        "stretches.Routine", on_delete=models.SET_NULL, null=True, related_name="practice_sessions"
    )
    routine_name = models.CharField(max_length=150)
    done_at = models.DateTimeField(default=timezone.now, help_text="When the member logged it.")
    seconds = models.PositiveIntegerField(help_text="Seconds of the routine played, at most its total.")
    completed = models.BooleanField(default=False, help_text="Played to the end.")

    class Meta:
        ordering = ["-done_at", "-id"]
        indexes = [models.Index(fields=["user", "-done_at"], name="practice_user_done")]

    def __str__(self):
        return f"{self.user} did {self.routine_name} at {self.done_at:%Y-%m-%d %H:%M}"

    @property
    def duration(self):
        return duration(self.seconds)


def duration(seconds):
    """Minutes and seconds, as a log should say them: “5 min 24 s”, “45 s”, “12 min”. Rounding a
    short session to whole minutes would make 5 min 24 s and 5 min 50 s look the same."""
    whole, rest = divmod(seconds or 0, 60)
    if not seconds:
        return "0 min"
    if not whole:
        return f"{rest} s"
    return f"{whole} min {rest} s" if rest else f"{whole} min"


class Reminder(models.Model):
    """An email at local times on chosen weekdays, leading straight into a routine's player."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    routine = models.ForeignKey("stretches.Routine", on_delete=models.CASCADE, related_name="reminders")
    weekdays = models.CharField(
        max_length=7, validators=[validate_weekdays], help_text="Days, Monday=0 … Sunday=6, e.g. 01234."
    )
    times = models.CharField(
        max_length=40, validators=[validate_times], help_text="Local times, HH:MM, comma-separated."
    )
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    active = models.BooleanField(default=True, help_text="Paused or unsubscribed reminders send nothing.")
    created_at = models.DateTimeField(default=timezone.now)
    # Nothing due before this is sent: a reminder resumed after a pause does not catch up.
    active_since = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.routine} for {self.user} ({self.describe()})"

    @property
    def weekday_numbers(self):
        return [int(day) for day in self.weekdays]

    @property
    def local_times(self):
        return [datetime.time(int(part[:2]), int(part[3:])) for part in self.times.split(",")]

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def describe_days(self):
        days = self.weekdays
        named = {"0123456": "Every day", "01234": "Weekdays", "56": "Weekends"}
        return named.get(days) or ", ".join(WEEKDAY_NAMES[int(day)][:3] for day in days)

    def describe(self):
        return f"{self.describe_days()} at {self.times.replace(',', ', ')} ({self.time_zone})"

    def next_due(self, now=None):
        """The next occurrence, in the reminder's own zone (None while paused)."""
        if not self.active:
            return None
        now = now or timezone.now()
        found = occurrences(
            weekdays=self.weekday_numbers,
            times=self.local_times,
            zone=self.zone,
            after=now,
            until=now + datetime.timedelta(days=8),
        )
        return found[0].astimezone(self.zone) if found else None

    def describe_next(self, now=None):
        """ "Tuesday 7 Dec at 19:00 (Europe/Berlin)", or "" while paused."""
        due = self.next_due(now)
        return f"{due:%A} {due.day} {due:%b at %H:%M} ({self.time_zone})" if due else ""


class ReminderDelivery(models.Model):
    """One occurrence of a reminder, claimed by the run that sends it. The unique key is what
    makes each occurrence go out once, however many runs overlap."""

    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="deliveries")
    due_at = models.DateTimeField(help_text="The occurrence, in UTC.")
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When its email was queued.")
    skipped = models.BooleanField(
        default=False, help_text="Missed while sending was down, and not sent: a later one was."
    )

    class Meta:
        ordering = ["-due_at"]
        constraints = [models.UniqueConstraint(fields=["reminder", "due_at"], name="deliver_reminder_once")]
        indexes = [models.Index(fields=["due_at"], name="practice_delivery_due")]
        verbose_name_plural = "reminder deliveries"

    def __str__(self):
        return f"{self.reminder_id} due {self.due_at:%Y-%m-%d %H:%M}"
