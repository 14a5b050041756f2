import json
import logging

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .clients import client_key

log = logging.getLogger("limber.csp")
REPORTS_PER_MINUTE = 20

# Django reads at most 1,024 bytes of a file part's headers, its name included.
LONG_FILE_NAME = (
    "The name of the file you chose is too long for us to read. Please rename it to something "
    "shorter (under 200 characters), then go back and choose it again."
)


def bad_request(request, exception):
    """400 in the site's look, saying what was wrong where we can tell.

    Django's own handler checks the CSRF token first, which reads the request body again: a body
    in a charset nobody can decode (utf-16, say) then fails once more, as a 500. This one never
    reads the request."""
    long_name = isinstance(exception, MultiPartParserError) and "header size" in str(exception)
    return HttpResponseBadRequest(
        loader.render_to_string("400.html", {"reason": LONG_FILE_NAME if long_name else ""})
    )


@csrf_exempt  # browsers send reports with no token; the view only logs
@require_POST
def csp_report(request):
    """What the Content-Security-Policy blocked, logged (at most 20 reports a minute from one
    address, so a page in a loop cannot fill the logs)."""
    key = f"limber:csp-reports:{client_key(request)}"
    cache.add(key, 0, 60)
    try:
        reports = cache.incr(key)
    except ValueError:  # the counter expired (or was culled) between the two calls
        reports = 1
    if reports <= REPORTS_PER_MINUTE:
        try:
            report = json.loads(request.body[:10_000] or b"{}").get("csp-report", {})
        except (ValueError, AttributeError, RecursionError):  # not JSON, not an object, too deep
            report = {}
        if isinstance(report, dict):
            log.warning(
                "CSP blocked %s on %s (%s)",
                str(report.get("blocked-uri", "?"))[:200],
                str(report.get("document-uri", "?"))[:200],
                str(report.get("violated-directive", "?"))[:100],
            )
    return HttpResponse(status=204)
