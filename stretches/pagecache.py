"""Whole-page caching for signed-out readers, and the Cache-Control every response deserves.

Signed-out readers get the same bytes (no cookie, no token: the members issue made it so), so
their pages are stored whole under versioned keys (see caching.py) and served before the
session or the database is touched. A conditional GET whose ETag still matches gets a 304
without rendering. Signed-in pages are never stored here and are marked private, no-store.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers

from .caching import (
    COMMENTS,
    CONTENT,
    LocalCopies,
    current_versions,
    page_cache_enabled,
    versions_for_this_request,
)

CACHEABLE_PREFIXES = ("/stretches/",)
ALLOWED_QUERY = {"page"}  # comment pages; any other query string is rendered, never stored
PAGE_TIMEOUT = 24 * 3600  # versioned keys make entries stale-proof; this only bounds the size


_local = LocalCopies()


def _is_cacheable_request(request):
    if not page_cache_enabled():  # only GET and HEAD requests reach this check
        return False
    if request.path != "/" and not request.path.startswith(CACHEABLE_PREFIXES):
        return False
    if set(request.GET) - ALLOWED_QUERY or any(len(v) > 6 for v in request.GET.values()):
        return False
    cookies = request.COOKIES
    # Anyone with a session or a pending message may see something of their own.
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _page_key(request):
    version = current_versions()
    page = request.GET.get("page", "")
    raw = f"{request.get_host()}|{request.path}|{page}|{version[CONTENT]}|{version[COMMENTS]}"
    return "limber:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _etag_matches(request, etag):
    header = request.headers.get("If-None-Match", "")
    return etag in (tag.strip() for tag in header.split(",")) or header.strip() == "*"


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
    patch_vary_headers(response, ["Cookie"])
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self._mark(request, self.get_response(request))
        with versions_for_this_request():
            return self._get(request)

    def _get(self, request):
        if not _is_cacheable_request(request):
            return self._mark(request, self.get_response(request))

        key = _page_key(request)
        entry = _local.get(key) or cache.get(key)
        if entry is not None:
            _local.put(key, entry)
            etag, content_type, body = entry
            if _etag_matches(request, etag):
                return _finish(HttpResponseNotModified(), etag, hit=True)
            return _finish(HttpResponse(body, content_type=content_type), etag, hit=True)

        response = self.get_response(request)
        if self._storable(request, response):
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            cache.set(key, (etag, response["Content-Type"], response.content), PAGE_TIMEOUT)
            if _etag_matches(request, etag):
                return _finish(HttpResponseNotModified(), etag, hit=False)
            return _finish(response, etag, hit=False)
        return self._mark(request, response)

    @staticmethod
    def _storable(request, response):
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (user is not None and user.is_authenticated)
            and "private" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _mark(request, response):
        """Anything personal (a signed-in page, a response setting a cookie) stays private."""
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or response.cookies:
            patch_cache_control(response, private=True, no_store=True)
        return response
