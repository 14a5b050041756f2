"""413 for a request body larger than the site reads, before anything tries to read it."""

import logging

from django.conf import settings
from django.http import HttpResponse

log = logging.getLogger("limber.requests")


class RequestSizeMiddleware:
    """Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE only once a view or the CSRF check
    reads it, as a 400 logged as an error (and mailed to the admins). Said here instead, as what
    it is: a 413, logged as a warning. Uploads (multipart) are left to Django, which counts
    their fields apart from their files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/")
        if limit is not None and length > limit and not multipart:
            log.warning(
                "Refused a %d-byte %s to %s (at most %d)", length, request.method, request.path, limit
            )
            return HttpResponse(
                "That request was larger than this site accepts.\n",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
