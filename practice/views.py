import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from outbox.unsubscribe import invalid_link, unsubscribe_page, unsubscribe_view
from stretches.models import Routine, RoutineStep

from . import stats
from .forms import LogForm, ReminderForm, read_time, split_times, zone_options
from .models import PracticeSession, Reminder, duration
from .tokens import read_unsubscribe_token


def _play_url(slug):
    return reverse("stretches:routine_play", args=[slug])


@require_POST
def log(request):
    """The player's "Log it" button. A session counts once at least half the routine was played;
    the same routine sent again within a minute (a double click) is the same session."""
    form = LogForm(request.POST)
    form.is_valid()
    slug, seconds = form.cleaned_data.get("routine"), form.cleaned_data.get("seconds")
    if not request.user.is_authenticated:
        # Back to the player after logging in (a GET of this address would only say 405).
        return redirect_to_login(_play_url(slug) if slug else reverse("practice:log_page"))
    if slug is None:
        raise Http404("No routine to log.")
    steps = Prefetch("steps", queryset=RoutineStep.objects.select_related("stretch"))
    routine = get_object_or_404(Routine.objects.readable_by(request.user).prefetch_related(steps), slug=slug)
    total = routine.total_seconds()
    if seconds is None or not total:
        messages.error(request, "We could not tell how long you played, so nothing was logged.")
        return redirect(_play_url(routine.slug))
    seconds = min(seconds, total)
    if seconds < total * settings.PRACTICE["LOG_MIN_SHARE"]:
        messages.error(
            request,
            f"Not logged: a session counts once you have done at least half of {routine.name} "
            f"(you played {duration(seconds)} of {duration(total)}).",
        )
        return redirect(_play_url(routine.slug))
    _log_once(request.user, routine, seconds, total)
    messages.success(request, f"Logged: {routine.name}, {duration(seconds)}.")
    return redirect("practice:log_page")


def _log_once(user, routine, seconds, total):
    now = timezone.now()
    recently = now - datetime.timedelta(seconds=settings.PRACTICE["DUPLICATE_SECONDS"])
    with transaction.atomic():
        # Lock the member's row: two submits racing each other see one another's session.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if PracticeSession.objects.filter(user=user, routine=routine, done_at__gte=recently).exists():
            return
        PracticeSession.objects.create(
            user=user,
            routine=routine,
            routine_name=routine.name,
            done_at=now,
            seconds=seconds,
            completed=seconds >= total,
        )


@login_required
def log_page(request):
    return render(request, "practice/log.html", stats.overview(request.user))


@login_required
def reminders(request):
    """The member's reminders, and the form to add one."""
    reminders = list(request.user.reminders.select_related("routine"))
    # No zone of their own yet: the field is left empty for the browser's to be proposed (reminders.js).
    zone = stats.member_zone(request.user).key if reminders or _has_own_zone() else ""
    form = ReminderForm(request.POST or None, user=request.user, time_zone=zone)
    if request.method == "POST" and form.is_valid():
        form.save()
        reminder = form.instance
        messages.success(
            request,
            f"Reminder added: {reminder.routine.name}, {reminder.describe()}. "
            f"Next reminder: {reminder.describe_next()}.",
        )
        return redirect("practice:reminders")
    # Typed times go back into their boxes, as a time box holds them (HH:MM); one that is no time
    # of day cannot (the error beside the boxes names it).
    typed = split_times(form["times"].value()) if form.is_bound else []
    times = [f"{moment:%H:%M}" for moment in map(read_time, typed) if moment]
    context = {
        "form": form,
        "zone_options": zone_options(),
        "time_values": times + [""] * (settings.PRACTICE["MAX_TIMES"] - len(times)),  # one box each
        "reminders": [(reminder, reminder.describe_next()) for reminder in reminders],
        "can_receive": request.user.emailaddress_set.filter(primary=True, verified=True).exists(),
    }
    return render(request, "practice/reminders.html", context)


def _has_own_zone():
    return timezone.get_current_timezone_name() != settings.TIME_ZONE


@require_POST
@login_required
def reminder_delete(request, pk):
    reminder = get_object_or_404(Reminder, pk=pk, user=request.user)
    reminder.delete()
    messages.success(request, f"Reminder deleted: {reminder.routine.name}.")
    return redirect("practice:reminders")


@require_POST
@login_required
def reminder_active(request, pk, active):
    """Pause or resume. Resuming starts afresh: nothing due while paused is sent late."""
    reminder = get_object_or_404(Reminder, pk=pk, user=request.user)
    if reminder.active != active:
        reminder.active = active
        reminder.active_since = timezone.now()
        reminder.save(update_fields=["active", "active_since"])
    verb = "resumed" if active else "paused"
    messages.success(request, f"Reminder {verb}: {reminder.routine.name}.")
    return redirect("practice:reminders")


@unsubscribe_view
def unsubscribe(request, token):
    """Stop one reminder (see outbox.unsubscribe)."""
    try:
        reminder_id, user_id = read_unsubscribe_token(token)
    except signing.BadSignature:
        return invalid_link(request, "practice/unsubscribe.html")
    reminder = Reminder.objects.select_related("routine").filter(pk=reminder_id, user_id=user_id).first()

    def stop():
        if reminder is not None:
            Reminder.objects.filter(pk=reminder.pk).update(active=False)

    return unsubscribe_page(request, "practice/unsubscribe.html", {"reminder": reminder}, stop)
