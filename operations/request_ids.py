"""A request id on every response and every log line written while serving it, so one reader's
report ("it broke at 10:14") leads to the lines that matter."""

import contextvars
import logging
import re
import uuid

from web.clients import through_our_proxy

_current = contextvars.ContextVar("request_id", default="-")
# An id our own proxy made (nginx's $request_id) is kept; anything else gets a new one.
_WELL_FORMED = re.compile(r"[A-Za-z0-9-]{8,64}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        trusted = offered and through_our_proxy(request) and _WELL_FORMED.fullmatch(offered)
        request.id = offered if trusted else uuid.uuid4().hex
        token = _current.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Gives each log record the id of the request being served ("-" outside one)."""

    def filter(self, record):
        record.request_id = _current.get()
        return True
