"""Version tokens: cached pages and fragments are keyed by them, so a change is seen at once.

Two scopes live in the default cache (CACHE_URL: Redis in production, shared by every worker):

- CONTENT: anything shown in articles, topics, stretches, routines and calls to action, and
  members' public names and avatars. Whole pages and content fragments depend on it.
- COMMENTS: anything a reader sees of comments (threads, counts in lists). Whole pages and the
  comment fragments depend on it; article bodies do not, so approving a comment re-renders
  cheaply.

A version is a random token, never a counter: if the cache evicts a version key, the next one is
new and can never match entries stored under an old one. Replacing a token changes every key
built from it at once; old entries simply age out.

Each member also has a token of their own (`member()`), for what only they see.

Content can also change on its own, when a scheduled article's time comes. Apps tell this module
when that is with `schedule()`; the content token carries the moment, and is replaced by the
first read after it.
"""

import functools
import hashlib
import threading
import time
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

CONTENT = "content"
COMMENTS = "comments"
SCOPES = (CONTENT, COMMENTS)
MEMBER_TIMEOUT = 30 * 24 * 3600  # a member's token outlives anything kept under it

_schedules = []
_request = threading.local()


def key(scope):
    """Where a scope's (token, when scheduled content next goes public or 0) is kept."""
    return f"limber:version2:{scope}"


def schedule(next_change):
    """Register `next_change()`: the timestamp at which content next changes by itself, or 0."""
    _schedules.append(next_change)


class for_this_request:  # noqa: N801 - used like a function, as a context manager
    """Read the versions once for a whole GET request (the page key and every fragment key use
    them). Writes never use this: a request that changes content sees its own change."""

    def __enter__(self):
        _request.active, _request.versions, _request.members = True, None, {}  # read on first use

    def __exit__(self, *exc):
        _request.active, _request.versions, _request.members = False, None, {}


def current():
    """{scope: token}, read once per GET request (see for_this_request)."""
    if not getattr(_request, "active", False):
        return read()
    if _request.versions is None:
        _request.versions = read()
    return _request.versions


def read():
    """{scope: token} for every scope, in one read of the shared cache, making tokens that are
    missing or whose scheduled content has just gone public. No database query but then."""
    found = cache.get_many([key(scope) for scope in SCOPES])
    tokens = {}
    for scope in SCOPES:
        entry = found.get(key(scope))
        if not isinstance(entry, tuple) or 0 < entry[1] <= time.time():
            entry = _replace(scope)
        tokens[scope] = entry[0]
    return tokens


def _replace(scope):
    """A new token; for content, with when scheduled content next goes public (a query)."""
    due = 0
    if scope == CONTENT:
        due = min((moment for moment in (when() for when in _schedules) if moment), default=0)
    entry = (uuid.uuid4().hex, due)
    cache.set(key(scope), entry, None)
    return entry


@functools.cache
def release():
    """Which code is running, part of every cached page and fragment's key, so that pages and
    fragments kept in a shared store (Redis) are never served by, or to, another version of the
    code: LIMBER_RELEASE if the deploy names one, else a digest of the project's own code,
    templates and static files, read once per process."""
    if settings.LIMBER["RELEASE"]:
        return settings.LIMBER["RELEASE"]
    base = Path(settings.BASE_DIR)
    folders = [Path(app.path) for app in apps.get_app_configs() if Path(app.path).is_relative_to(base)]
    folders += [Path(entry["DIRS"][0]) for entry in settings.TEMPLATES if entry.get("DIRS")]
    folders += [Path(folder) for folder in settings.STATICFILES_DIRS]
    digest = hashlib.sha256()
    for path in sorted(p for folder in folders for p in folder.rglob("*") if p.is_file()):
        if path.suffix not in (".pyc",):
            digest.update(str(path.relative_to(base)).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def member(pk):
    """A member's own token: it changes whenever something only they see changes (their comments
    awaiting moderation, what they saved), so what is kept for them alone is never stale. Read
    once per request."""
    if getattr(_request, "active", False):
        tokens = _request.members
        if pk not in tokens:
            tokens[pk] = _member_token(pk)
        return tokens[pk]
    return _member_token(pk)


def _member_token(pk):
    token = cache.get(key(f"member:{pk}"))
    if not isinstance(token, str):
        token = _replace_member(pk)
    return token


def _replace_member(pk):
    token = uuid.uuid4().hex
    cache.set(key(f"member:{pk}"), token, MEMBER_TIMEOUT)
    return token


def bump_members(pks):
    """Something only these members see changed (at once, and again on commit, as `bump`)."""
    pks = {pk for pk in pks if pk is not None}

    def replace():
        for pk in pks:
            _replace_member(pk)

    if pks:
        replace()
        transaction.on_commit(replace)


def forget():
    """Drop every scope's token (the next read makes new ones): for when the database itself may
    not be ready to say what is scheduled, as while migrations run."""
    cache.delete_many([key(scope) for scope in SCOPES])


def bump(*scopes):
    """What readers see in these scopes changed (all, if none is named): every page and fragment
    built from them is new.

    Done at once (so this process sees the change) and again when the transaction commits (so no
    reader can re-cache the old page between the change and its commit)."""
    scopes = scopes or SCOPES

    def replace():
        for scope in scopes:
            _replace(scope)

    replace()
    transaction.on_commit(replace)
