from django.conf import settings

from . import versions
from .cache import FRAGMENT_TIMEOUT


class _Versions:
    """The version tokens, read only if a template asks (most pages never do)."""

    def __getattr__(self, scope):
        if scope not in versions.SCOPES:
            raise AttributeError(scope)
        return versions.current()[scope]


def pages(request):
    """What every page's templates may use: the site's public address, and for `{% cache %}`
    blocks the version tokens and how long to keep a fragment."""
    return {
        "site_url": settings.LIMBER["SITE_URL"],
        "versions": _Versions(),
        "fragment_timeout": FRAGMENT_TIMEOUT,
    }
