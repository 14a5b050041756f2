"""The apps' own choices, apart from the settings that differ between machines: settings.py
imports them, once its .env file has been read (a few still come from the environment)."""

import environ

env = environ.Env()

# Members' practice log and reminder emails (practice/). Cron runs `manage.py send_reminders`
# every few minutes; each occurrence of a reminder is sent once (see practice/sending.py).
PRACTICE = {
    "LOG_MIN_SHARE": 0.5,  # a session counts once at least this share of the routine was played
    "DUPLICATE_SECONDS": 60,  # the same routine logged again this soon is one session (a double click)
    "LOG_SHOWN": 50,  # sessions listed on the log page, newest first
    # A reminder whose run cron missed is still sent this late, once; older ones are dropped, and
    # of several missed ones only the latest goes.
    "REMINDER_LATE_MINUTES": 120,
    "MAX_REMINDERS": 20,  # per member: reminders are email the site sends on their behalf
    "MAX_TIMES": 6,  # times of day in one reminder
    "KEEP_DELIVERIES_DAYS": 30,  # records of sent reminders, for the admin (never less than the window)
}

# Reader comments: WordPress's defaults, made better (see comments/services.py).
COMMENTS = {
    "GUESTS": env.bool("COMMENTS_GUESTS", default=True),  # guests may comment after confirming by email
    "MAX_DEPTH": 3,  # replies nest this deep
    "PER_PAGE": 30,  # top-level threads per page
    "REPLIES_SHOWN": 20,  # replies of a thread shown on the article page; the rest on its own pages
    "REPLIES_PER_PAGE": 50,  # replies per page of a thread's own pages
    "CLOSE_AFTER_DAYS": env.int("COMMENTS_CLOSE_AFTER_DAYS", default=0),  # 0: never close by age
    "MAX_LENGTH": 5000,  # characters in one comment
    "GUEST_EMAILS_PER_HOUR": 3,  # confirmation emails to one address, or for one reader's address
    "MODERATORS_GROUP": "Moderators",  # who works the queue and is told about held comments
    "MIN_FILL_SECONDS": 3,  # a form sent faster than this was not typed by a person
    # One comment per member or address in this many seconds (0 only for benchmarks).
    "RATE_SECONDS": env.int("COMMENTS_RATE_SECONDS", default=15),
    "HOLD_LINKS": 2,  # this many links or more: held for moderation
    "EDIT_MINUTES": 15,  # authors may edit for this long
    "REPORTS_TO_HOLD": 3,  # reports from different members that send an approved comment back
    "UNCONFIRMED_DAYS": 7,  # guest comments not confirmed by email are deleted after this
    "KEEP_IP_DAYS": 30,  # addresses are kept this long against spam, then forgotten
}
