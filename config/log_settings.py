"""Where the site's log lines go, and which of them are mailed to ADMINS (config/settings.py
reads DJANGO_LOG_LEVEL and passes it here)."""


def logging_config(level):
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "operations.request_ids.RequestIdFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
            "as_warning": {"()": "operations.error_mail.AsWarning"},
        },
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "plain"},
            # Django's mail to ADMINS, at most once per 10 minutes for the same error.
            "mail_admins": {
                "class": "operations.error_mail.ThrottledAdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false"],
            },
            "console_as_warning": {
                "class": "logging.StreamHandler",
                "filters": ["request_id", "as_warning"],
                "formatter": "plain",
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django": {"handlers": ["mail_admins"], "level": "INFO"},  # and the console, through root
            # Requests for host names the site does not serve (scanners) are logged, not mailed.
            "django.security.DisallowedHost": {"handlers": ["console"], "propagate": False},
            # So are requests too big or with too many fields: the client's mistake, not an error.
            **{
                f"django.security.{name}": {"handlers": ["console_as_warning"], "propagate": False}
                for name in ("RequestDataTooBig", "TooManyFieldsSent", "TooManyFilesSent")
            },
        },
    }
