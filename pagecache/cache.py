"""How views take part in the signed-out page cache (see middleware.py)."""

import hashlib

from django.conf import settings
from django.core.cache import caches

from . import versions

# How long a rendered fragment is kept. Keys carry version tokens, so this never makes one stale:
# it only lets fragments of old versions age out.
FRAGMENT_TIMEOUT = 24 * 3600


def shared_page(view):
    """Mark a view whose signed-out page is the same for every reader: the page cache may keep it.

    Nothing else is ever stored, so a new kind of page is cached only when its view says so."""
    view.shared_page = True
    return view


def canonical_query(request, **params):
    """Say which query values the page was built from, in the order and form the site writes them
    in its own links (None: left out). The page cache stores a page only when the request's query
    string is exactly that, so `?page=x00001`, `?page=99999` or `?&page=2` renders the page it
    can but never adds an entry."""
    request.canonical_query = {name: str(value) for name, value in params.items() if value is not None}


def page_cache_enabled():
    return settings.LIMBER["PAGE_CACHE"]


def kept(compute, *parts):
    """`compute()`, kept in the fragments cache under `parts`: name the value and everything it
    depends on, a version token among them, so that a kept value is never stale."""
    parts = (*parts, versions.release())
    key = "limber:kept:" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return caches["fragments"].get_or_set(key, compute, FRAGMENT_TIMEOUT)
