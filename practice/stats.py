"""What a member's log adds up to, week by week in their own time zone. Each function costs a
fixed number of queries, however long the log."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from stretches.models import Routine

from .models import Reminder, duration

WEEK = datetime.timedelta(days=7)
WEEKS_SHOWN = 8


def member_zone(user):
    """The member's own zone, made current for their requests by the accounts app, else that of
    their latest reminder (where they said they live), else the site's. At most 1 query."""
    current = timezone.get_current_timezone()
    if getattr(current, "key", settings.TIME_ZONE) != settings.TIME_ZONE:
        return current
    name = (
        Reminder.objects.filter(user=user)
        .order_by("-created_at", "-id")
        .values_list("time_zone", flat=True)
        .first()
    )
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):  # a zone tzdata has since dropped
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def this_monday(zone):
    today = timezone.localtime(timezone.now(), zone).date()
    return today - datetime.timedelta(days=today.weekday())


def sessions_by_week(user, zone):
    """{Monday (local date): (sessions, seconds)} for every ISO week they practised. 1 query,
    one row per active week: the database groups the log."""
    rows = (
        user.practice_sessions.order_by()  # no default ordering in the GROUP BY
        .annotate(week=TruncWeek("done_at", tzinfo=zone))
        .values("week")
        .annotate(sessions=Count("id"), seconds=Sum("seconds"))
    )
    return {row["week"].date(): (row["sessions"], row["seconds"] or 0) for row in rows}


def streak(weeks, monday):
    """Consecutive weeks with a session, ending this week, or last week (this one is not over)."""
    week = monday if monday in weeks else monday - WEEK
    count = 0
    while week in weeks:
        count += 1
        week -= WEEK
    return count


@dataclass
class Summary:
    zone: zoneinfo.ZoneInfo
    sessions: int  # this week
    seconds: int  # this week
    streak: int

    @property
    def duration(self):
        return duration(self.seconds)


def summary(user, zone=None, weeks=None):
    """This week and the streak, for the member area. 2 queries."""
    zone = zone or member_zone(user)
    weeks = sessions_by_week(user, zone) if weeks is None else weeks
    monday = this_monday(zone)
    sessions, seconds = weeks.get(monday, (0, 0))
    return Summary(zone=zone, sessions=sessions, seconds=seconds, streak=streak(weeks, monday))


@dataclass
class Week:
    monday: datetime.date
    sessions: int
    seconds: int
    current: bool

    @property
    def duration(self):
        return duration(self.seconds)


def recent_weeks(weeks, monday):
    """The last WEEKS_SHOWN weeks, oldest first, this one last, empty weeks included."""
    shown = []
    for back in range(WEEKS_SHOWN - 1, -1, -1):
        start = monday - back * WEEK
        sessions, seconds = weeks.get(start, (0, 0))
        shown.append(Week(monday=start, sessions=sessions, seconds=seconds, current=not back))
    return shown


def most_done(user, count=3):
    """Their `count` most-done routines, each with `times`. 1 query."""
    return (
        Routine.objects.filter(practice_sessions__user=user)
        .annotate(times=Count("practice_sessions"))  # counts only their sessions: the filter's join
        .order_by("-times", "name")[:count]
    )


def overview(user):
    """Everything the log page shows. 4 queries: zone, weeks, latest sessions, favourites."""
    zone = member_zone(user)
    weeks = sessions_by_week(user, zone)
    shown = recent_weeks(weeks, this_monday(zone))
    return {
        "zone": zone,
        "summary": summary(user, zone, weeks),
        "weeks": shown,
        "most_seconds": max([1] + [week.seconds for week in shown]),  # the bars' full length
        "sessions": user.practice_sessions.select_related("routine")[: settings.PRACTICE["LOG_SHOWN"]],
        "favourites": most_done(user),
    }
