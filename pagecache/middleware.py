"""Whole-page caching for signed-out readers, and the Cache-Control every response deserves.

Signed-out readers get the same bytes (no cookie, no token), so the pages their views mark as
shared (`pagecache.cache.shared_page`) are stored whole under versioned keys (see versions.py) in
the "pages" cache, an alias of their own with its own size bound, so filling it can never evict
sessions or rate-limit counters. They are served before the session or the database is touched.
A conditional GET whose ETag still matches gets a 304 without rendering. ETags are weak: the
GZipMiddleware above compresses the same page for the readers who accept it, and either encoding
matches (RFC 9110, 8.8.3.2).

A stored page keeps every header the middleware below this one gave it, and a hit or a 304 is
built from them, so the hit, the miss and the 304 carry the same headers whatever middleware
is added later (middleware above this one applies to all three anyway).

Signed-in pages are never stored here and are marked private, no-store.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode

from . import versions
from .cache import page_cache_enabled

log = logging.getLogger(__name__)
PAGE_TIMEOUT = 24 * 3600  # versioned keys make entries stale-proof; this only ages old ones out
# A 304 carries what the 200 would have, except what describes the body it leaves out.
BODY_HEADERS = {"content-type", "content-length", "content-encoding"}


def _page_key(request, host):
    version = versions.current()
    raw = "|".join(
        [
            request.scheme,
            host,
            request.path,
            request.META.get("QUERY_STRING", ""),
            version[versions.CONTENT],
            version[versions.COMMENTS],
            versions.release(),
        ]
    )
    return "limber:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _etag_matches(request, etag):
    """If-None-Match, compared weakly (W/"x" matches "x")."""
    header = request.headers.get("If-None-Match", "")
    tags = (tag.strip().removeprefix("W/") for tag in header.split(","))
    return etag.removeprefix("W/") in tags or header.strip() == "*"


def _signed_out(request):
    cookies = request.COOKIES
    # Anyone with a session or a pending message may see something of their own.
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _finish(response, etag, hit):
    response["ETag"] = etag
    response["X-Page-Cache"] = "hit" if hit else "miss"
    patch_cache_control(
        response,
        public=True,
        max_age=0,  # browsers ask again each time (a 304 when unchanged)
        s_maxage=settings.LIMBER["SHARED_MAX_AGE"],
        stale_while_revalidate=60,
    )
    # Accept-Encoding: what GZipMiddleware says of the 200s, which a 304 must say too.
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
    return response


def _from_entry(request, entry, hit):
    etag, headers, body = entry
    if _etag_matches(request, etag):
        response = HttpResponseNotModified()
        headers = [(name, value) for name, value in headers if name.lower() not in BODY_HEADERS]
    else:
        response = HttpResponse(body)
    for name, value in headers:
        response[name] = value
    return _finish(response, etag, hit)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self._mark(request, self.get_response(request))
        with versions.for_this_request():
            if not (page_cache_enabled() and _signed_out(request)):
                return self._mark(request, self.get_response(request))
            host = request.get_host()  # a Host the site does not serve stops here, with a 400
            try:
                key = _page_key(request, host)
                entry = caches["pages"].get(key)
            except Exception:  # the cache server is down: render, as if nothing were kept
                log.warning("Page cache unavailable", exc_info=True)
                return self._mark(request, self.get_response(request))
            if entry is not None:
                return _from_entry(request, entry, hit=True)
            response = self.get_response(request)
            if not self._storable(request, response):
                return self._mark(request, response)
            etag = 'W/"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            entry = (etag, list(response.items()), response.content)
            caches["pages"].set(key, entry, PAGE_TIMEOUT)
            return _from_entry(request, entry, hit=False)

    @staticmethod
    def _storable(request, response):
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        return (
            match is not None
            and getattr(match.func, "shared_page", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (user is not None and user.is_authenticated)
            and "private" not in response.get("Cache-Control", "")
            # Only the addresses the site writes itself, to the letter: any other query string is
            # rendered, never stored.
            and request.META.get("QUERY_STRING", "") == urlencode(getattr(request, "canonical_query", {}))
        )

    @staticmethod
    def _mark(request, response):
        """Anything personal (a signed-in page, a response setting a cookie) stays private; what
        its view says is public (uploaded files) is the same for everyone, signed in or not."""
        user = getattr(request, "user", None)
        public = "public" in response.get("Cache-Control", "")
        if (user is not None and user.is_authenticated and not public) or response.cookies:
            patch_cache_control(response, private=True, no_store=True)
        return response
