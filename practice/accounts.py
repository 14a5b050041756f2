"""A member's practice data in their download (registered with privacy.registry from apps.py).
Deleting the account deletes it all: every row here hangs off the user by a cascading key."""


def export_practice(user, request):
    def url(routine):
        return request.build_absolute_uri(routine.get_absolute_url()) if routine else None  # deleted since

    return {
        "practice_sessions": [
            {
                "routine": session.routine_name,
                "url": url(session.routine),
                "done_at": session.done_at.isoformat(),
                "seconds": session.seconds,
                "completed": session.completed,
            }
            for session in user.practice_sessions.select_related("routine").order_by("done_at", "id")
        ],
        "reminders": [
            {
                "routine": reminder.routine.name,
                "weekdays": reminder.weekday_numbers,  # Monday=0 … Sunday=6
                "times": reminder.times.split(","),
                "time_zone": reminder.time_zone,
                "active": reminder.active,
                "created_at": reminder.created_at.isoformat(),
                "sent": [sent.due_at.isoformat() for sent in reminder.deliveries.all() if sent.sent_at],
            }
            for reminder in user.reminders.select_related("routine").prefetch_related("deliveries")
        ],
    }
