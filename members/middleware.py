"""Per-request account helpers: where a reader came from, and the member's own time zone."""

import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .adapter import local_path

ENTRANCES = ("account_login", "account_signup")


class NextFromRefererMiddleware:
    """A Log in or Sign up link followed without `?next=` (no script ran) still brings the reader
    back: the page they came from, named by the browser's same-site Referer, becomes the `next`.
    Signed-out pages stay the same for everyone; only the login and sign-up pages read it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = None

    def __call__(self, request):
        if self.paths is None:
            self.paths = {reverse(name) for name in ENTRANCES}
        if request.method == "GET" and request.path in self.paths and "next" not in request.GET:
            came_from = self._same_site_path(request)
            if came_from:
                request.GET = request.GET.copy()
                request.GET["next"] = came_from
        return self.get_response(request)

    @staticmethod
    def _same_site_path(request):
        referer = urlsplit(request.headers.get("Referer", ""))
        if referer.scheme != request.scheme or referer.netloc != request.get_host():
            return None
        path = referer.path + (f"?{referer.query}" if referer.query else "")
        if path.startswith("/accounts/") or not local_path(path):
            return None  # from one account page to another, nothing to go back to
        return path


class MemberTimeZoneMiddleware:
    """Dates and times a signed-in member sees are in their own zone (signed-out pages, cached for
    everyone, stay in the site's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session there is nobody signed in: do not load one (nor mark it as read).
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
        name = getattr(request.user, "time_zone", "") if signed_in else ""
        try:
            zone = zoneinfo.ZoneInfo(name) if name else None
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):  # a zone tzdata has since dropped
            zone = None
        if zone is None:
            timezone.deactivate()
            return self.get_response(request)
        with timezone.override(zone):
            return self.get_response(request)
