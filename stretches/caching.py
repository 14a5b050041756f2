"""Caching that is correct first: versioned keys, so a change is seen by the very next reader.

Two versions live in the default cache (CACHE_URL: Redis in production, shared by every worker):

- "content": articles, sections, stretches, routines, topics, calls to action, authors' names.
  Whole pages and the article-body fragments depend on it.
- "comments": anything a reader sees of comments (threads, counts in lists). Whole pages and the
  related-articles fragment (its cards count comments) depend on it; the article body does
  not, so approving a comment re-renders pages cheaply.

A version is a random token, never a counter: if the cache evicts a version key, the next one is
new and can never match pages stored under an old one. Changing content replaces the token, so
every key built from it changes at once; old entries simply age out.
"""

import hashlib
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe

CONTENT = "content"
COMMENTS = "comments"
NEXT_PUBLISH = "limber:next-publish"  # when the next scheduled article goes public (a timestamp)
FRAGMENT_TIMEOUT = 24 * 3600


def _key(scope):
    return f"limber:version:{scope}"


_request = threading.local()


class versions_for_this_request:  # noqa: N801 - used like a function, as a context manager
    """Read the versions once for a whole GET request (the page key and every fragment key use
    them). Writes never use this: a request that changes content sees its own change."""

    def __enter__(self):
        _request.active, _request.versions = True, None  # read on first use only

    def __exit__(self, *exc):
        _request.active, _request.versions = False, None


def current_versions():
    if not getattr(_request, "active", False):
        return versions()
    if _request.versions is None:
        _request.versions = versions()
    return _request.versions


def versions():
    """{scope: token} for both scopes, creating tokens that are missing. No database query, except
    once after content changes, to learn when the next scheduled article goes public."""
    keys = [_key(CONTENT), _key(COMMENTS), NEXT_PUBLISH]
    found = cache.get_many(keys)
    if _key(CONTENT) not in found or (found.get(NEXT_PUBLISH) or float("inf")) <= time.time():
        found[_key(CONTENT)] = _replace(CONTENT)  # a scheduled article just went public
        found.pop(NEXT_PUBLISH, None)
    if NEXT_PUBLISH not in found:
        cache.set(NEXT_PUBLISH, _next_publication(), None)
    if _key(COMMENTS) not in found:
        found[_key(COMMENTS)] = _replace(COMMENTS)
    return {CONTENT: found[_key(CONTENT)], COMMENTS: found[_key(COMMENTS)]}


def _next_publication():
    """When the next article dated in the future becomes public (a timestamp), or 0."""
    from stretches.models import Article

    upcoming = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming else 0


def _replace(scope):
    token = uuid.uuid4().hex
    cache.set(_key(scope), token, None)
    if scope == CONTENT:
        cache.delete(NEXT_PUBLISH)  # publication dates may have changed: look again on next read
    return token


def bump(*scopes):
    """Content or comments changed: make every page and fragment built from them new.

    Done at once (so this process sees the change) and again when the transaction commits
    (so no reader can re-cache the old page between the change and its commit)."""

    def replace():
        for scope in scopes:
            _replace(scope)

    replace()
    transaction.on_commit(replace)


class BumpsContentVersion:
    """For content models: saving or deleting one changes what readers see."""

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        bump(CONTENT)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        bump(CONTENT)
        return result


class LocalCopies:
    """The last pages or fragments this process used, by their versioned key. A key names one
    version of the content and comments, so a local copy can never be stale; it saves reading and
    unpickling it from the shared cache every time."""

    def __init__(self, size=64):
        self.size, self.pages = size, OrderedDict()

    def get(self, key):
        entry = self.pages.get(key)
        if entry is not None:
            self.pages.move_to_end(key)
        return entry

    def put(self, key, entry):
        self.pages[key] = entry
        if len(self.pages) > self.size:
            self.pages.popitem(last=False)


_fragments = LocalCopies(size=256)


def cached_fragment(key, render):
    """HTML shared by many readers: from this process, else the shared cache, else `render()`."""
    html = _fragments.get(key) or cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, FRAGMENT_TIMEOUT)
    _fragments.put(key, html)
    return mark_safe(html)  # noqa: S308 - our own templates' output


def fragment_key(name, *parts):
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f"limber:fragment:{name}:{current_versions()[CONTENT]}:{digest}"


def page_cache_enabled():
    return settings.LIMBER["PAGE_CACHE"]
