"""Error reports that cannot be turned into a flood of mail, and client mistakes that are not
errors at all."""

import hashlib
import logging
import time

from django.core.cache import cache
from django.utils.log import AdminEmailHandler

WINDOW_SECONDS = 600  # the same error mails the admins at most once in this long
KEY = "limber:error-mail:"  # kept in each process's memory while a shared cache is down


def _signature(record):
    """The same error: the same exception class (or message, without one) in the same view, by
    its URL pattern, not the address (any number of slugs lead to one view)."""
    kind = record.exc_info[0].__qualname__ if record.exc_info and record.exc_info[0] else str(record.msg)
    match = getattr(getattr(record, "request", None), "resolver_match", None)
    where = match.route if match is not None else ""
    return hashlib.sha256(f"{record.name}|{kind}|{where}".encode()).hexdigest()[:32]


class ThrottledAdminEmailHandler(AdminEmailHandler):
    """Django's mail to ADMINS, at most once per WINDOW_SECONDS for the same error; the next mail
    for it says how many more there were meanwhile. Anyone who can cause an error can send
    requests in a loop, and each report is a mail on the queue and in someone's inbox."""

    def emit(self, record):
        signature = _signature(record)
        now = time.time()
        try:
            # When it was last mailed is in the entry itself: the cache's own expiry (Redis's
            # clock) only clears old entries away.
            if not cache.add(KEY + signature, now, WINDOW_SECONDS):
                last = cache.get(KEY + signature)
                if isinstance(last, float) and now - last < WINDOW_SECONDS:
                    cache.add(KEY + signature + ":repeats", 0, None)
                    cache.incr(KEY + signature + ":repeats")
                    return
                cache.set(KEY + signature, now, WINDOW_SECONDS)
            repeats = cache.get(KEY + signature + ":repeats") or 0
            cache.delete(KEY + signature + ":repeats")
        except Exception:  # a report must never fail on its cache
            repeats = 0
        if repeats:
            record = logging.makeLogRecord(record.__dict__)  # the console keeps the plain one
            record.msg = f"{record.msg} ({repeats} more like it since the last report)"
        super().emit(record)


class AsWarning(logging.Filter):
    """Django logs a request it refuses as too big at ERROR; it is the client's mistake."""

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
