"""`RedirectMiddleware` applies a redirect only where the site would answer 404, so whatever is
shown at an address (a new article that took an old slug, a draft previewed by an editor) always
wins, and a draft that took it leaves the redirect working for readers.
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control

from .models import PATH_LENGTH, Redirect, validate_local_path
from .renames import path_key

# Browsers keep a 301 for as long as it says: a day, so an address a new page takes is seen.
REDIRECT_MAX_AGE = 24 * 3600


def _is_local(path):
    try:
        validate_local_path(path)
    except ValidationError:
        return False
    return True


def _target(path):
    """Where `path` moved: its own redirect, or else the longest moved address above it, with
    the rest of the path kept (a renamed topic's /feed/, a renamed routine's /play/)."""
    segments = path.split("/")[1:-1]  # "/a/b/c/" → ["a", "b", "c"]; the root never redirects
    above = ["/" + "/".join(segments[:n]) + "/" for n in range(1, len(segments) + 1)]
    if not path.endswith("/"):
        above.append(path)
    found = dict(Redirect.objects.filter(old_path__in=above).values_list("old_path", "new_path"))
    if not found:
        return None
    old = max(found, key=len)
    new = found[old]
    if old == path:
        return new
    return new + path[len(old) :] if new.endswith("/") and "?" not in new else None


class RedirectMiddleware:
    """A GET or HEAD the site answers with 404 at a recorded old address gets a 301 to its new one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        path = request.path
        if len(path) > PATH_LENGTH or "\x00" in path:  # nothing stored is that long; PostgreSQL refuses NUL
            return response
        target = _target(path)
        if not target or not _is_local(target) or path_key(target) == path:
            return response
        query = request.META.get("QUERY_STRING", "")
        if query:
            target += ("&" if "?" in target else "?") + query
        redirect = HttpResponsePermanentRedirect(target)
        patch_cache_control(redirect, max_age=REDIRECT_MAX_AGE)
        return redirect
